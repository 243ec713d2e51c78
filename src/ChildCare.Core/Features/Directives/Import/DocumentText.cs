using System.IO.Compression;
using System.Text;
using System.Xml;
using ChildCare.Core.Features.Common;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace ChildCare.Core.Features.Directives.Import;

/// <summary>
/// The text of an uploaded document, read within bounds whatever the file claims: a .docx is streamed
/// (never loaded as a whole XML tree) with limits on parts, inflated bytes, XML elements and text, and
/// no DTD; a .pdf within limits on pages and text. Any breach is a 400 with the reason, in well under a
/// second and a few MB of memory (a 0.9 MB file that inflates to 180 MB stops at the first limit).
/// </summary>
public static class DocumentText
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public const int MaxParts = 1_000;
    public const long MaxInflatedBytes = 40 * 1024 * 1024;   // all parts together, as declared
    public const long MaxDocumentXmlBytes = 20 * 1024 * 1024; // the main part, as actually inflated
    public const int MaxElements = 1_000_000;
    public const int MaxTextChars = 2_000_000;               // a directive is ~30,000; the longest resolutions ~300,000
    public const int MaxPdfPages = 500;

    public static string Extract(string fileName, byte[] content)
    {
        if (content.Length > MaxFileBytes) throw Refuse("Tệp lớn hơn 20 MB.");
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (content.AsSpan().StartsWith("%PDF-"u8) || ext == ".pdf") return Pdf(content);
        if (content.AsSpan().StartsWith("PK\x03\x04"u8) || ext == ".docx") return Docx(content);
        if (ext is ".txt" or "") return PlainText(content);
        throw Refuse("Chỉ nhận văn bản dạng .txt, .docx hoặc .pdf có lớp chữ.");
    }

    public static string PlainText(byte[] content)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(content).TrimStart('\uFEFF');
        return CheckText(text);
    }

    /// <summary>Text is text: bounded, and not a binary file renamed (control characters other than line breaks and tabs).</summary>
    public static string CheckText(string text)
    {
        if (text.Length > MaxTextChars) throw Refuse($"Văn bản dài hơn {MaxTextChars:N0} ký tự; hãy nhập từng văn bản một.");
        var controls = 0;
        foreach (var c in text)
            if (c < ' ' && c is not ('\t' or '\n' or '\r' or '\f'))
                controls++;
        if (controls > 0 && controls * 200 > text.Length)
            throw Refuse("Tệp không phải văn bản (có nhiều ký tự nhị phân); hãy chọn tệp .txt, .docx hoặc .pdf.");
        return new string(text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r').ToArray());
    }

    private static string Pdf(byte[] content)
    {
        try
        {
            using var pdf = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true });
            if (pdf.NumberOfPages > MaxPdfPages) throw Refuse($"Tệp PDF có {pdf.NumberOfPages:N0} trang, vượt giới hạn {MaxPdfPages} trang.");
            var text = new StringBuilder();
            foreach (var page in pdf.GetPages())
            {
                if (text.Length > 0) text.Append("\n\n");
                text.Append(ContentOrderTextExtractor.GetText(page));
                if (text.Length > MaxTextChars) throw Refuse($"Tệp PDF chứa hơn {MaxTextChars:N0} ký tự chữ.");
            }
            if (text.ToString().Trim().Length < 20)
                throw Refuse("Tệp PDF không có lớp chữ (bản quét ảnh): cần nhận dạng chữ (OCR) trước khi nhập.");
            return CheckText(text.ToString());
        }
        catch (ValidationFailedException)
        {
            throw;
        }
        catch (Exception ex) when (ex.GetType().Namespace?.StartsWith("UglyToad", StringComparison.Ordinal) == true
                                   || ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException
                                       or InvalidDataException or FormatException or OverflowException or KeyNotFoundException or EndOfStreamException)
        {
            throw Refuse(ex.GetType().Name.Contains("Encrypt", StringComparison.Ordinal) || ex.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase)
                ? "Tệp PDF được mã hóa (đặt mật khẩu): hãy gỡ mật khẩu rồi tải lên lại."
                : "Tệp PDF bị hỏng hoặc không đọc được.");
        }
    }

    private static string Docx(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxParts) throw Refuse($"Tệp Word có {zip.Entries.Count:N0} thành phần, vượt giới hạn {MaxParts:N0}.");
            if (zip.Entries.Sum(e => e.Length) > MaxInflatedBytes)
                throw Refuse($"Tệp Word giải nén ra hơn {MaxInflatedBytes / 1024 / 1024} MB (có thể là tệp “bom nén”), không nhận.");
            var main = MainPartName(zip);
            var entry = zip.GetEntry(main) ?? throw Refuse("Tệp Word bị hỏng hoặc không phải .docx.");
            if (entry.Length > MaxDocumentXmlBytes)
                throw Refuse($"Nội dung tệp Word giải nén ra hơn {MaxDocumentXmlBytes / 1024 / 1024} MB, không nhận.");
            using var stream = new BoundedStream(entry.Open(), MaxDocumentXmlBytes);
            return CheckText(Paragraphs(stream));
        }
        catch (ValidationFailedException)
        {
            throw;
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse("Tệp Word chứa khai báo DTD, không được phép (nguy cơ tấn công XML).");
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or IOException)
        {
            throw Refuse("Tệp Word bị hỏng hoặc không phải .docx.");
        }
    }

    /// <summary>The main document part, found through the package relationships (word/document.xml almost always).</summary>
    private static string MainPartName(ZipArchive zip)
    {
        var rels = zip.GetEntry("_rels/.rels");
        if (rels is null || rels.Length > 1024 * 1024) return "word/document.xml";
        using var reader = XmlReader.Create(new BoundedStream(rels.Open(), 1024 * 1024), Settings);
        while (reader.Read())
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("Type")?.EndsWith("/officeDocument", StringComparison.Ordinal) == true
                && reader.GetAttribute("Target") is { Length: > 0 } target)
                return target.TrimStart('/');
        return "word/document.xml";
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxDocumentXmlBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Each w:p's w:t runs joined (tabs and breaks as spaces and lines), paragraphs separated by a blank line.</summary>
    private static string Paragraphs(Stream xml)
    {
        const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        var text = new StringBuilder();
        var paragraph = new StringBuilder();
        var elements = 0;
        using var reader = XmlReader.Create(xml, Settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                if (++elements > MaxElements) throw Refuse($"Tệp Word có hơn {MaxElements:N0} phần tử XML, vượt giới hạn.");
                if (reader.NamespaceURI != W) continue;
                switch (reader.LocalName)
                {
                    case "t" when !reader.IsEmptyElement:
                        paragraph.Append(reader.ReadElementContentAsString());
                        break;
                    case "tab":
                        paragraph.Append('\t');
                        break;
                    case "br" or "cr":
                        paragraph.Append('\n');
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "p" && reader.NamespaceURI == W)
            {
                if (text.Length > 0) text.Append("\n\n");
                text.Append(paragraph);
                paragraph.Clear();
                if (text.Length > MaxTextChars) throw Refuse($"Tệp Word chứa hơn {MaxTextChars:N0} ký tự chữ.");
            }
        }
        return text.ToString();
    }

    private static ValidationFailedException Refuse(string message) => ValidationFailedException.For("file", message);

    /// <summary>Reads at most <paramref name="limit"/> bytes, whatever the zip header declared, then refuses.</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            _read += n;
            if (_read > limit) throw Refuse($"Nội dung tệp Word giải nén ra hơn {limit / 1024 / 1024} MB, không nhận.");
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
