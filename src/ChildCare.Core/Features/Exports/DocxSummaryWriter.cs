using System.Globalization;
using ChildCare.Core.Domain;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ChildCare.Core.Features.Exports;

/// <summary>
/// The summary report as a Word document in the party document format: A4; margins 20/20/30/15 mm;
/// Times New Roman 14 body; the header block ("ĐẢNG CỘNG SẢN VIỆT NAM" right with a rule, the issuing
/// body left with "*" under it, "Số …-BC/…", place and date in italics); title, sections I–V,
/// "Nơi nhận", signature block; annex tables.
/// </summary>
public static class DocxSummaryWriter
{
    public static void Write(SummaryData d, Stream output) => DocxPartyWriter.Write(SummaryText.Document(d), output);
}

/// <summary>Renders a <see cref="PartyDocument"/> as Word.</summary>
public static class DocxPartyWriter
{
    public const string Font = "Times New Roman";
    private const int TextWidth = 9355; // A4 minus 30 mm and 15 mm margins, in twentieths of a point

    public static void Write(PartyDocument d, Stream output)
    {
        if (!d.Body.OfType<DocFigure>().Any())
        {
            WritePackage(d, output);
            return;
        }
        using var buffer = new MemoryStream();
        WritePackage(d, buffer);
        DocxFigure.MoveMediaUnderWord(buffer);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static void WritePackage(PartyDocument d, Stream output)
    {
        using var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = doc.AddMainDocumentPart();
        AddStyles(main);
        var body = new Body();
        main.Document = new Document(body);

        body.Append(HeaderBlock(d));
        body.Append(P(d.Title, bold: true, size: 16, align: JustificationValues.Center, before: 360));
        body.Append(P(d.Subject, bold: true, size: 14, align: JustificationValues.Center, after: 0));
        body.Append(P("-----", align: JustificationValues.Center, after: 240));
        foreach (var block in d.Body) Append(main, body, block);
        body.Append(Closing(d));

        foreach (var (annex, i) in d.Annexes.Select((a, i) => (a, i)))
        {
            if (i == 0) body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page }))); // annexes start on a new page
            body.Append(P(annex.Title, bold: true, align: JustificationValues.Center, before: i == 0 ? 0 : 360, after: 0));
            body.Append(P(annex.Subtitle, bold: true, align: JustificationValues.Center));
            body.Append(Table(annex.Table));
            if (annex.Note is not null) body.Append(P(annex.Note, italic: true, size: 12, before: 120));
        }

        body.Append(new SectionProperties(
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 850U, Header = 720U, Footer = 720U, Gutter = 0U }));
        main.Document.Save();
    }

    private static void Append(MainDocumentPart main, Body body, DocBlock block)
    {
        switch (block)
        {
            case DocFigure f:
                body.Append(DocxFigure.Picture(main, f, TextWidth));
                body.Append(P(f.Caption, italic: true, size: 12, align: JustificationValues.Center));
                break;
            case DocParagraph { Heading: true } h: body.Append(P(h.Text, bold: true, before: 120)); break;
            case DocParagraph p: body.Append(P((p.Bullet ? "- " : "") + p.Text, bold: p.Bold, italic: p.Italic, indent: !p.Bold)); break;
            case DocTable t: body.Append(Table(t)); break;
        }
    }

    private static Table HeaderBlock(PartyDocument d)
    {
        var left = new TableCell(
            new TableCellProperties(new TableCellWidth { Width = "4700", Type = TableWidthUnitValues.Dxa }),
            P(d.IssuerParent, size: 12, align: JustificationValues.Center, after: 0),
            P(d.Issuer, bold: true, size: 12, align: JustificationValues.Center, after: 0),
            P("*", align: JustificationValues.Center, after: 0),
            P(d.Symbol, size: 13, align: JustificationValues.Center, after: 0));
        var right = new TableCell(
            new TableCellProperties(new TableCellWidth { Width = "4700", Type = TableWidthUnitValues.Dxa }),
            P("ĐẢNG CỘNG SẢN VIỆT NAM", bold: true, size: 15, align: JustificationValues.Center, after: 0, underline: true),
            P(" ", size: 6, after: 0),
            P(d.PlaceAndDate, italic: true, size: 14, align: JustificationValues.Center, after: 0));
        return Borderless(4700, 4700, left, right);
    }

    private static Table Closing(PartyDocument d)
    {
        var recipients = new TableCell(new TableCellProperties(new TableCellWidth { Width = "4400", Type = TableWidthUnitValues.Dxa }));
        recipients.Append(P("Nơi nhận:", bold: true, italic: true, size: 12, after: 0, underline: true));
        foreach (var line in d.Recipients) recipients.Append(P(line, size: 11, after: 0, align: JustificationValues.Left));
        var signature = new TableCell(new TableCellProperties(new TableCellWidth { Width = "5000", Type = TableWidthUnitValues.Dxa }));
        foreach (var line in d.Signature) signature.Append(P(line, bold: true, align: JustificationValues.Center, after: 0));
        signature.Append(P(" ", after: 1200));
        signature.Append(P("(Ký, ghi rõ họ tên)", italic: true, size: 12, align: JustificationValues.Center));
        return Borderless(4400, 5000, recipients, signature);
    }

    private static Table Borderless(int leftWidth, int rightWidth, TableCell left, TableCell right) => new(
        new TableProperties(new TableWidth { Width = (leftWidth + rightWidth).ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }, new TableLayout { Type = TableLayoutValues.Fixed },
            new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
                new LeftBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None })),
        new TableGrid(new GridColumn { Width = leftWidth.ToString(CultureInfo.InvariantCulture) }, new GridColumn { Width = rightWidth.ToString(CultureInfo.InvariantCulture) }),
        new TableRow(left, right));

    private static Table Table(DocTable t)
    {
        var widths = t.Shares.Select(s => (int)(s * TextWidth)).ToArray();
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }, border),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        TableRow Row(IReadOnlyList<string> cells, bool bold)
        {
            var row = new TableRow();
            if (bold) row.Append(new TableRowProperties(new TableHeader()));
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
                foreach (var line in cells[i].Split('\n'))
                    cell.Append(P(line, bold: bold, size: 11, align: i == 1 && !bold ? JustificationValues.Left : JustificationValues.Center, after: 0));
                row.Append(cell);
            }
            return row;
        }
        table.Append(Row(t.Header, bold: true));
        foreach (var r in t.Rows) table.Append(Row(r, bold: false));
        return table;
    }
    private static Paragraph P(string text, bool bold = false, bool italic = false, int size = 14, JustificationValues? align = null,
        bool indent = false, int before = 0, int after = 120, bool underline = false)
    {
        var props = new ParagraphProperties(
            new SpacingBetweenLines { Before = before.ToString(CultureInfo.InvariantCulture), After = after.ToString(CultureInfo.InvariantCulture), Line = "300", LineRule = LineSpacingRuleValues.Auto },
            new Justification { Val = align ?? JustificationValues.Both });
        if (indent) props.Append(new Indentation { FirstLine = "567" });
        var runProps = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
            new FontSize { Val = (size * 2).ToString(CultureInfo.InvariantCulture) }, new FontSizeComplexScript { Val = (size * 2).ToString(CultureInfo.InvariantCulture) });
        if (bold) runProps.Append(new Bold());
        if (italic) runProps.Append(new Italic());
        if (underline) runProps.Append(new Underline { Val = UnderlineValues.Single });
        // Line breaks inside a paragraph (a consolidated report's "- unit: …" lines) stay line breaks.
        var run = new Run(runProps);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            run.Append(new DocumentFormat.OpenXml.Wordprocessing.Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        return new Paragraph(props, run);
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = "28" }, new FontSizeComplexScript { Val = "28" }, new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new SpacingBetweenLines { After = "120" })));
        styles.Styles.Save();
    }

}
