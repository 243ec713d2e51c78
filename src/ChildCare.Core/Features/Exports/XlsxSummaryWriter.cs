using ChildCare.Core.Text;
using static ChildCare.Core.Features.Exports.XlsxWriter;

namespace ChildCare.Core.Features.Exports;

/// <summary>The annex tables as a workbook: numbers as number cells with formats, frozen Vietnamese headers.</summary>
public static class XlsxSummaryWriter
{
    public const string ComplianceSheet = "Tình hình báo cáo";
    public const string IndicatorSheet = "Chỉ tiêu tổng hợp";
    public const string ValuesSheet = "Chỉ tiêu theo đơn vị và kỳ";
    public const string MatrixSheet = "Ma trận nhiệm vụ";

    public static Task WriteAsync(SummaryData d, Stream output, CancellationToken ct)
    {
        using var xlsx = new XlsxWriter(output);
        xlsx.Sheet(ComplianceSheet,
            [new("STT", 6, Style.Integer), new("Mã đơn vị", 12, Style.Text), new("Đơn vị", 40, Style.Text), new("Số kỳ", 8, Style.Integer),
             new(Labels.Compliance.OnTime, 10, Style.Integer), new(Labels.Compliance.Late, 8, Style.Integer), new(Labels.Compliance.Missing, 10, Style.Integer),
             new(Labels.Compliance.Returned, 10, Style.Integer), new(Labels.Compliance.Accepted, 14, Style.Integer), new(Labels.Compliance.Unsigned, 12, Style.Integer)],
            d.ComplianceByUnit.Select((u, i) => (u, i)),
            x => [x.i + 1, x.u.Code, x.u.Name, x.u.Periods, x.u.OnTime, x.u.Late, x.u.Missing, x.u.Returned, x.u.Accepted, x.u.Unsigned]);
        xlsx.Sheet(IndicatorSheet,
            [new("Mã", 10, Style.Text), new("Chỉ tiêu", 60, Style.Text), new("Đơn vị tính", 12, Style.Text), new("Cách tổng hợp qua các kỳ", 30, Style.Text),
             new("Giá trị", 14, Style.Decimal), new("Σ tử số", 14, Style.Integer), new("Σ mẫu số", 14, Style.Integer), new("Đơn vị báo cáo", 14, Style.Integer),
             new("Đơn vị phải báo cáo", 18, Style.Integer), new("Mục tiêu (nguồn)", 60, Style.Text), new("Đánh giá", 18, Style.Text)],
            d.Indicators,
            i => [i.Code, i.Name, Labels.Of(i.Unit), Labels.Of(i.Nature), i.Value, i.Numerator, i.Denominator, i.ReportingUnits, i.ExpectedUnits,
                  string.Join("; ", i.Targets.Select(t => $"{t.Year}: {(t.Value is { } v ? SummaryText.Number(v, i.Unit) : t.Description)} ({t.Source})")),
                  SummaryText.Verdict(i.Status)]);
        xlsx.Sheet(ValuesSheet,
            [new("Mã đơn vị", 12, Style.Text), new("Đơn vị", 36, Style.Text), new("Kỳ", 10, Style.Text), new("Mã chỉ tiêu", 10, Style.Text),
             new("Chỉ tiêu", 60, Style.Text), new("Đơn vị tính", 12, Style.Text), new("Giá trị", 14, Style.Decimal), new("Tử số", 14, Style.Integer),
             new("Mẫu số", 14, Style.Integer), new("Tỷ lệ / giá trị tính", 18, Style.Decimal)],
            d.Values,
            v => [v.UnitCode, v.UnitName, v.PeriodCode, v.IndicatorCode, v.IndicatorName, Labels.Of(v.Unit), v.Value, v.Numerator, v.Denominator,
                  v.ComputedValue is { } c ? Math.Round(c, 4) : null]);
        xlsx.Sheet(MatrixSheet,
            [new("Đơn vị", 36, Style.Text), new("Báo cáo", 22, Style.Text), .. d.TaskAreas.Select(a => new Column($"Nhiệm vụ {a.Number}", 22, Style.Text))],
            d.LatestMatrix,
            m => [m.Name, m.Cells.Count == 0 ? "Chưa có báo cáo được tính" : "Đã gửi/chấp nhận",
                  .. d.TaskAreas.Select(a => (object?)(m.Cells.FirstOrDefault(c => c.TaskAreaNumber == a.Number) is { } c
                      ? $"{Labels.Of(c.Status)}{(c.PercentComplete is { } p ? $" ({p}%)" : "")}" : ""))]);
        ct.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }
}
