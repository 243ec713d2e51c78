using ChildCare.Core.Domain;
using ChildCare.Core.Text;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace ChildCare.Core.Features.Exports;

/// <summary>The annex tables as a workbook: numbers as number cells with formats, frozen Vietnamese headers.</summary>
public static class XlsxSummaryWriter
{
    public const string ComplianceSheet = "Tình hình báo cáo";
    public const string IndicatorSheet = "Chỉ tiêu tổng hợp";
    public const string ValuesSheet = "Chỉ tiêu theo đơn vị và kỳ";
    public const string MatrixSheet = "Ma trận nhiệm vụ";

    public static async Task WriteAsync(SummaryData d, Stream output, CancellationToken ct)
    {
        var sheets = new Dictionary<string, object>
        {
            [ComplianceSheet] = d.ComplianceByUnit.Select((u, i) => new ComplianceRow
            {
                Number = i + 1, Code = u.Code, Name = u.Name, Periods = u.Periods, OnTime = u.OnTime, Late = u.Late, Missing = u.Missing,
                Returned = u.Returned, Accepted = u.Accepted,
            }).ToList(),
            [IndicatorSheet] = d.Indicators.Select(i => new IndicatorRow
            {
                Code = i.Code, Name = i.Name, Unit = Labels.Of(i.Unit), Nature = Labels.Of(i.Nature), Value = i.Value, Numerator = i.Numerator,
                Denominator = i.Denominator, Reporting = i.ReportingUnits, Expected = i.ExpectedUnits,
                Targets = string.Join("; ", i.Targets.Select(t => $"{t.Year}: {(t.Value is { } v ? v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : t.Description)} ({t.Source})")),
                Status = SummaryText.Verdict(i.Status),
            }).ToList(),
            [ValuesSheet] = d.Values.Select(v => new ValueRow
            {
                UnitCode = v.UnitCode, UnitName = v.UnitName, Period = v.PeriodCode, Code = v.IndicatorCode, Name = v.IndicatorName,
                Unit = Labels.Of(v.Unit), Value = v.Value, Numerator = v.Numerator, Denominator = v.Denominator, Computed = v.ComputedValue,
            }).ToList(),
            [MatrixSheet] = d.LatestMatrix.Select(m => new MatrixSheetRow
            {
                Unit = m.Name, Report = m.Cells.Count == 0 ? "Chưa có báo cáo được tính" : "Đã gửi/chấp nhận",
                Area1 = Cell(m, 1), Area2 = Cell(m, 2), Area3 = Cell(m, 3), Area4 = Cell(m, 4), Area5 = Cell(m, 5),
            }).ToList(),
        };
        var config = new OpenXmlConfiguration { FreezeRowCount = 1, EnableAutoWidth = true, FastMode = true };
        await output.SaveAsAsync(sheets, configuration: config, cancellationToken: ct);
    }

    private static string Cell(Dashboards.MatrixRow row, int area) =>
        row.Cells.FirstOrDefault(c => c.TaskAreaNumber == area) is { } c ? $"{Labels.Of(c.Status)}{(c.PercentComplete is { } p ? $" ({p}%)" : "")}" : "";

    public sealed class ComplianceRow
    {
        [ExcelColumnName("STT")] public int Number { get; set; }
        [ExcelColumnName("Mã đơn vị")] public string Code { get; set; } = "";
        [ExcelColumnName("Đơn vị")] public string Name { get; set; } = "";
        [ExcelColumnName("Số kỳ")] public int Periods { get; set; }
        [ExcelColumnName("Đúng hạn")] public int OnTime { get; set; }
        [ExcelColumnName("Muộn")] public int Late { get; set; }
        [ExcelColumnName("Chưa gửi")] public int Missing { get; set; }
        [ExcelColumnName("Bị trả lại")] public int Returned { get; set; }
        [ExcelColumnName("Được chấp nhận")] public int Accepted { get; set; }
    }

    public sealed class IndicatorRow
    {
        [ExcelColumnName("Mã")] public string Code { get; set; } = "";
        [ExcelColumnName("Chỉ tiêu")] public string Name { get; set; } = "";
        [ExcelColumnName("Đơn vị tính")] public string Unit { get; set; } = "";
        [ExcelColumnName("Cách tổng hợp qua các kỳ")] public string Nature { get; set; } = "";
        [ExcelColumnName("Giá trị")][ExcelFormat("#,##0.00")] public decimal? Value { get; set; }
        [ExcelColumnName("Σ tử số")][ExcelFormat("#,##0")] public decimal? Numerator { get; set; }
        [ExcelColumnName("Σ mẫu số")][ExcelFormat("#,##0")] public decimal? Denominator { get; set; }
        [ExcelColumnName("Đơn vị báo cáo")] public int Reporting { get; set; }
        [ExcelColumnName("Đơn vị phải báo cáo")] public int Expected { get; set; }
        [ExcelColumnName("Mục tiêu (nguồn)")] public string Targets { get; set; } = "";
        [ExcelColumnName("Đánh giá")] public string Status { get; set; } = "";
    }

    public sealed class ValueRow
    {
        [ExcelColumnName("Mã đơn vị")] public string UnitCode { get; set; } = "";
        [ExcelColumnName("Đơn vị")] public string UnitName { get; set; } = "";
        [ExcelColumnName("Kỳ")] public string Period { get; set; } = "";
        [ExcelColumnName("Mã chỉ tiêu")] public string Code { get; set; } = "";
        [ExcelColumnName("Chỉ tiêu")] public string Name { get; set; } = "";
        [ExcelColumnName("Đơn vị tính")] public string Unit { get; set; } = "";
        [ExcelColumnName("Giá trị")][ExcelFormat("#,##0.00")] public decimal? Value { get; set; }
        [ExcelColumnName("Tử số")][ExcelFormat("#,##0")] public decimal? Numerator { get; set; }
        [ExcelColumnName("Mẫu số")][ExcelFormat("#,##0")] public decimal? Denominator { get; set; }
        [ExcelColumnName("Tỷ lệ / giá trị tính")][ExcelFormat("#,##0.00")] public decimal? Computed { get; set; }
    }

    public sealed class MatrixSheetRow
    {
        [ExcelColumnName("Đơn vị")] public string Unit { get; set; } = "";
        [ExcelColumnName("Báo cáo")] public string Report { get; set; } = "";
        [ExcelColumnName("Nhiệm vụ 1")] public string Area1 { get; set; } = "";
        [ExcelColumnName("Nhiệm vụ 2")] public string Area2 { get; set; } = "";
        [ExcelColumnName("Nhiệm vụ 3")] public string Area3 { get; set; } = "";
        [ExcelColumnName("Nhiệm vụ 4")] public string Area4 { get; set; } = "";
        [ExcelColumnName("Nhiệm vụ 5")] public string Area5 { get; set; } = "";
    }
}
