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
    public const string Font = "Times New Roman";

    public static void Write(SummaryData d, Stream output)
    {
        using var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = doc.AddMainDocumentPart();
        AddStyles(main);
        var body = new Body();
        main.Document = new Document(body);

        body.Append(HeaderBlock(d));
        body.Append(P("BÁO CÁO", bold: true, size: 16, align: JustificationValues.Center, before: 360));
        body.Append(P(SummaryText.Subject(d), bold: true, size: 14, align: JustificationValues.Center, after: 0));
        body.Append(P("-----", align: JustificationValues.Center, after: 240));
        body.Append(P($"Thực hiện Chỉ thị số {d.DirectiveCode} ngày {d.DirectiveIssuedOn:dd/MM/yyyy} của Bộ Chính trị, {Title(d.IssuerName)} báo cáo " +
            $"kết quả {d.RangeName} trên phạm vi {(d.IsNation ? "toàn quốc" : d.ScopeName)} như sau:", indent: true));

        foreach (var section in SummaryText.Body(d))
        {
            body.Append(P(section.Heading, bold: true, before: 120));
            foreach (var b in section.Blocks)
                body.Append(P((b.Bullet ? "- " : "") + b.Text, bold: b.Bold, italic: b.Italic, indent: !b.Bold));
        }

        body.Append(Closing(d));

        // Annexes start on a new page.
        body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        body.Append(P("Phụ lục 1", bold: true, align: JustificationValues.Center, after: 0));
        body.Append(P($"TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ ({d.RangeName.ToUpperInvariant()})", bold: true, align: JustificationValues.Center));
        body.Append(Table(["STT", "Đơn vị", "Số kỳ", "Đúng hạn", "Muộn", "Chưa gửi", "Bị trả lại", "Được chấp nhận"],
            d.ComplianceByUnit.Select((u, i) => new[] { (i + 1).ToString(), u.Name, u.Periods.ToString(), u.OnTime.ToString(), u.Late.ToString(),
                u.Missing.ToString(), u.Returned.ToString(), u.Accepted.ToString() }).ToList(), [600, 3400, 800, 900, 800, 900, 900, 1100]));

        body.Append(P("Phụ lục 2", bold: true, align: JustificationValues.Center, before: 360, after: 0));
        body.Append(P($"MỘT SỐ CHỈ TIÊU THEO ĐƠN VỊ ({d.ToCode}) SO VỚI MỤC TIÊU", bold: true, align: JustificationValues.Center));
        var annex = SummaryText.AnnexIndicators.Select(code => d.Indicators.FirstOrDefault(i => i.Code == code)).OfType<RangeIndicator>().ToList();
        var header = new List<string> { "STT", "Đơn vị" };
        header.AddRange(annex.Select(i => $"{i.Code} ({ChildCare.Core.Text.Labels.Of(i.Unit)})" +
            (i.Targets.FirstOrDefault(t => t.Value is not null) is { } t ? $"\nMT {t.Year}: {(i.Direction == IndicatorDirection.Lower ? "<" : "≥")}{SummaryText.Number(t.Value, i.Unit)}" : "")));
        var latest = d.Values.Where(v => v.PeriodCode == d.ToCode).ToLookup(v => v.UnitCode);
        var rows = d.ComplianceByUnit.Select((u, n) =>
        {
            var row = new List<string> { (n + 1).ToString(), u.Name };
            row.AddRange(annex.Select(i => latest[u.Code].FirstOrDefault(v => v.IndicatorCode == i.Code) is { } v ? SummaryText.Number(v.ComputedValue, i.Unit) : "—"));
            return row.ToArray();
        }).ToList();
        var total = new List<string> { "", d.IsNation ? "Toàn quốc" : d.ScopeName };
        total.AddRange(annex.Select(i => SummaryText.Number(i.Value, i.Unit)));
        rows.Add(total.ToArray());
        body.Append(Table(header.ToArray(), rows, [600, 3000, .. annex.Select(_ => 1100)]));
        body.Append(P("Ghi chú: tỷ lệ = Σ tử số / Σ mẫu số của các đơn vị; chỉ tính báo cáo đã gửi hoặc đã được chấp nhận; \"—\": chưa có số liệu.",
            italic: true, size: 12, before: 120));

        body.Append(new SectionProperties(
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 850U, Header = 720U, Footer = 720U, Gutter = 0U }));
        main.Document.Save();
    }

    private static Table HeaderBlock(SummaryData d)
    {
        var left = new TableCell(
            new TableCellProperties(new TableCellWidth { Width = "4200", Type = TableWidthUnitValues.Dxa }),
            P(d.IssuerParent, size: 13, align: JustificationValues.Center, after: 0),
            P(d.IssuerName, bold: true, size: 13, align: JustificationValues.Center, after: 0),
            P("*", align: JustificationValues.Center, after: 0),
            P($"Số: …-{d.DocumentSymbol}", size: 13, align: JustificationValues.Center, after: 0));
        var right = new TableCell(
            new TableCellProperties(new TableCellWidth { Width = "5200", Type = TableWidthUnitValues.Dxa }),
            P("ĐẢNG CỘNG SẢN VIỆT NAM", bold: true, size: 15, align: JustificationValues.Center, after: 0, underline: true),
            P(" ", size: 6, after: 0),
            P(SummaryText.Date(d.IssuedOn, d.Place), italic: true, size: 14, align: JustificationValues.Center, after: 0));
        return new Table(
            new TableProperties(new TableWidth { Width = "9400", Type = TableWidthUnitValues.Dxa }, new TableLayout { Type = TableLayoutValues.Fixed },
                new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
                    new LeftBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                    new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None })),
            new TableGrid(new GridColumn { Width = "4200" }, new GridColumn { Width = "5200" }),
            new TableRow(left, right));
    }

    private static Table Closing(SummaryData d)
    {
        var recipients = new TableCell(new TableCellProperties(new TableCellWidth { Width = "4400", Type = TableWidthUnitValues.Dxa }));
        recipients.Append(P("Nơi nhận:", bold: true, italic: true, size: 12, after: 0, underline: true));
        foreach (var line in SummaryText.Recipients(d)) recipients.Append(P(line, size: 11, after: 0));
        var signature = new TableCell(new TableCellProperties(new TableCellWidth { Width = "5000", Type = TableWidthUnitValues.Dxa }));
        foreach (var line in SummaryText.Signature(d)) signature.Append(P(line, bold: true, align: JustificationValues.Center, after: 0));
        signature.Append(P(" ", after: 1200));
        signature.Append(P("(Ký, ghi rõ họ tên)", italic: true, size: 12, align: JustificationValues.Center));
        return new Table(
            new TableProperties(new TableWidth { Width = "9400", Type = TableWidthUnitValues.Dxa },
                new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
                    new LeftBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                    new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None })),
            new TableGrid(new GridColumn { Width = "4400" }, new GridColumn { Width = "5000" }),
            new TableRow(recipients, signature));
    }

    private static Table Table(string[] header, IReadOnlyList<string[]> rows, int[] widths)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(new TableWidth { Width = widths.Sum().ToString(), Type = TableWidthUnitValues.Dxa }, border),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        TableRow Row(string[] cells, bool bold, bool repeat)
        {
            var row = new TableRow();
            if (repeat) row.Append(new TableRowProperties(new TableHeader()));
            for (var i = 0; i < cells.Length; i++)
            {
                var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(), Type = TableWidthUnitValues.Dxa }));
                foreach (var line in cells[i].Split('\n'))
                    cell.Append(P(line, bold: bold, size: 11, align: i == 1 && !bold ? JustificationValues.Left : JustificationValues.Center, after: 0));
                row.Append(cell);
            }
            return row;
        }
        table.Append(Row(header, bold: true, repeat: true));
        foreach (var r in rows) table.Append(Row(r, bold: false, repeat: false));
        return table;
    }

    private static Paragraph P(string text, bool bold = false, bool italic = false, int size = 14, JustificationValues? align = null,
        bool indent = false, int before = 0, int after = 120, bool underline = false)
    {
        var props = new ParagraphProperties(
            new SpacingBetweenLines { Before = before.ToString(), After = after.ToString(), Line = "300", LineRule = LineSpacingRuleValues.Auto },
            new Justification { Val = align ?? JustificationValues.Both });
        if (indent) props.Append(new Indentation { FirstLine = "567" });
        var runProps = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
            new FontSize { Val = (size * 2).ToString() }, new FontSizeComplexScript { Val = (size * 2).ToString() });
        if (bold) runProps.Append(new Bold());
        if (italic) runProps.Append(new Italic());
        if (underline) runProps.Append(new Underline { Val = UnderlineValues.Single });
        return new Paragraph(props, new Run(runProps, new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
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

    private static string Title(string upper)
    {
        var lower = upper.ToLower(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
        return char.ToUpper(lower[0]) + lower[1..];
    }
}
