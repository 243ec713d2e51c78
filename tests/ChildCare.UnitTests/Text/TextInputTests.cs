using ChildCare.Core.Text;

namespace ChildCare.UnitTests.Text;

public class TextInputTests
{
    [Theory]
    [InlineData("Kết quả\r\n\tđạt được", null)]
    [InlineData("a\u0000b", "NUL")]
    [InlineData("a\u0007b", "điều khiển")]
    public void Text_is_refused_for_control_characters_only(string text, string? reason)
    {
        var problem = TextInput.Problem(text, 100);
        if (reason is null) problem.ShouldBeNull();
        else problem!.ShouldContain(reason);
    }

    [Fact]
    public void Text_at_its_limit_passes_and_one_over_does_not()
    {
        TextInput.Problem(new string('x', 60), 60).ShouldBeNull();
        TextInput.Problem(new string('x', 61), 60)!.ShouldContain("vượt giới hạn 60");
    }

    [Fact]
    public void Bidirectional_controls_leave_names() =>
        TextInput.WithoutBidiControls("hoso\u202Efdp.exe\u2066.pdf\u200F").ShouldBe("hosofdp.exe.pdf");

    [Theory]
    [InlineData("DauVet\u202eKiemTra", "DauVetKiemTra")] // right-to-left override
    [InlineData("\ufeffKết quả\u200e tốt\u200f", "Kết quả tốt")] // BOM and direction marks pasted from a web page
    [InlineData("a\u2066b\u2069c\u061c", "abc")] // isolates, Arabic letter mark
    [InlineData("a\u0080b\u009fc", "abc")] // C1 controls
    [InlineData("dòng 1\u0085dòng 2\u2028dòng 3", "dòng 1\ndòng 2\ndòng 3")] // NEL and line separator are line breaks
    [InlineData("Kết quả\r\n\tđạt được", "Kết quả\r\n\tđạt được")] // multi-line text keeps its lines and tabs
    public void Hidden_controls_are_stripped_from_text_that_may_hold_lines(string text, string expected) =>
        TextInput.Clean(text, singleLine: false).ShouldBe(expected);

    [Theory]
    [InlineData("a\r\nBcc: x@y", "a Bcc: x@y")] // a name can never carry a header line into an e-mail
    [InlineData("Đảng ủy\nphường\tLong Thành\u202e", "Đảng ủy phường Long Thành")]
    [InlineData("Thành ủy Đồng Nai", "Thành ủy Đồng Nai")]
    public void One_line_fields_lose_line_breaks_and_tabs_too(string text, string expected) =>
        TextInput.Clean(text, singleLine: true).ShouldBe(expected);

    [Fact]
    public void Clean_text_is_returned_as_it_is_without_a_copy()
    {
        var text = "Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh";
        TextInput.Clean(text, singleLine: true).ShouldBeSameAs(text);
    }
}
