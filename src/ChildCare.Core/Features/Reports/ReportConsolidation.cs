using ChildCare.Core.Domain;

namespace ChildCare.Core.Features.Reports;

/// <summary>
/// Fills a unit's report from the accepted reports of the units that report to it: counts summed,
/// rates as Σnumerator / Σdenominator, and each task area's results, difficulties and proposals
/// gathered unit by unit. Used by the reviewer's "consolidate" and by the demo data.
/// </summary>
public static class ReportConsolidation
{
    public static void Fill(ProgressReport report, IReadOnlyList<ProgressReport> children, IReadOnlyList<TaskArea> areas,
        IReadOnlyList<Indicator> indicators)
    {
        foreach (var area in areas)
        {
            var rows = children.Select(c => (c.OrgUnit, Row: c.TaskAreas.FirstOrDefault(t => t.TaskAreaId == area.Id))).Where(x => x.Row is not null).ToList();
            string? Gather(Func<TaskAreaProgress, string?> pick)
            {
                var lines = rows.Where(x => !string.IsNullOrWhiteSpace(pick(x.Row!))).Select(x => $"- {x.OrgUnit.ShortName ?? x.OrgUnit.Name}: {pick(x.Row!)}").ToList();
                var text = lines.Count == 0 ? null : string.Join("\n", lines);
                return text?.Length > ReportValidation.MaxTextLength ? text[..ReportValidation.MaxTextLength] : text;
            }
            var percents = rows.Where(x => x.Row!.PercentDone is not null).Select(x => x.Row!.PercentDone!.Value).ToList();
            var status = rows.Count == 0 ? TaskProgressStatus.NotStarted
                : rows.GroupBy(x => x.Row!.Status).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
            var percent = percents.Count == 0 ? (int?)null : (int)Math.Round(percents.Average());
            if (status == TaskProgressStatus.Done && percent < 100) status = TaskProgressStatus.OnTrack;
            report.ProgressFor(area).Update(status, percent, Gather(r => r.Results), Gather(r => r.Difficulties), Gather(r => r.Proposals));
        }
        foreach (var indicator in indicators)
        {
            var values = children.Select(c => c.IndicatorValues.FirstOrDefault(v => v.IndicatorId == indicator.Id)).OfType<IndicatorValue>().ToList();
            var value = report.IndicatorValues.FirstOrDefault(v => v.IndicatorId == indicator.Id);
            if (value is null)
            {
                value = new IndicatorValue(report.Id, indicator);
                report.IndicatorValues.Add(value);
            }
            var note = $"Tổng hợp từ {values.Count}/{children.Count} báo cáo đã chấp nhận";
            if (indicator.Aggregation == IndicatorAggregation.Rate)
            {
                var rated = values.Where(v => v.Denominator > 0).ToList();
                value.Set(indicator, null, rated.Count == 0 ? null : rated.Sum(v => v.Numerator), rated.Count == 0 ? null : rated.Sum(v => v.Denominator), note);
            }
            else
            {
                var counted = values.Where(v => v.Value is not null).ToList();
                value.Set(indicator, counted.Count == 0 ? null : counted.Sum(v => v.Value), null, null, note);
            }
        }
    }
}
