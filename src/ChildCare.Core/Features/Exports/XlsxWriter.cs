using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace ChildCare.Core.Features.Exports;

/// <summary>
/// A small streaming SpreadsheetML writer: rows go straight into the zip entry, so memory does not grow
/// with the number of rows. Numbers are number cells (with a format), text is inline; the header row is
/// bold and frozen. Plain (unprefixed) SpreadsheetML, as Excel itself writes it.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Cell styles defined in styles.xml.</summary>
    public enum Style
    {
        Text = 0,
        Header = 1,
        Integer = 2,
        Decimal = 3,

        /// <summary>Text marked quote-prefixed (shown and kept as text even when edited), for text that looks like a formula.</summary>
        QuotedText = 4,
    }

    public sealed record Column(string Header, double Width, Style Style);

    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];

    public XlsxWriter(Stream output) => _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

    public void Sheet<T>(string name, IReadOnlyList<Column> columns, IEnumerable<T> rows, Func<T, object?[]> cells)
    {
        _sheets.Add(name);
        using var writer = Xml(_zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", CompressionLevel.Fastest));
        writer.WriteStartElement("worksheet", Main);
        writer.WriteStartElement("sheetViews");
        writer.WriteStartElement("sheetView");
        writer.WriteAttributeString("workbookViewId", "0");
        writer.WriteStartElement("pane");
        writer.WriteAttributeString("ySplit", "1");
        writer.WriteAttributeString("topLeftCell", "A2");
        writer.WriteAttributeString("activePane", "bottomLeft");
        writer.WriteAttributeString("state", "frozen");
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement("cols");
        for (var i = 0; i < columns.Count; i++)
        {
            writer.WriteStartElement("col");
            writer.WriteAttributeString("min", (i + 1).ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("max", (i + 1).ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("width", columns[i].Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteAttributeString("customWidth", "1");
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteStartElement("sheetData");
        var r = 1;
        WriteRow(writer, r++, columns.Select(c => (object?)c.Header).ToArray(), columns.Select(_ => Style.Header).ToArray());
        var styles = columns.Select(c => c.Style).ToArray();
        foreach (var row in rows) WriteRow(writer, r++, cells(row), styles);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(XmlWriter w, int index, object?[] values, Style[] styles)
    {
        w.WriteStartElement("row");
        w.WriteAttributeString("r", index.ToString(CultureInfo.InvariantCulture));
        for (var c = 0; c < values.Length; c++)
        {
            var value = values[c];
            if (value is null) continue;
            w.WriteStartElement("c");
            w.WriteAttributeString("r", ColumnName(c) + index);
            switch (value)
            {
                case int or long or decimal or double:
                    w.WriteAttributeString("s", ((int)(styles[c] is Style.Integer or Style.Decimal ? styles[c] : Style.Decimal)).ToString(CultureInfo.InvariantCulture));
                    w.WriteElementString("v", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    w.WriteAttributeString("t", "inlineStr");
                    if (styles[c] == Style.Header) w.WriteAttributeString("s", ((int)Style.Header).ToString(CultureInfo.InvariantCulture));
                    else if (SpreadsheetText.LooksLikeFormula(value.ToString() ?? ""))
                        w.WriteAttributeString("s", ((int)Style.QuotedText).ToString(CultureInfo.InvariantCulture));
                    w.WriteStartElement("is");
                    w.WriteStartElement("t");
                    w.WriteAttributeString("xml", "space", null, "preserve");
                    w.WriteString(Clean(value.ToString() ?? ""));
                    w.WriteEndElement();
                    w.WriteEndElement();
                    break;
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    // XML 1.0 cannot carry most control characters: drop them rather than write a broken file.
    private static string Clean(string s) => s.Any(ch => char.IsControl(ch) && ch is not ('\n' or '\r' or '\t'))
        ? new string(s.Where(ch => !char.IsControl(ch) || ch is '\n' or '\r' or '\t').ToArray())
        : s;

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    public void Dispose()
    {
        WritePart("[Content_Types].xml", w =>
        {
            w.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
            Default(w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(w, "xml", "application/xml");
            Override(w, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            Override(w, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            for (var i = 1; i <= _sheets.Count; i++)
                Override(w, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            w.WriteEndElement();
        });
        WritePart("_rels/.rels", w =>
        {
            w.WriteStartElement("Relationships", "http://schemas.openxmlformats.org/package/2006/relationships");
            Relationship(w, "rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml");
            w.WriteEndElement();
        });
        WritePart("xl/_rels/workbook.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", "http://schemas.openxmlformats.org/package/2006/relationships");
            for (var i = 1; i <= _sheets.Count; i++)
                Relationship(w, $"rId{i}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i}.xml");
            Relationship(w, $"rId{_sheets.Count + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml");
            w.WriteEndElement();
        });
        WritePart("xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", Main);
            w.WriteAttributeString("xmlns", "r", null, Rel);
            w.WriteStartElement("sheets");
            for (var i = 0; i < _sheets.Count; i++)
            {
                w.WriteStartElement("sheet");
                w.WriteAttributeString("name", _sheets[i].Length > 31 ? _sheets[i][..31] : _sheets[i]);
                w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("id", Rel, $"rId{i + 1}");
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        });
        WritePart("xl/styles.xml", w =>
        {
            // Fonts: 0 Calibri-like default, 1 bold. Formats: built-in 3 "#,##0" and 4 "#,##0.00".
            w.WriteRaw("""<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/></cellXfs></styleSheet>""");
        });
        _zip.Dispose();
    }

    private void WritePart(string name, Action<XmlWriter> write)
    {
        using var w = Xml(_zip.CreateEntry(name, CompressionLevel.Fastest));
        write(w);
    }

    private static XmlWriter Xml(ZipArchiveEntry entry) =>
        XmlWriter.Create(entry.Open(), new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), CloseOutput = true });

    private static void Default(XmlWriter w, string ext, string type)
    {
        w.WriteStartElement("Default");
        w.WriteAttributeString("Extension", ext);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string part, string type)
    {
        w.WriteStartElement("Override");
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship");
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }
}
