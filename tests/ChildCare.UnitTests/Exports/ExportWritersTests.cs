using System.Globalization;
using System.Text;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Dashboards;
using ChildCare.Core.Features.Exports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MiniExcelLibs;
using UglyToad.PdfPig;

namespace ChildCare.UnitTests.Exports;

/// <summary>Each writer's output re-opened and read back: structure, wording, fonts, numbers.</summary>
public class ExportWritersTests
{
    private static SummaryData Sample()
    {
        var compliance = new Compliance(Guid.NewGuid(), "Ban Chấp hành Trung ương Đảng", "2024-Q4", "Quý IV/2024", new DateOnly(2025, 1, 10), 63,
            40, 5, 2, 16, 30, 47, 47.0 / 63, 40.0 / 63,
            [new ComplianceUnit(Guid.NewGuid(), "P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, ComplianceStatus.Accepted, Guid.NewGuid(),
                new DateTimeOffset(2024, 12, 20, 3, 0, 0, TimeSpan.Zero), true, false, new DateTimeOffset(2024, 12, 20, 3, 0, 0, TimeSpan.Zero), true)]);
        var targets = new List<TargetView> { new(2025, 98.5m, "Quyết định 23/QĐ-TTg", null) };
        return new SummaryData("28-CT/TW", "Về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em", new DateOnly(2023, 12, 25),
            "Ban Chấp hành Trung ương Đảng", true, "BAN TUYÊN GIÁO TRUNG ƯƠNG", "BAN CHẤP HÀNH TRUNG ƯƠNG", "BC/BTGTW", "năm 2024", "2024-Q1", "2024-Q4",
            ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"], new DateOnly(2026, 11, 28), "Hà Nội", compliance,
            [new UnitCompliance("P01", "Thành ủy Hà Nội", 4, 3, 1, 0, 4, 0), new UnitCompliance("P79", "Thành ủy Thành phố Hồ Chí Minh", 4, 4, 0, 0, 4, 0)],
            [
                new RangeIndicator("CT28-08", "Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh", IndicatorUnit.Percent, IndicatorAggregation.Rate,
                    IndicatorNature.Stock, IndicatorDirection.Higher, 3, 98.7m, 987, 1000, 2, 63, targets, TargetStatus.Met, InAnnex: true),
                new RangeIndicator("CT28-03", "Số hội nghị quán triệt/tuyên truyền Chỉ thị", IndicatorUnit.Count, IndicatorAggregation.Sum,
                    IndicatorNature.Flow, IndicatorDirection.Higher, 1, 1234, null, null, 2, 63, [], TargetStatus.NoTarget),
            ],
            [
                new TidyValue("P01", "Thành ủy Hà Nội", "2024-Q4", "CT28-08", "Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh", IndicatorUnit.Percent, null, 490, 500, 98m),
                new TidyValue("P01", "Thành ủy Hà Nội", "2024-Q4", "CT28-03", "Số hội nghị, \"quán triệt\"", IndicatorUnit.Count, 12, null, null, 12),
            ],
            [new AreaSummary(1, "Lãnh đạo, chỉ đạo, quán triệt", new Dictionary<TaskProgressStatus, int> { [TaskProgressStatus.OnTrack] = 2 }, 72.5,
                [new Quote("Hà Nội", "Ban hành kế hoạch đến từng chi bộ.")], [new Quote("Hà Nội", "Thiếu kinh phí.")], [new Quote("Hà Nội", "Bổ sung biên chế.")])],
            [new MatrixRow(Guid.NewGuid(), "Thành ủy Hà Nội", Guid.NewGuid(), ComplianceStatus.Accepted, [new MatrixCell(1, TaskProgressStatus.OnTrack, 70)])],
            new LeadershipFigures(950, 1000, 1234, 56789, 9000, 10000), DirectiveKind.Directive, "Bộ Chính trị", "Bộ Chính trị");
    }

    [Fact]
    public void The_Word_report_has_the_party_header_sections_annexes_and_Times_New_Roman_on_A4()
    {
        using var stream = new MemoryStream();
        DocxSummaryWriter.Write(Sample(), stream);
        stream.Position = 0;
        using var doc = WordprocessingDocument.Open(stream, false);
        var body = doc.MainDocumentPart!.Document.Body!;
        var text = string.Join("\n", body.Descendants<Paragraph>().Select(p => p.InnerText));

        var header = body.Elements<Table>().First().InnerText;
        header.ShouldContain("ĐẢNG CỘNG SẢN VIỆT NAM");
        header.ShouldContain("BAN TUYÊN GIÁO TRUNG ƯƠNG");
        header.ShouldContain("*");
        header.ShouldContain("Số …-BC/BTGTW");
        header.ShouldContain("Hà Nội, ngày 28 tháng 11 năm 2026");
        text.ShouldContain("BÁO CÁO");
        text.ShouldContain("Sơ kết năm 2024 việc thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023");
        foreach (var heading in new[] { "I. CÔNG TÁC LÃNH ĐẠO", "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG", "V. ĐỀ XUẤT, KIẾN NGHỊ" })
            text.ShouldContain(heading);
        text.ShouldContain("950/1.000 tổ chức đảng đã ban hành kế hoạch");
        text.ShouldContain("Nơi nhận:");
        text.ShouldContain("T/M BAN TUYÊN GIÁO TRUNG ƯƠNG");
        text.ShouldContain("Phụ lục 1");
        var annex = body.Elements<Table>().Last().InnerText;
        annex.ShouldContain("Thành ủy Hà Nội");
        annex.ShouldContain("98,0%");

        var defaults = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        defaults.RunFonts!.Ascii!.Value.ShouldBe("Times New Roman");
        defaults.FontSize!.Val!.Value.ShouldBe("28"); // 14 pt
        var page = body.Elements<SectionProperties>().Single().GetFirstChild<PageSize>()!;
        (page.Width!.Value, page.Height!.Value).ShouldBe((11906U, 16838U));
        body.Descendants<RunFonts>().ShouldAllBe(f => f.Ascii!.Value == "Times New Roman");
    }

    [Fact]
    public async Task The_workbook_has_Vietnamese_sheets_with_number_cells()
    {
        using var stream = new MemoryStream();
        await XlsxSummaryWriter.WriteAsync(Sample(), stream, CancellationToken.None);
        stream.Position = 0;

        MiniExcel.GetSheetNames(stream).ShouldBe([XlsxSummaryWriter.ComplianceSheet, XlsxSummaryWriter.IndicatorSheet, XlsxSummaryWriter.ValuesSheet, XlsxSummaryWriter.MatrixSheet]);
        var indicators = MiniExcel.Query(stream, useHeaderRow: true, sheetName: XlsxSummaryWriter.IndicatorSheet).Cast<IDictionary<string, object>>().ToList();
        indicators[0]["Mã"].ShouldBe("CT28-08");
        Convert.ToDouble(indicators[0]["Giá trị"], CultureInfo.InvariantCulture).ShouldBe(98.7);
        Convert.ToDouble(indicators[0]["Σ mẫu số"], CultureInfo.InvariantCulture).ShouldBe(1000d);
        var values = MiniExcel.Query(stream, useHeaderRow: true, sheetName: XlsxSummaryWriter.ValuesSheet).Cast<IDictionary<string, object>>().ToList();
        values.Count.ShouldBe(2);
        Convert.ToDouble(values[0]["Tử số"], CultureInfo.InvariantCulture).ShouldBe(490d);

        stream.Position = 0;
        using var zip = new System.IO.Compression.ZipArchive(stream);
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet2.xml")!.Open());
        var xml = sheet.ReadToEnd();
        xml.ShouldContain("ySplit=\"1\""); // the header row is frozen
        xml.ShouldContain("<c r=\"E2\" s=\"3\"><v>98.7</v></c>"); // a number cell with the #,##0.00 format
    }

    [Fact]
    public async Task The_CSV_is_tidy_UTF8_with_BOM_and_quotes_what_needs_quoting()
    {
        using var stream = new MemoryStream();
        await CsvSummaryWriter.WriteAsync(Sample(), stream, CancellationToken.None);
        var bytes = stream.ToArray();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).TrimEnd().Split(Environment.NewLine);
        lines[0].ShouldBe("Mã đơn vị,Đơn vị,Kỳ,Mã chỉ tiêu,Chỉ tiêu,Đơn vị tính,Giá trị,Tử số,Mẫu số,Tỷ lệ / giá trị tính");
        lines.Length.ShouldBe(3);
        lines[1].ShouldBe("P01,Thành ủy Hà Nội,2024-Q4,CT28-08,Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh,%,,490,500,98");
        lines[2].ShouldContain("\"Số hội nghị, \"\"quán triệt\"\"\"");
    }

    /// <summary>OWASP's CSV injection: text a spreadsheet would run as a formula is written as text, numbers stay numbers.</summary>
    private static SummaryData WithFormulaNames() => Sample() with
    {
        Values =
        [
            new TidyValue("=1+1", "=HYPERLINK(\"http://x.invalid\",\"Tỷ lệ\")", "2024-Q4", "+CT28", "@SUM(A1)", IndicatorUnit.Count, -5, null, null, -5),
            new TidyValue("P01", "-Thành ủy\tHà Nội", "2024-Q4", "\tCT28", "\rTỷ lệ", IndicatorUnit.Count, 1, null, null, 1),
        ],
    };

    [Fact]
    public async Task No_CSV_text_cell_starts_like_a_formula_and_negative_numbers_stay_numbers()
    {
        using var stream = new MemoryStream();
        await CsvSummaryWriter.WriteAsync(WithFormulaNames(), stream, CancellationToken.None);
        var text = Encoding.UTF8.GetString(stream.ToArray()[3..]);
        var lines = text.TrimEnd().Split(Environment.NewLine);
        lines[1].ShouldStartWith("'=1+1,\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"Tỷ lệ\"\")\",2024-Q4,'+CT28,'@SUM(A1),");
        lines[1].ShouldEndWith(",-5,,,-5");
        lines[2].ShouldContain("\"'-Thành ủy\tHà Nội\"");
        lines[2].ShouldContain("\"'\tCT28\"");
        lines[2].ShouldContain("\"'\rTỷ lệ\"");
    }

    [Fact]
    public async Task XLSX_text_that_looks_like_a_formula_is_a_quote_prefixed_text_cell()
    {
        using var stream = new MemoryStream();
        await XlsxSummaryWriter.WriteAsync(WithFormulaNames(), stream, CancellationToken.None);
        stream.Position = 0;
        using var zip = new System.IO.Compression.ZipArchive(stream);
        using (var styles = new StreamReader(zip.GetEntry("xl/styles.xml")!.Open()))
            styles.ReadToEnd().ShouldContain("quotePrefix=\"1\"");
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()).ToList();
        var values = sheets.Single(x => x.Contains("=HYPERLINK", StringComparison.Ordinal));
        values.ShouldNotContain("<f>"); // never a formula element
        values.ShouldContain($"t=\"inlineStr\" s=\"{(int)XlsxWriter.Style.QuotedText}\"", Case.Sensitive);
        values.ShouldContain("<v>-5</v>"); // the number is a number cell
    }

    [Fact]
    public void The_PDF_text_keeps_every_Vietnamese_diacritic_with_embedded_fonts()
    {
        using var stream = new MemoryStream();
        PdfSummaryWriter.Write(Sample(), stream);
        using var pdf = PdfDocument.Open(stream.ToArray());
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));

        text.ShouldContain("ĐẢNG");
        foreach (var word in new[] { "Chỉ", "thị", "trẻ", "em", "BÁO", "CÁO", "Phụ", "lục", "Thành", "ủy", "Nội", "Nơi", "nhận", "Đúng", "hạn", "Được", "chấp" })
            text.ShouldContain(word);
        pdf.NumberOfPages.ShouldBeGreaterThanOrEqualTo(2);
        pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ShouldAllBe(f => f != null && f.Contains("+Liberation Serif")); // "ABCDEF+": an embedded subset
    }

    [Fact]
    public void Word_and_PDF_carry_the_map_as_a_picture_captioned_Hinh_1_with_the_caption_as_its_alternative_text()
    {
        var d = Sample();
        d = d with { Map = ChildCare.Core.Features.Maps.MapService.StatusMap(d.LatestCompliance) };
        using var docx = new MemoryStream();
        DocxSummaryWriter.Write(d, docx);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(docx.ToArray())))
            zip.Entries.Select(e => e.FullName).ShouldContain("word/media/image.png", "pictures live under /word/media, as Word keeps them");
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx.ToArray()), false))
        {
            word.MainDocumentPart!.ImageParts.Count().ShouldBe(1);
            word.MainDocumentPart.Document!.Body!.InnerText.ShouldContain("Hình 1: Tình hình nộp báo cáo Quý IV/2024");
            word.MainDocumentPart.Document.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().Single().Description!.Value!
                .ShouldStartWith("Hình 1: ");
        }
        using var stream = new MemoryStream();
        PdfSummaryWriter.Write(d, stream);
        using var pdf = PdfDocument.Open(stream.ToArray());
        pdf.GetPages().Sum(p => p.GetImages().Count()).ShouldBe(1);
        string.Join("\n", pdf.GetPages().Select(p => p.Text)).ShouldContain("Hình");
    }
}

