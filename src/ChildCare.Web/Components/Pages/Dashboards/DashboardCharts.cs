using System.Text.RegularExpressions;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Dashboards;
using ChildCare.Core.Text;
using ChildCare.Web.Components.Shared;
using Microsoft.Extensions.Localization;

namespace ChildCare.Web.Components.Pages.Dashboards;

/// <summary>
/// The dashboard's charts as data: which labels, which series, in which colours, and the sentence a screen reader hears.
/// Colours are dark enough for 3:1 against white (WCAG 1.4.11) and never the only carrier of meaning (the legend names each).
/// </summary>
public static partial class DashboardCharts
{
    public const string Green = "#2e7d32";
    public const string Amber = "#a15c00";
    public const string Red = "#c62828";
    public const string Blue = "#1565c0";
    public const string Grey = "#616161";
    public const string Teal = "#00695c";

    /// <summary>How many units are in each state of the period: one bar per state, in the reader's language.</summary>
    public static ChartData Compliance(Compliance c, IStringLocalizer<Strings> t)
    {
        string[] labels = [Labels.Compliance.OnTime, Labels.Compliance.Late, Labels.Compliance.Returned, Labels.Compliance.Missing, Labels.Compliance.Accepted];
        decimal?[] values = [c.OnTime, c.Late, c.Returned, c.Missing, c.Accepted];
        return new ChartData(t["Dashboard.ColStatus"], labels, [new(t["Dashboard.UnitCount"], Blue, values)], ChartData.Number,
            t["Dashboard.ComplianceSummary", c.Expected, c.OnTime, c.Late, c.Returned, c.Missing, c.Accepted]);
    }

    /// <summary>For each task area, how many units report it in each state: stacked bars.</summary>
    public static ChartData TaskAreas(TaskAreaMatrix matrix)
    {
        (TaskProgressStatus Status, string Color)[] states =
            [(TaskProgressStatus.Done, Teal), (TaskProgressStatus.OnTrack, Green), (TaskProgressStatus.AtRisk, Amber), (TaskProgressStatus.Delayed, Red), (TaskProgressStatus.NotStarted, Grey)];
        var cells = matrix.Units.SelectMany(u => u.Cells).ToList();
        var labels = matrix.TaskAreas.Select(a => $"NV {a.Number}").ToList();
        var series = states.Select(s => new ChartLine(Labels.Of(s.Status), s.Color,
            matrix.TaskAreas.Select(a => (decimal?)cells.Count(c => c.TaskAreaNumber == a.Number && c.Status == s.Status)).ToList())).ToList();
        var stuck = matrix.TaskAreas.Select(a => (a.Number, Count: cells.Count(c => c.TaskAreaNumber == a.Number && c.Status is TaskProgressStatus.Delayed or TaskProgressStatus.AtRisk)))
            .OrderByDescending(x => x.Count).FirstOrDefault();
        var reporting = matrix.Units.Count(u => u.Cells.Count > 0);
        return new ChartData("Nhóm nhiệm vụ", labels, series, ChartData.Number,
            $"Biểu đồ cột chồng: tình trạng {labels.Count} nhóm nhiệm vụ theo {reporting} báo cáo đã gửi"
            + (stuck.Count > 0 ? $"; nhiều đơn vị chậm hoặc có nguy cơ chậm nhất ở nhiệm vụ {stuck.Number} ({stuck.Count} đơn vị)." : "."));
    }

    /// <summary>An indicator across periods, with its target for each period's year drawn as a second line.</summary>
    public static ChartData Trend(IndicatorAggregate indicator, IReadOnlyList<TrendPoint> trend)
    {
        var labels = trend.Select(t => t.PeriodCode).ToList();
        var values = trend.Select(t => t.NotComparable ? null : t.Value).ToList();
        var targets = trend.Select(t => TargetFor(indicator, t.PeriodCode)).ToList();
        var notes = trend.Select(t => t.NotComparable ? "không so sánh được (đơn vị tiền thân bị chia tách không theo tỷ lệ)" : null).ToList();
        List<ChartLine> series = [new($"{indicator.Code} (giá trị)", Blue, values, notes)];
        if (targets.Any(t => t is not null)) series.Add(new("Mục tiêu", Red, targets));
        string Format(decimal v) => IndicatorFormat.Value(v, indicator.Unit);
        var known = trend.Where(t => !t.NotComparable && t.Value is not null).ToList();
        var summary = known.Count == 0
            ? $"Biểu đồ đường: {indicator.Code} chưa có số liệu qua các kỳ."
            : $"Biểu đồ đường: {indicator.Code} từ {Format(known[0].Value!.Value)} ({known[0].PeriodCode}) đến {Format(known[^1].Value!.Value)} ({known[^1].PeriodCode})"
              + (targets.LastOrDefault(t => t is not null) is { } target ? $"; mục tiêu {Format(target)}." : ".");
        return new ChartData("Kỳ", labels, series, Format, summary);
    }

    /// <summary>An indicator for each unit under the one looked at: one bar per unit.</summary>
    public static ChartData ByUnit(IndicatorAggregate indicator, IReadOnlyList<UnitIndicatorValue> units)
    {
        string Format(decimal v) => IndicatorFormat.Value(v, indicator.Unit);
        var reported = units.Count(u => u.Value is not null);
        return new ChartData("Đơn vị", units.Select(u => u.Name).ToList(), [new(indicator.Code, Blue, units.Select(u => u.Value).ToList())], Format,
            $"Biểu đồ cột: {indicator.Code} theo {units.Count} đơn vị, {reported} đơn vị có số liệu.");
    }

    private static decimal? TargetFor(IndicatorAggregate indicator, string periodCode) =>
        Year().Match(periodCode) is { Success: true } m && int.TryParse(m.Value, out var year)
            ? indicator.Targets.Where(t => t.Year == year && t.Value is not null).Select(t => t.Value).FirstOrDefault()
            : null;

    [GeneratedRegex(@"(19|20)\d{2}")]
    private static partial Regex Year();
}
