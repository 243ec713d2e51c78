using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ChildCare.Core.Features.Dashboards;

/// <summary>
/// Indicator sums in SQL over the counted reports of a period: Σvalue, and Σnumerator / Σdenominator over the rows with a
/// denominator (a rate is never an average of rates); how many units reported each.
/// </summary>
internal static class IndicatorSums
{
    internal sealed record Sums(decimal? Value, decimal? Numerator, decimal? Denominator, int Reporting);

    internal static Task<Dictionary<Guid, Sums>> AggregateAsync(AppDbContext db, Guid directiveId, Guid periodId,
        IReadOnlyList<ExpectedUnit> expected, CancellationToken ct, Guid? indicatorId = null) =>
        AggregateAsync(db, directiveId, periodId, expected.Select(u => u.Id).ToList(), ct, indicatorId);

    internal static async Task<Dictionary<Guid, Sums>> AggregateAsync(AppDbContext db, Guid directiveId, Guid periodId,
        List<Guid> ids, CancellationToken ct, Guid? indicatorId = null)
    {
        var counted = db.ProgressReports.Where(r => r.DirectiveId == directiveId && r.PeriodId == periodId
            && ReportingRule.Counted.Contains(r.Status) && ids.Contains(r.OrgUnitId));
        var values = indicatorId is { } only ? db.IndicatorValues.Where(v => v.IndicatorId == only) : db.IndicatorValues;
        var rows = await counted
            .Join(values, r => r.Id, v => v.ReportId, (r, v) => new { v.IndicatorId, v.Value, v.Numerator, v.Denominator })
            .GroupBy(v => v.IndicatorId)
            .Select(g => new
            {
                IndicatorId = g.Key,
                Value = g.Sum(v => v.Value),
                Numerator = g.Sum(v => v.Denominator > 0 ? v.Numerator : null),
                Denominator = g.Sum(v => v.Denominator > 0 ? v.Denominator : null),
                WithValue = g.Count(v => v.Value != null),
                WithRate = g.Count(v => v.Denominator > 0),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.IndicatorId,
            r => new Sums(r.WithValue > 0 ? r.Value : null, r.WithRate > 0 ? r.Numerator : null, r.WithRate > 0 ? r.Denominator : null,
                Math.Max(r.WithValue, r.WithRate)));
    }

    internal static IndicatorAggregate ToAggregate(Indicator i, Sums? s, int expected, int year)
    {
        var value = i.Aggregation == IndicatorAggregation.Rate ? i.RateOf(s?.Numerator, s?.Denominator) : s?.Value;
        var targets = i.Targets.OrderBy(t => t.Year).ThenBy(t => t.Source).Select(t => new TargetView(t.Year, t.Value, t.Source, t.Description)).ToList();
        return new IndicatorAggregate(i.Id, i.Code, i.Name, i.Unit, i.Aggregation, i.Direction, i.TaskArea?.Number, value,
            i.Aggregation == IndicatorAggregation.Rate ? s?.Numerator : null, i.Aggregation == IndicatorAggregation.Rate ? s?.Denominator : null,
            s?.Reporting ?? 0, expected, targets, i.StatusAgainstTarget(value, year));
    }
}
