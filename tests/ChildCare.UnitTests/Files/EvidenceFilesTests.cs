using System.IO.Compression;
using ChildCare.Core.Files;

namespace ChildCare.UnitTests.Files;

public class EvidenceFilesTests
{
    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var e in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(e).Open());
                w.Write("<x/>");
            }
        return buffer.ToArray();
    }

    [Fact]
    public void Files_are_recognised_by_their_content()
    {
        EvidenceFiles.Detect("%PDF-1.7 ...\n%%EOF\n"u8).ShouldBe(EvidenceFiles.Pdf);
        EvidenceFiles.Detect("%PDF-1.7 ... cut short"u8).ShouldBeNull();
        EvidenceFiles.Detect(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }).ShouldBe(EvidenceFiles.Png);
        EvidenceFiles.Detect(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }).ShouldBe(EvidenceFiles.Jpeg);
        EvidenceFiles.Detect(Zip("[Content_Types].xml", "word/document.xml")).ShouldBe(EvidenceFiles.Docx);
        EvidenceFiles.Detect(Zip("[Content_Types].xml", "xl/workbook.xml")).ShouldBe(EvidenceFiles.Xlsx);
    }

    [Fact]
    public void A_renamed_executable_or_a_plain_zip_is_refused()
    {
        EvidenceFiles.Detect("MZ\x90\0"u8).ShouldBeNull();
        EvidenceFiles.Detect(Zip("readme.txt")).ShouldBeNull();
        EvidenceFiles.Detect("PK\x03\x04 broken"u8).ShouldBeNull();
        EvidenceFiles.Detect([]).ShouldBeNull();
    }

    [Theory]
    [InlineData("Kế hoạch 28.pdf", "Kế hoạch 28.pdf")]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("bao-cao.exe", "bao-cao.pdf")]
    [InlineData("", "minh-chung.pdf")]
    public void Stored_names_keep_Vietnamese_lose_folders_and_take_the_real_extension(string given, string stored) =>
        EvidenceFiles.SafeName(given, EvidenceFiles.Pdf).ShouldBe(stored);

    [Fact]
    public void The_hash_is_lower_case_hex_SHA_256() =>
        EvidenceFiles.Sha256("abc"u8).ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
