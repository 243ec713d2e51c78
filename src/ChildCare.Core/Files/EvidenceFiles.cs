using System.IO.Compression;
using System.Security.Cryptography;

namespace ChildCare.Core.Files;

/// <summary>
/// Evidence files accepted on a report: PDF, DOCX, XLSX, JPG, PNG up to 20 MB, recognised by their
/// content (magic bytes, and for Office files the parts inside the package), never by the name.
/// </summary>
public static class EvidenceFiles
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public sealed record Kind(string Extension, string ContentType);

    public static readonly Kind Pdf = new(".pdf", "application/pdf");
    public static readonly Kind Png = new(".png", "image/png");
    public static readonly Kind Jpeg = new(".jpg", "image/jpeg");
    public static readonly Kind Docx = new(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    public static readonly Kind Xlsx = new(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /// <summary>The file's real kind, or null when it is none of the accepted ones.</summary>
    public static Kind? Detect(ReadOnlySpan<byte> content)
    {
        // A PDF ends with %%EOF (within its last kilobyte or so): without it the upload was cut short or the file is damaged.
        if (content.StartsWith("%PDF-"u8)) return content[Math.Max(0, content.Length - 2048)..].IndexOf("%%EOF"u8) >= 0 ? Pdf : null;
        if (content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return Png;
        if (content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return Jpeg;
        if (content.StartsWith("PK\x03\x04"u8)) return DetectOfficePackage(content.ToArray());
        return null;
    }

    private static Kind? DetectOfficePackage(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml")) return null;
            if (names.Contains("word/document.xml")) return Docx;
            if (names.Contains("xl/workbook.xml")) return Xlsx;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    /// <summary>A name safe to store and to send back: no folders, no control or bidirectional characters, the detected extension.</summary>
    public static string SafeName(string? fileName, Kind kind)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName(Text.TextInput.WithoutBidiControls(fileName ?? ""))).Trim();
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|')).ToArray());
        if (name.Length == 0) name = "minh-chung";
        if (name.Length > 120) name = name[..120];
        return name + kind.Extension;
    }
}
