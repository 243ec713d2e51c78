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
}
