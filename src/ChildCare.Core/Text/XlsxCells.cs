using System.Globalization;
using System.IO.Compression;
using System.Xml;
using ChildCare.Core.Features.Common;

namespace ChildCare.Core.Text;

/// <summary>
/// Reads the first worksheet of an uploaded .xlsx as cell values by reference (shared strings resolved), with the
/// package bounded (size, parts, inflated size; no DTDs): for the report workbook and the account lists.
/// </summary>
public static class XlsxCells
{
    private const long MaxInflatedBytes = 30 * 1024 * 1024;
    private const int MaxParts = 200;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static ValidationFailedException Invalid(string message) => ValidationFailedException.For("file", message);

    /// <summary>The first sheet's cell values (shared strings resolved). Refuses what is not a small, plain workbook.</summary>
    public static Dictionary<string, string> Read(Stream file, long maxFileBytes)
    {
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        if (buffer.Length > maxFileBytes) throw Invalid($"Tệp Excel lớn hơn {maxFileBytes / (1024 * 1024)} MB.");
        buffer.Position = 0;
        try
        {
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxParts || zip.Entries.Sum(e => e.Length) > MaxInflatedBytes)
                throw Invalid("Tệp Excel quá lớn khi giải nén.");
            var shared = new List<string>();
            if (zip.GetEntry("xl/sharedStrings.xml") is { } sst)
                using (var reader = Xml(sst))
                    while (reader.Read())
                        if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
                            shared.Add(InnerText(reader));
            var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")
                ?? zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
                    .OrderBy(e => e.FullName, StringComparer.Ordinal).FirstOrDefault()
                ?? throw Invalid("Tệp không có trang tính nào.");
            var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            using (var reader = Xml(sheet))
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "c") continue;
                    var reference = reader.GetAttribute("r");
                    var type = reader.GetAttribute("t");
                    if (reference is null || reader.IsEmptyElement) continue;
                    string? value = null;
                    using (var cell = reader.ReadSubtree())
                        while (cell.Read())
                        {
                            if (cell.NodeType != XmlNodeType.Element) continue;
                            if (cell.LocalName == "v") value = cell.ReadElementContentAsString();
                            else if (cell.LocalName == "is") value = InnerText(cell);
                            if (value is not null) break;
                        }
                    if (value is null) continue;
                    cells[reference] = type == "s" && int.TryParse(value, NumberStyles.None, Invariant, out var index) && index < shared.Count ? shared[index] : value;
                }
            return cells;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException)
        {
            throw Invalid("Tệp không đọc được như một bảng tính Excel (.xlsx).");
        }
    }

    private static XmlReader Xml(ZipArchiveEntry entry) =>
        XmlReader.Create(entry.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, MaxCharactersInDocument = MaxInflatedBytes, XmlResolver = null });

    /// <summary>The text of an element's &lt;t&gt; runs (shared strings and inline strings), phonetic runs left out.</summary>
    private static string InnerText(XmlReader reader)
    {
        var text = new System.Text.StringBuilder();
        using var inner = reader.ReadSubtree();
        var skip = 0;
        while (inner.Read())
        {
            if (inner.NodeType == XmlNodeType.Element && inner.LocalName == "rPh" && !inner.IsEmptyElement) skip++;
            else if (inner.NodeType == XmlNodeType.EndElement && inner.LocalName == "rPh") skip--;
            else if (skip == 0 && inner.NodeType == XmlNodeType.Element && inner.LocalName == "t") text.Append(inner.ReadElementContentAsString());
        }
        return text.ToString();
    }
}
