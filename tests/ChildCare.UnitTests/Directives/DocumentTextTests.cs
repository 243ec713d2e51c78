using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Directives.Import;

namespace ChildCare.UnitTests.Directives;

/// <summary>The bad-input corpus for imported documents: every file refused with a reason, fast, none read whole into memory.</summary>
public class DocumentTextTests
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private static byte[] Docx(string documentXml, Action<ZipArchive>? more = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Put(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                w.Write(text);
            }
            Put("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Put("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            Put("word/document.xml", documentXml);
            more?.Invoke(zip);
        }
        return buffer.ToArray();
    }

    private static string Body(string paragraphs) => $"<?xml version=\"1.0\"?><w:document xmlns:w=\"{W}\"><w:body>{paragraphs}</w:body></w:document>";

    private static string Refusal(string name, byte[] content) =>
        Should.Throw<ValidationFailedException>(() => DocumentText.Extract(name, content)).Errors["file"].Single();

    [Fact]
    public void A_docx_reads_as_paragraphs()
    {
        var text = DocumentText.Extract("chi-thi.docx", Docx(Body("<w:p><w:r><w:t>CHỈ THỊ</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">Về </w:t></w:r><w:r><w:t>trẻ em</w:t></w:r></w:p>")));
        text.ShouldBe("CHỈ THỊ\n\nVề trẻ em");
    }

    [Fact]
    public void A_decompression_bomb_is_refused_in_well_under_a_second()
    {
        var para = "<w:p><w:r><w:t>" + string.Concat(Enumerable.Repeat("Chỉ thị ", 50)) + "</w:t></w:r></w:p>";
        var bomb = Docx(Body(string.Concat(Enumerable.Repeat(para, 100_000)))); // ~45 MB inflated
        bomb.Length.ShouldBeLessThan(1_000_000);
        var clock = Stopwatch.StartNew();
        Refusal("bom.docx", bomb).ShouldContain("giải nén");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10)); // a bound on the defence, not a benchmark
    }

    [Fact]
    public void A_docx_with_a_dtd_is_refused() =>
        Refusal("dtd.docx", Docx($"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"))
            .ShouldContain("DTD");

    [Fact]
    public void Too_many_parts_are_refused() =>
        Refusal("parts.docx", Docx(Body(""), zip => { for (var i = 0; i < DocumentText.MaxParts; i++) zip.CreateEntry($"x/{i}.xml"); })).ShouldContain("thành phần");

    [Fact]
    public void A_truncated_docx_is_refused()
    {
        var whole = Docx(Body("<w:p><w:r><w:t>Chỉ thị</w:t></w:r></w:p>"));
        Refusal("cut.docx", whole[..(whole.Length / 2)]).ShouldContain("hỏng");
    }

    [Fact]
    public void A_broken_pdf_is_refused() => Refusal("hong.pdf", "%PDF-1.7\n%âãÏÓ\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ngarbage"u8.ToArray()).ShouldContain("PDF");

    [Fact]
    public void An_encrypted_pdf_is_refused_with_a_reason()
    {
        var pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            + "3 0 obj<</Filter/Standard/V 1/R 2/O(abcdefghijklmnopqrstuvwxyzabcdef)/U(abcdefghijklmnopqrstuvwxyzabcdef)/P -4>>endobj\n"
            + "trailer<</Root 1 0 R/Encrypt 3 0 R/ID[<01><01>]/Size 4>>\n%%EOF\n";
        Refusal("mat-khau.pdf", Encoding.ASCII.GetBytes(pdf)).ShouldContain("PDF");
    }

    [Fact]
    public void Binary_sent_as_text_is_refused()
    {
        var binary = new byte[50_000];
        new Random(7).NextBytes(binary);
        Refusal("anh.txt", binary).ShouldContain("nhị phân");
    }

    [Fact]
    public void Ten_megabytes_of_text_are_refused() =>
        Refusal("dai.txt", Encoding.UTF8.GetBytes(new string('a', 10_000_000))).ShouldContain("ký tự");

    [Fact]
    public void A_file_of_another_kind_is_refused() => Refusal("anh.png", [0x89, 0x50, 0x4E, 0x47]).ShouldContain(".docx");
}
