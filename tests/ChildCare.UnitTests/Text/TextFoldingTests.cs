using ChildCare.Core.Text;

namespace ChildCare.UnitTests.Text;

public class TextFoldingTests
{
    [Theory]
    [InlineData("Quận ủy Hai Bà Trưng", "quan uy hai ba trung")]
    [InlineData("Bảo vệ trẻ em", "bao ve tre em")]
    [InlineData("Đảng ủy phường Đống Mác", "dang uy phuong dong mac")]
    [InlineData("  Thành   ủy\tHà Nội ", "thanh uy ha noi")]
    [InlineData("Ứng Hòa", "ung hoa")]
    [InlineData(null, "")]
    public void Folding_removes_diacritics_case_and_extra_spaces(string? input, string expected) =>
        TextFolding.Fold(input).ShouldBe(expected);

    [Fact]
    public void Composed_and_decomposed_Vietnamese_fold_the_same() =>
        TextFolding.Fold("Trưng".Normalize(System.Text.NormalizationForm.FormD)).ShouldBe(TextFolding.Fold("Trưng"));
}

public class CsvTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var rows = Csv.Read(new StringReader("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\nthere\"\n")).ToList();
        rows.Count.ShouldBe(2);
        rows[1].ShouldBe(["1", "x, y", "say \"hi\"\nthere"]);
    }

    [Fact]
    public void A_header_row_names_the_fields_and_blank_lines_are_skipped()
    {
        var rows = Csv.ReadWithHeader(new StringReader("code,name\r\nTW,Trung ương\r\n\r\nP01,Hà Nội\r\n"));
        rows.Select(r => r["name"]).ShouldBe(["Trung ương", "Hà Nội"]);
    }
}
