using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ChildCare.Core.Features.Dashboards;

/// <summary>
/// Dashboards for a directive, a period and a scope unit, read live from the reports (no batch).
/// A scope counts the reports of the units that answer to it — for 28-CT/TW a province's district
/// committees, the nation's provinces — that existed during the period; never its own report.
/// Indicator aggregates are computed in SQL over submitted and accepted reports only; rates are
/// Σnumerator / Σdenominator at every level, scaled by the unit, never an average of child rates.
/// </summary>
public sealed class DashboardService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time, IMemoryCache cache)
{
    private static readonly ReportStatus[] Counting = [ReportStatus.Submitted, ReportStatus.Accepted];

    public async Task<Compliance> ComplianceAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (period, kinds, unit, expected) = await ResolveAsync(db, q, ct);
        var ids = expected.Select(u => u.Id).ToArray();
        var reports = await db.ProgressReports.AsNoTracking()
            .Where(r => r.DirectiveId == q.DirectiveId && r.PeriodId == q.PeriodId && ids.Contains(r.OrgUnitId))
            .Select(r => new { r.Id, r.OrgUnitId, r.Status, r.LastSubmittedAt, r.SubmittedOnTime, r.FirstSubmittedAt, r.UpdatedAt })
            .ToDictionaryAsync(r => r.OrgUnitId, ct);
        var childKind = ChildReportingKind(kinds, expected.FirstOrDefault()?.Kind ?? unit.Kind);
        var today = Deadlines.TodayInVietnam(time.GetUtcNow());

        var rows = expected.Select(u =>
        {
            var r = reports.GetValueOrDefault(u.Id);
            var status = r is null ? ComplianceStatus.Missing : Enum.Parse<ComplianceStatus>(r.Status.ToString());
            var due = period.DueOnFor(u.Kind);
            var neverSent = r?.FirstSubmittedAt is null;
            return new ComplianceUnit(u.Id, u.Code, u.Name, u.Kind, status, r?.Id, r?.LastSubmittedAt, r?.SubmittedOnTime,
                neverSent && today > due, r?.UpdatedAt, childKind is not null);
        }).ToList();
        int Count(Func<ComplianceUnit, bool> f) => rows.Count(f);
        var sent = Count(u => u.Status is ComplianceStatus.Submitted or ComplianceStatus.Returned or ComplianceStatus.Accepted);
        return new Compliance(unit.Id, unit.Name, period.Code, period.Name, period.DueOnUnit, rows.Count,
            OnTime: Count(u => u.OnTime == true), Late: Count(u => u.OnTime == false),
            Returned: Count(u => u.Status == ComplianceStatus.Returned), Missing: rows.Count - sent,
            Accepted: Count(u => u.Status == ComplianceStatus.Accepted), Submitted: sent,
            SubmittedRate: rows.Count == 0 ? 0 : (double)sent / rows.Count,
            OnTimeRate: rows.Count == 0 ? 0 : (double)Count(u => u.OnTime == true) / rows.Count,
            Units: rows);
    }

    public async Task<IReadOnlyList<IndicatorAggregate>> IndicatorsAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (period, _, _, expected) = await ResolveAsync(db, q, ct);
        var sums = await AggregateAsync(db, q.DirectiveId, q.PeriodId, expected, ct);
        // Indicator definitions change only when an administrator edits the directive: a minute's reuse is safe.
        var indicators = await cache.GetOrCreateAsync(("dashboard-indicators", q.DirectiveId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.Indicators.AsNoTracking().Include(i => i.Targets).Include(i => i.TaskArea).AsSplitQuery()
                .Where(i => i.DirectiveId == q.DirectiveId).OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        }) ?? [];
        return indicators.Select(i => ToAggregate(i, sums.GetValueOrDefault(i.Id), expected.Count, period.EndsOn.Year)).ToList();
    }

    /// <summary>One indicator per expected unit (who reported what), for the breakdown chart.</summary>
    public async Task<IReadOnlyList<UnitIndicatorValue>> IndicatorByUnitAsync(DashboardQuery q, Guid indicatorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, _, _, expected) = await ResolveAsync(db, q, ct);
        var indicator = await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == indicatorId && i.DirectiveId == q.DirectiveId, ct);
        var ids = expected.Select(u => u.Id).ToArray();
        var values = await db.ProgressReports.AsNoTracking()
            .Where(r => r.DirectiveId == q.DirectiveId && r.PeriodId == q.PeriodId && Counting.Contains(r.Status) && ids.Contains(r.OrgUnitId))
            .Join(db.IndicatorValues.Where(v => v.IndicatorId == indicatorId), r => r.Id, v => v.ReportId,
                (r, v) => new { r.OrgUnitId, v.Value, v.Numerator, v.Denominator })
            .ToDictionaryAsync(x => x.OrgUnitId, ct);
        return expected.Select(u =>
        {
            var v = values.GetValueOrDefault(u.Id);
            var value = indicator.Aggregation == IndicatorAggregation.Rate ? indicator.RateOf(v?.Numerator, v?.Denominator) : v?.Value;
            return new UnitIndicatorValue(u.Id, u.Name, value, v?.Numerator, v?.Denominator);
        }).ToList();
    }

    /// <summary>The indicator's aggregate for the scope over every period of the same kind up to this one.</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(DashboardQuery q, Guid indicatorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (period, _, _, _) = await ResolveAsync(db, q, ct);
        var indicator = await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == indicatorId && i.DirectiveId == q.DirectiveId, ct);
        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.DirectiveId == q.DirectiveId && p.Kind == period.Kind && p.StartsOn <= period.StartsOn)
            .OrderBy(p => p.StartsOn).Select(p => new { p.Id, p.Code }).ToListAsync(ct);
        var points = new List<TrendPoint>();
        foreach (var p in periods)
        {
            // Units open and close: each period counts the units that existed in it.
            var (_, _, _, expected) = await ResolveAsync(db, q with { PeriodId = p.Id }, ct);
            var s = (await AggregateAsync(db, q.DirectiveId, p.Id, expected, ct, indicatorId)).GetValueOrDefault(indicatorId);
            var value = indicator.Aggregation == IndicatorAggregation.Rate ? indicator.RateOf(s?.Numerator, s?.Denominator) : s?.Value;
            points.Add(new TrendPoint(p.Id, p.Code, value, s?.Reporting ?? 0));
        }
        return points;
    }

    public async Task<TaskAreaMatrix> TaskAreasAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, _, _, expected) = await ResolveAsync(db, q, ct);
        var areas = await db.TaskAreas.AsNoTracking().Where(t => t.DirectiveId == q.DirectiveId).OrderBy(t => t.Number)
            .Select(t => new TaskAreaHeader(t.Id, t.Number, t.Title)).ToListAsync(ct);
        var ids = expected.Select(u => u.Id).ToArray();
        var reports = await db.ProgressReports.AsNoTracking()
            .Where(r => r.DirectiveId == q.DirectiveId && r.PeriodId == q.PeriodId && ids.Contains(r.OrgUnitId))
            .Select(r => new
            {
                r.Id,
                r.OrgUnitId,
                r.Status,
                Cells = r.TaskAreas.Select(t => new { t.TaskAreaId, t.Status, t.PercentDone }).ToList(),
            }).ToDictionaryAsync(r => r.OrgUnitId, ct);
        var rows = expected.Select(u =>
        {
            var r = reports.GetValueOrDefault(u.Id);
            var status = r is null ? ComplianceStatus.Missing : Enum.Parse<ComplianceStatus>(r.Status.ToString());
            var cells = r is null || !Counting.Contains(r.Status)
                ? []
                : areas.Select(a => r.Cells.FirstOrDefault(c => c.TaskAreaId == a.Id) is { } c
                    ? new MatrixCell(a.Number, c.Status, c.PercentDone)
                    : new MatrixCell(a.Number, TaskProgressStatus.NotStarted, null)).ToList();
            return new MatrixRow(u.Id, u.Name, r?.Id, status, cells);
        }).ToList();
        return new TaskAreaMatrix(areas, rows);
    }

    /// <summary>Difficulties and proposals of the scope's counted reports, by task area; the search ignores diacritics.</summary>
    public async Task<IReadOnlyList<DigestItem>> DigestAsync(DashboardQuery q, string? search, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, _, _, expected) = await ResolveAsync(db, q, ct);
        var ids = expected.Select(u => u.Id).ToArray();
        var names = expected.ToDictionary(u => u.Id, u => u.Name);
        var rows = await db.ProgressReports.AsNoTracking()
            .Where(r => r.DirectiveId == q.DirectiveId && r.PeriodId == q.PeriodId && Counting.Contains(r.Status) && ids.Contains(r.OrgUnitId))
            .SelectMany(r => r.TaskAreas.Where(t => t.Difficulties != null || t.Proposals != null),
                (r, t) => new { r.Id, r.OrgUnitId, t.TaskArea.Number, t.TaskArea.Title, t.Difficulties, t.Proposals })
            .ToListAsync(ct);
        var folded = TextFolding.Fold(search);
        return rows.SelectMany(r => new[]
            {
                r.Difficulties is null ? null : new DigestItem(r.Number, r.Title, r.Id, r.OrgUnitId, names[r.OrgUnitId], "Khó khăn", r.Difficulties),
                r.Proposals is null ? null : new DigestItem(r.Number, r.Title, r.Id, r.OrgUnitId, names[r.OrgUnitId], "Đề xuất", r.Proposals),
            })
            .OfType<DigestItem>()
            .Where(i => folded.Length == 0 || TextFolding.Fold(i.Text).Contains(folded) || TextFolding.Fold(i.OrgUnitName).Contains(folded))
            .OrderBy(i => i.TaskAreaNumber).ThenBy(i => i.Kind).ThenBy(i => i.OrgUnitName)
            .ToList();
    }

    /// <summary>The scope unit's own report for the period (shown where no unit reports to it).</summary>
    public async Task<Guid?> OwnReportAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ResolveAsync(db, q, ct);
        return await db.ProgressReports.Where(r => r.DirectiveId == q.DirectiveId && r.PeriodId == q.PeriodId && r.OrgUnitId == q.OrgUnitId)
            .Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct);
    }

    private sealed record Sums(decimal? Value, decimal? Numerator, decimal? Denominator, int Reporting);

    private static async Task<Dictionary<Guid, Sums>> AggregateAsync(AppDbContext db, Guid directiveId, Guid periodId,
        IReadOnlyList<ExpectedUnit> expected, CancellationToken ct, Guid? indicatorId = null)
    {
        var ids = expected.Select(u => u.Id).ToArray();
        var counted = db.ProgressReports.Where(r => r.DirectiveId == directiveId && r.PeriodId == periodId
            && Counting.Contains(r.Status) && ids.Contains(r.OrgUnitId));
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

    private static IndicatorAggregate ToAggregate(Indicator i, Sums? s, int expected, int year)
    {
        var value = i.Aggregation == IndicatorAggregation.Rate ? i.RateOf(s?.Numerator, s?.Denominator) : s?.Value;
        var targets = i.Targets.OrderBy(t => t.Year).ThenBy(t => t.Source).Select(t => new TargetView(t.Year, t.Value, t.Source, t.Description)).ToList();
        return new IndicatorAggregate(i.Id, i.Code, i.Name, i.Unit, i.Aggregation, i.Direction, i.TaskArea?.Number, value,
            i.Aggregation == IndicatorAggregation.Rate ? s?.Numerator : null, i.Aggregation == IndicatorAggregation.Rate ? s?.Denominator : null,
            s?.Reporting ?? 0, expected, targets, StatusOf(i, value, year));
    }

    /// <summary>Against the nearest target from the period's year on (the first source when two disagree).</summary>
    public static TargetStatus StatusOf(Indicator i, decimal? value, int year)
    {
        if (value is null) return TargetStatus.NoData;
        if (i.Direction == IndicatorDirection.None) return TargetStatus.NoDirection;
        var target = i.Targets.Where(t => t.Value is not null).OrderBy(t => t.Year < year ? 1 : 0).ThenBy(t => t.Year < year ? -t.Year : t.Year)
            .FirstOrDefault();
        if (target?.Value is not { } goal) return TargetStatus.NoTarget;
        var met = i.Direction == IndicatorDirection.Higher ? value >= goal : value <= goal;
        return met ? TargetStatus.Met : TargetStatus.NotMet;
    }

    public sealed record ExpectedUnit(Guid Id, string Code, string Name, OrgUnitKind Kind);

    /// <summary>The units whose reports a scope counts in a period (see the class summary).</summary>
    public async Task<IReadOnlyList<ExpectedUnit>> ExpectedUnitsAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ResolveAsync(db, q, ct)).Expected;
    }

    private sealed record Resolved(ReportingPeriod Period, List<OrgUnitKind> Kinds, OrgUnit Unit, List<ExpectedUnit> Expected);

    /// <summary>
    /// The period, the scope unit, the directive's reporting kinds and the units expected to report:
    /// every dashboard call needs them and they change rarely (a unit opening or closing, a period's
    /// dates), so one read is reused for a minute. Reports themselves are never cached.
    /// </summary>
    private async Task<(ReportingPeriod Period, List<OrgUnitKind> Kinds, OrgUnit Unit, List<ExpectedUnit> Expected)> ResolveAsync(
        AppDbContext db, DashboardQuery q, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        var resolved = await cache.GetOrCreateAsync(("dashboard-scope", q.DirectiveId, q.PeriodId, q.OrgUnitId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            var found = await db.ReportingPeriods.AsNoTracking().Where(p => p.Id == q.PeriodId && p.DirectiveId == q.DirectiveId)
                .Select(p => new
                {
                    Period = p,
                    Kinds = db.Directives.Where(d => d.Id == p.DirectiveId).Select(d => d.ReportingUnitKinds).First(),
                    Unit = db.OrgUnits.AsNoTracking().FirstOrDefault(u => u.Id == q.OrgUnitId),
                })
                .SingleOrDefaultAsync(ct);
            if (found?.Unit is null) return null;
            var kind = ChildReportingKind(found.Kinds, found.Unit.Kind);
            var path = found.Unit.Path;
            var (start, end) = (found.Period.StartsOn, found.Period.EndsOn);
            var expected = kind is null
                ? []
                : await db.OrgUnits.AsNoTracking()
                    .Where(u => u.Kind == kind && u.Path.StartsWith(path) && u.Id != found.Unit.Id
                        && (u.ValidFrom == null || u.ValidFrom <= end) && (u.ValidTo == null || u.ValidTo >= start))
                    .OrderBy(u => u.Code).Select(u => new ExpectedUnit(u.Id, u.Code, u.Name, u.Kind)).ToListAsync(ct);
            return new Resolved(found.Period, found.Kinds, found.Unit, expected);
        }) ?? throw new NotFoundException("Không tìm thấy đơn vị hoặc kỳ báo cáo của văn bản này.");
        if (!scope.CanSee(resolved.Unit)) throw new ForbiddenException("Đơn vị này nằm ngoài phạm vi của bạn.");
        return (resolved.Period, resolved.Kinds, resolved.Unit, resolved.Expected);
    }

    /// <summary>The kind of unit that reports to a unit of <paramref name="kind"/>: the next reporting kind down the tree.</summary>
    public static OrgUnitKind? ChildReportingKind(Directive directive, OrgUnitKind kind) => ChildReportingKind(directive.ReportingUnitKinds, kind);


    public static OrgUnitKind? ChildReportingKind(IReadOnlyList<OrgUnitKind> reportingKinds, OrgUnitKind kind) =>
        reportingKinds.Where(k => Level(k) > Level(kind)).OrderBy(Level).Cast<OrgUnitKind?>().FirstOrDefault();

    private static int Level(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.CentralCommittee => 0,
        OrgUnitKind.CentralBody or OrgUnitKind.StateAgency or OrgUnitKind.MassOrganization or OrgUnitKind.ProvincialCommittee => 1,
        OrgUnitKind.DistrictCommittee => 2,
        _ => 3,
    };
}
