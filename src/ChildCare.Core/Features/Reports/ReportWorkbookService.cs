using System.Globalization;
using System.IO.Compression;
using System.Xml;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Reports;

public sealed record ReportWorkbook(string FileName, byte[] Content)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>
/// A report as an Excel form for offices that gather figures offline: the task areas and indicators with their codes,
/// units, current values and the previous quarter beside them; labels locked (sheet protection), the cells to fill
/// unlocked and yellow, with data validation (status from a list, 0–100 %, numbers ≥ 0). Uploading it back is a normal
/// save — same access rule, same version check (a workbook older than the report answers 409), same validation, audit —
/// and a workbook of another report, or a cell that is not a number, is refused with the cell named.
/// </summary>
public sealed class ReportWorkbookService(IDbContextFactory<AppDbContext> dbFactory, ProgressReportService reports)
{
    public const long MaxFileBytes = 5 * 1024 * 1024;
    private const string SheetName = "Báo cáo";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // Rows of the header block: the report's identity, checked on upload.
    private const int IdRow = 4;
    private const int VersionRow = 5;


    public async Task<ReportWorkbook> ExportAsync(Guid id, CancellationToken ct = default)
    {
        using var vietnamese = Labels.Vietnamese(); // the form's headings are Vietnamese; its words follow them
        var details = await reports.GetAsync(id, ct);
        var previous = await reports.PreviousAsync(id, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var directive = await db.Directives.AsNoTracking().Where(d => d.Id == details.DirectiveId)
            .Select(d => new { d.Kind, d.Code }).SingleAsync(ct);

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var rows = new SheetData();
            var validations = new List<DataValidation>();
            var row = 0;
            Row NewRow() => rows.AppendChild(new Row { RowIndex = (uint)++row });

            NewRow().Append(Text("A", row, $"BÁO CÁO TIẾN ĐỘ THỰC HIỆN {Labels.Of(directive.Kind).ToUpper(CultureInfo.GetCultureInfo("vi-VN"))} SỐ {directive.Code}", Style.Title));
            NewRow().Append(Text("A", row, "Đơn vị:", Style.Label), Text("B", row, details.OrgUnitName, Style.Label));
            NewRow().Append(Text("A", row, "Kỳ báo cáo:", Style.Label), Text("B", row, $"{details.PeriodName} ({details.PeriodCode}), hạn nộp {details.DueOn:dd/MM/yyyy}", Style.Label));
            NewRow().Append(Text("A", row, "Mã báo cáo:", Style.Label), Text("B", row, details.Id.ToString(), Style.Label));
            NewRow().Append(Text("A", row, "Phiên bản:", Style.Label), Number("B", row, details.Version, Style.Label));
            NewRow().Append(Text("A", row, "Chỉ nhập vào các ô nền vàng; giữ nguyên mã báo cáo và phiên bản. Lưu tệp rồi tải lên trên trang báo cáo (nút \"Nhập từ Excel\").", Style.Note));
            NewRow();

            NewRow().Append(Text("A", row, "I. NHIỆM VỤ", Style.Header));
            NewRow().Append(Header(row, "STT", "Nhiệm vụ", "Tình trạng", "% hoàn thành", "Kết quả đạt được", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị",
                $"Kỳ trước{(previous is null ? "" : $" ({previous.PeriodCode})")}: kết quả"));
            var firstArea = row + 1;
            foreach (var area in details.TaskAreas.OrderBy(a => a.Number))
            {
                var before = previous?.TaskAreas.FirstOrDefault(a => a.TaskAreaId == area.TaskAreaId);
                NewRow().Append(Number("A", row, area.Number, Style.Label), Text("B", row, area.Title, Style.Wrap),
                    Text("C", row, WorkbookStatus.Cell(area.Status), Style.Input), Optional("D", row, area.PercentComplete, Style.Input),
                    Text("E", row, area.Results ?? "", Style.InputWrap), Text("F", row, area.Difficulties ?? "", Style.InputWrap),
                    Text("G", row, area.Proposals ?? "", Style.InputWrap), Text("H", row, Shorten(before?.Results), Style.Wrap));
            }
            if (row >= firstArea)
            {
                validations.Add(new DataValidation
                {
                    Type = DataValidationValues.List,
                    AllowBlank = false,
                    ShowErrorMessage = true,
                    ErrorTitle = "Tình trạng",
                    Error = "Chọn một tình trạng trong danh sách.",
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"C{firstArea}:C{row}" },
                    Formula1 = new Formula1($"\"{string.Join(',', Enum.GetValues<TaskProgressStatus>().Select(WorkbookStatus.Cell))}\""),
                });
                validations.Add(new DataValidation
                {
                    Type = DataValidationValues.Whole,
                    Operator = DataValidationOperatorValues.Between,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ErrorTitle = "% hoàn thành",
                    Error = "Nhập số nguyên từ 0 đến 100.",
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"D{firstArea}:D{row}" },
                    Formula1 = new Formula1("0"),
                    Formula2 = new Formula2("100"),
                });
            }
            NewRow();

            NewRow().Append(Text("A", row, "II. CHỈ TIÊU", Style.Header));
            NewRow().Append(Header(row, "Mã", "Chỉ tiêu", "Đơn vị tính", "Giá trị", "Tử số", "Mẫu số", "Ghi chú",
                $"Kỳ trước{(previous is null ? "" : $" ({previous.PeriodCode})")}"));
            var numberCells = new List<string>();
            foreach (var indicator in details.IndicatorValues)
            {
                var before = previous?.IndicatorValues.FirstOrDefault(v => v.IndicatorId == indicator.IndicatorId);
                var rate = indicator.Aggregation == IndicatorAggregation.Rate;
                NewRow().Append(Text("A", row, indicator.Code, Style.Label), Text("B", row, indicator.Name, Style.Wrap),
                    Text("C", row, Labels.Of(indicator.Unit), Style.Label),
                    rate ? Text("D", row, "", Style.Label) : Optional("D", row, indicator.Value, Style.Input),
                    rate ? Optional("E", row, indicator.Numerator, Style.Input) : Text("E", row, "", Style.Label),
                    rate ? Optional("F", row, indicator.Denominator, Style.Input) : Text("F", row, "", Style.Label),
                    Text("G", row, indicator.Comment ?? "", Style.InputWrap),
                    before is null ? Text("H", row, "", Style.Label) : Optional("H", row, rate ? before.ComputedValue : before.Value, Style.Label));
                numberCells.AddRange(rate ? [$"E{row}", $"F{row}"] : [$"D{row}"]);
            }
            if (numberCells.Count > 0)
                validations.Add(new DataValidation
                {
                    Type = DataValidationValues.Decimal,
                    Operator = DataValidationOperatorValues.GreaterThanOrEqual,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ErrorTitle = "Chỉ tiêu",
                    Error = "Nhập một số không âm.",
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = string.Join(' ', numberCells) },
                    Formula1 = new Formula1("0"),
                });

            var worksheet = new Worksheet(
                new Columns(Column(1, 9), Column(2, 48), Column(3, 18), Column(4, 14), Column(5, 44), Column(6, 36), Column(7, 36), Column(8, 40)),
                rows,
                // Labels locked; the yellow cells unlocked. No password: the lock prevents slips, it is not a secret.
                new SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false });
            if (validations.Count > 0) worksheet.Append(new DataValidations(validations) { Count = (uint)validations.Count });
            sheetPart.Worksheet = worksheet;
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName }));
        }
        var name = $"bao-cao-{Slug(details.OrgUnitName)}-{details.PeriodCode}.xlsx";
        return new ReportWorkbook(name, stream.ToArray());
    }

    /// <summary>
    /// Reads an edited workbook back into its report as a save; the answer is the saved report. The report is loaded
    /// once: the save checks the right to write, then the file is read against the report's areas and indicators.
    /// </summary>
    public Task<ReportDetails> ImportAsync(Guid id, Stream file, CancellationToken ct = default) =>
        reports.SaveAsync(id, (areas, indicators) => Read(id, file, areas, indicators), ct);

    /// <summary>The save a workbook asks for, or the cells it cannot be read from, each named.</summary>
    private static SaveReportRequest Read(Guid id, Stream file, List<TaskAreaEntry> reportAreas, List<IndicatorEntry> reportIndicators)
    {
        var cells = XlsxCells.Read(file, MaxFileBytes);
        string? Cell(string reference) => cells.GetValueOrDefault(reference);

        var workbookId = Cell($"B{IdRow}");
        if (!Guid.TryParse(workbookId, out var fileReport))
            throw Invalid($"B{IdRow}", "Không tìm thấy mã báo cáo ở ô B4: tệp không phải là mẫu Excel tải từ cổng ChildCare.");
        if (fileReport != id)
            throw Invalid($"B{IdRow}", $"Tệp Excel này là của một báo cáo khác (mã {fileReport}); hãy tải mẫu của chính báo cáo này.");
        if (!uint.TryParse(Cell($"B{VersionRow}"), NumberStyles.Integer, Invariant, out var version))
            throw Invalid($"B{VersionRow}", "Ô B5 (phiên bản) đã bị sửa: hãy tải lại mẫu.");

        var errors = new Dictionary<string, string[]>();
        void Error(string cell, string message) => errors[cell] = [$"Ô {cell}: {message}"];
        decimal? NumberAt(string cell, bool whole = false)
        {
            var text = Cell(cell)?.Trim();
            if (string.IsNullOrEmpty(text)) return null;
            // Excel stores numbers invariantly; a typed "1.234,5" arrives as text and is read the Vietnamese way.
            if (decimal.TryParse(text, NumberStyles.Float, Invariant, out var value)
                || decimal.TryParse(text, NumberStyles.Number, CultureInfo.GetCultureInfo("vi-VN"), out value))
            {
                if (value < 0) Error(cell, $"“{text}” là số âm; cần một số không âm.");
                else if (whole && value != decimal.Truncate(value)) Error(cell, $"“{text}” không phải số nguyên.");
                else return value;
                return null;
            }
            Error(cell, $"“{text}” không phải là số.");
            return null;
        }

        var rowsByKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (reference, value) in cells.Where(c => c.Key.StartsWith('A')))
            if (int.TryParse(reference[1..], NumberStyles.None, Invariant, out var r) && !string.IsNullOrWhiteSpace(value))
                rowsByKey.TryAdd(value.Trim(), r);

        var areas = new List<TaskAreaInput>();
        foreach (var area in reportAreas)
        {
            if (!rowsByKey.TryGetValue(area.Number.ToString(Invariant), out var r)) continue;
            var statusText = Cell($"C{r}")?.Trim();
            var status = area.Status;
            if (!string.IsNullOrEmpty(statusText))
            {
                if (WorkbookStatus.Parse(statusText) is { } parsed) status = parsed;
                else Error($"C{r}", $"“{statusText}” không phải một tình trạng ({WorkbookStatus.Choices}).");
            }
            var percent = NumberAt($"D{r}", whole: true);
            if (percent > 100) Error($"D{r}", $"{percent} vượt quá 100 %.");
            areas.Add(new TaskAreaInput(area.TaskAreaId, status, percent is { } p && p <= 100 ? (int)p : null,
                Blank(Cell($"E{r}")), Blank(Cell($"F{r}")), Blank(Cell($"G{r}"))));
        }
        var values = new List<IndicatorValueInput>();
        foreach (var indicator in reportIndicators)
        {
            if (!rowsByKey.TryGetValue(indicator.Code, out var r)) continue;
            values.Add(indicator.Aggregation == IndicatorAggregation.Rate
                ? new IndicatorValueInput(indicator.IndicatorId, null, NumberAt($"E{r}"), NumberAt($"F{r}"), Blank(Cell($"G{r}")))
                : new IndicatorValueInput(indicator.IndicatorId, NumberAt($"D{r}"), null, null, Blank(Cell($"G{r}"))));
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        if (areas.Count == 0 && values.Count == 0)
            throw Invalid("A1", "Tệp không có dòng nhiệm vụ hay chỉ tiêu nào của báo cáo này.");
        return new SaveReportRequest(version, areas, values);
    }

    private static ValidationFailedException Invalid(string cell, string message) => ValidationFailedException.For(cell, message);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 500 ? text : text[..497] + "…";

    private static string Slug(string name) =>
        new string(TextFolding.Fold(name).Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-').Replace("--", "-", StringComparison.Ordinal);

    // ---- writing -------------------------------------------------------------------------------------------------

    private enum Style : uint
    {
        Label = 0,
        Title = 1,
        Header = 2,
        Input = 3,
        InputWrap = 4,
        Wrap = 5,
        Note = 6,
    }

    private static Stylesheet Styles()
    {
        var yellow = new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFF59D" }) { PatternType = PatternValues.Solid });
        var grey = new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE0E0E0" }) { PatternType = PatternValues.Solid });
        CellFormat Format(uint font, uint fill, bool locked, bool wrap) => new(
            new Alignment { WrapText = wrap, Vertical = VerticalAlignmentValues.Top }, new Protection { Locked = locked })
        { FontId = font, FillId = fill, BorderId = 0, ApplyFont = true, ApplyFill = true, ApplyAlignment = true, ApplyProtection = true };
        return new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 13 }), new Font(new Bold(), new FontSize { Val = 11 }),
                new Font(new Italic(), new FontSize { Val = 10 })),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }), yellow, grey),
            new Borders(new Border()),
            new CellFormats(
                Format(0, 0, locked: true, wrap: false),  // Label
                Format(1, 0, locked: true, wrap: false),  // Title
                Format(2, 3, locked: true, wrap: true),   // Header
                Format(0, 2, locked: false, wrap: false), // Input
                Format(0, 2, locked: false, wrap: true),  // InputWrap
                Format(0, 0, locked: true, wrap: true),   // Wrap
                Format(3, 0, locked: true, wrap: false)));// Note
    }

    private static Column Column(uint index, double width) => new() { Min = index, Max = index, Width = width, CustomWidth = true };

    private static Cell Text(string column, int row, string text, Style style) => new()
    {
        CellReference = $"{column}{row}",
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = (uint)style,
    };

    private static Cell Number(string column, int row, decimal value, Style style) => new()
    {
        CellReference = $"{column}{row}",
        CellValue = new CellValue(value.ToString("0.####", Invariant)),
        StyleIndex = (uint)style,
    };

    private static Cell Optional(string column, int row, decimal? value, Style style) =>
        value is { } v ? Number(column, row, v, style) : new Cell { CellReference = $"{column}{row}", StyleIndex = (uint)style };

    private static Cell[] Header(int row, params string[] titles) =>
        titles.Select((t, i) => Text(((char)('A' + i)).ToString(), row, t, Style.Header)).ToArray();
}
