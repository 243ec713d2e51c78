using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Dashboards;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Maps;

/// <summary>One unit on the map: its figure, the class it is coloured by, the words for it, and its shape (none for a unit newer than the boundaries).</summary>
public sealed record MapFeature(Guid OrgUnitId, string Code, string Name, decimal? Value, string Class, string Label, UnitShape? Shape, bool Returned = false);

/// <summary>A class of the legend: its key, its words, how many units are in it.</summary>
public sealed record MapLegendItem(string Class, string Label, int Count);

/// <summary>The units that answer to a scope in a period, each coloured by the chosen measure.</summary>
public sealed record UnitMap(Guid OrgUnitId, string OrgUnitName, string PeriodName, string Measure, string Title,
    IReadOnlyList<MapLegendItem> Legend, IReadOnlyList<MapFeature> Features);

/// <summary>
/// The dashboard's map (issue 21): for the nation its 34 provinces, for a province its communes, coloured by report
/// status in the period (<c>status</c>, the default) or by an indicator's value against its target
/// (<c>indicator:CT28-08</c>). The figures are the dashboard's own (<see cref="DashboardService"/>, which checks
/// that the caller sees the scope); the map adds only the shapes.
/// </summary>
public sealed class MapService(IDbContextFactory<AppDbContext> dbFactory, DashboardService dashboards)
{
    public const string StatusMeasure = "status", IndicatorPrefix = "indicator:";

    /// <summary>The status classes, in the legend's order (best first).</summary>
    public static readonly IReadOnlyList<string> StatusClasses = ["accepted", "on-time", "late", "missing"];

    /// <summary>An indicator against its target, in the legend's order; each class's words are <see cref="Labels.MapClass"/>'s.</summary>
    public static readonly IReadOnlyList<string> TargetClasses = ["met", "not-met", "no-target", "no-data"];

    public async Task<UnitMap> MapAsync(DashboardQuery q, string? measure, CancellationToken ct = default)
    {
        measure = string.IsNullOrWhiteSpace(measure) ? StatusMeasure : measure.Trim();
        if (measure != StatusMeasure && !measure.StartsWith(IndicatorPrefix, StringComparison.Ordinal))
            throw ValidationFailedException.For("measure", "Thước đo của bản đồ là \"status\" (tình hình nộp báo cáo) hoặc \"indicator:<mã chỉ tiêu>\", ví dụ indicator:CT28-08.");
        var compliance = await dashboards.ComplianceAsync(q, ct);
        if (measure == StatusMeasure) return StatusMap(compliance);

        var code = measure[IndicatorPrefix.Length..].Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var indicator = await db.Indicators.AsNoTracking().Include(i => i.Targets).SingleOrDefaultAsync(i => i.DirectiveId == q.DirectiveId && i.Code == code, ct)
            ?? throw ValidationFailedException.For("measure", $"Văn bản không có chỉ tiêu mã {code}.");
        var year = await db.ReportingPeriods.Where(p => p.Id == q.PeriodId).Select(p => p.StartsOn.Year).SingleAsync(ct);
        var values = (await dashboards.IndicatorByUnitAsync(q, indicator.Id, ct)).ToDictionary(v => v.OrgUnitId);
        var byTarget = compliance.Units.Select(u =>
        {
            var value = values.GetValueOrDefault(u.OrgUnitId)?.Value;
            var css = indicator.StatusAgainstTarget(value, year) switch
            {
                TargetStatus.Met => "met",
                TargetStatus.NotMet => "not-met",
                TargetStatus.NoData => "no-data",
                _ => "no-target",
            };
            var label = IndicatorFormat.Value(value, indicator.Unit, "chưa báo cáo") + (css is "met" or "not-met" ? $" — {Labels.MapClass(css).ToLowerInvariant()}" : "");
            return new MapFeature(u.OrgUnitId, u.Code, u.Name, value, css, label, VietnamShapes.For(u.Code));
        }).ToList();
        return new UnitMap(compliance.OrgUnitId, compliance.OrgUnitName, compliance.PeriodName, measure,
            $"{indicator.Code}. {indicator.Name} — {compliance.PeriodName}", Legend(TargetClasses, byTarget), byTarget);
    }

    /// <summary>The status map from a compliance the caller already has (the dashboard page: no second read).</summary>
    public static UnitMap StatusMap(Compliance compliance)
    {
        var features = compliance.Units.Select(u =>
        {
            var (css, label) = StatusOf(u);
            return new MapFeature(u.OrgUnitId, u.Code, u.Name, null, css, label, VietnamShapes.For(u.Code), u.Status == ComplianceStatus.Returned);
        }).ToList();
        return new UnitMap(compliance.OrgUnitId, compliance.OrgUnitName, compliance.PeriodName, StatusMeasure,
            $"Tình hình nộp báo cáo {compliance.PeriodName}", Legend(StatusClasses, features), features);
    }

    /// <summary>A report sent on time (or accepted) is told from one sent late and from none; a returned report keeps its timeliness.</summary>
    public static (string Class, string Label) StatusOf(ComplianceUnit u) => u.Status switch
    {
        ComplianceStatus.Accepted => ("accepted", Labels.Compliance.Accepted),
        ComplianceStatus.Submitted or ComplianceStatus.Returned when u.OnTime == false =>
            ("late", u.Status == ComplianceStatus.Returned ? $"{Labels.Compliance.Returned} ({Labels.Compliance.Late.ToLowerInvariant()})" : Labels.Compliance.Late),
        ComplianceStatus.Submitted or ComplianceStatus.Returned =>
            ("on-time", u.Status == ComplianceStatus.Returned ? $"{Labels.Compliance.Returned} ({Labels.Compliance.OnTime.ToLowerInvariant()})" : Labels.Compliance.OnTime),
        _ => ("missing", Labels.Compliance.Missing),
    };

    private static List<MapLegendItem> Legend(IReadOnlyList<string> classes, List<MapFeature> features) =>
        classes.Select(c => new MapLegendItem(c, Labels.MapClass(c), features.Count(f => f.Class == c))).ToList();
}
