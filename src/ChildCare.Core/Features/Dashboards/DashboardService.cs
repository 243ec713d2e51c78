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
        var (_, period, kinds, unit, expected) = await ResolveAsync(db, q, ct);
        // Each expected unit with its report, if any: one LEFT JOIN.
        var joined = await expected
            .GroupJoin(db.ProgressReports.Where(r => r.DirectiveId == q.DirectiveId && r.PeriodId == q.PeriodId), u => u.Id, r => r.OrgUnitId,
                (u, rs) => new { u, rs })
            .SelectMany(x => x.rs.DefaultIfEmpty(), (x, r) => new
            {
                x.u.Id,
                x.u.Code,
                x.u.Name,
                x.u.Kind,
                Report = r == null ? null : new { r.Id, r.Status, r.LastSubmittedAt, r.SubmittedOnTime, r.FirstSubmittedAt, r.UpdatedAt },
            })
            .OrderBy(x => x.Code).ToListAsync(ct);
        var childKind = ChildReportingKind(kinds, joined.FirstOrDefault()?.Kind ?? unit.Kind);
        var today = Deadlines.TodayInVietnam(time.GetUtcNow());

        var rows = joined.Select(u =>
        {
            var r = u.Report;
            var status = r is null ? ComplianceStatus.Missing : (ComplianceStatus)Enum.Parse(typeof(ComplianceStatus), r.Status.ToString());
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
        var (_, period, _, _, expected) = await ResolveAsync(db, q, ct);
        var expectedCount = await expected.CountAsync(ct);
        var sums = await AggregateAsync(db, q.DirectiveId, [q.PeriodId], expected, ct);
        // Indicator definitions change only when an administrator edits the directive: a minute's reuse is safe.
        var indicators = await cache.GetOrCreateAsync(("dashboard-indicators", q.DirectiveId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.Indicators.AsNoTracking().Include(i => i.Targets).Include(i => i.TaskArea).AsSplitQuery()
                .Where(i => i.DirectiveId == q.DirectiveId).OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        }) ?? [];
        return indicators.Select(i =>
        {
            var s = sums.GetValueOrDefault((i.Id, q.PeriodId));
            return ToAggregate(i, s, expectedCount, period.EndsOn.Year);
        }).ToList();
    }

    /// <summary>One indicator per expected unit (who reported what), for the breakdown chart.</summary>
    public async Task<IReadOnlyList<UnitIndicatorValue>> IndicatorByUnitAsync(DashboardQuery q, Guid indicatorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, _, _, _, expected) = await ResolveAsync(db, q, ct);
        var indicator = await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == indicatorId && i.DirectiveId == q.DirectiveId, ct);
        var rows = await expected.OrderBy(u => u.Code).Select(u => new
        {
            u.Id,
            u.Name,
            Value = db.IndicatorValues.Where(v => v.IndicatorId == indicatorId && v.ReportId == db.ProgressReports
                    .Where(r => r.OrgUnitId == u.Id && r.PeriodId == q.PeriodId && r.DirectiveId == q.DirectiveId && Counting.Contains(r.Status))
                    .Select(r => r.Id).FirstOrDefault())
                .Select(v => new { v.Value, v.Numerator, v.Denominator }).FirstOrDefault(),
        }).ToListAsync(ct);
        return rows.Select(r => new UnitIndicatorValue(r.Id, r.Name,
            indicator.Aggregation == IndicatorAggregation.Rate ? indicator.RateOf(r.Value?.Numerator, r.Value?.Denominator) : r.Value?.Value,
            r.Value?.Numerator, r.Value?.Denominator)).ToList();
    }

    /// <summary>The indicator's aggregate for the scope over every quarter up to this period.</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(DashboardQuery q, Guid indicatorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, period, kinds, scopeUnit, _) = await ResolveAsync(db, q, ct);
        var indicator = await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == indicatorId && i.DirectiveId == q.DirectiveId, ct);
        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.DirectiveId == q.DirectiveId && p.Kind == period.Kind && p.StartsOn <= period.StartsOn)
            .OrderBy(p => p.StartsOn).Select(p => new { p.Id, p.Code, p.StartsOn, p.EndsOn }).ToListAsync(ct);
        var points = new List<TrendPoint>();
        foreach (var p in periods)
        {
            // Units open and close: each period counts the units that existed in it.
            var expected = ExpectedUnits(db, kinds, scopeUnit, p.StartsOn, p.EndsOn);
            var sums = await AggregateAsync(db, q.DirectiveId, [p.Id], expected, ct, indicatorId);
            var s = sums.GetValueOrDefault((indicatorId, p.Id));
            var value = indicator.Aggregation == IndicatorAggregation.Rate ? indicator.RateOf(s?.Numerator, s?.Denominator) : s?.Value;
            points.Add(new TrendPoint(p.Id, p.Code, value, s?.Reporting ?? 0));
        }
        return points;
    }

    public async Task<TaskAreaMatrix> TaskAreasAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, _, _, _, expected) = await ResolveAsync(db, q, ct);
        var areas = await db.TaskAreas.AsNoTracking().Where(t => t.DirectiveId == q.DirectiveId).OrderBy(t => t.Number)
            .Select(t => new TaskAreaHeader(t.Id, t.Number, t.Title)).ToListAsync(ct);
        var units = await expected.OrderBy(u => u.Code).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var reports = await db.ProgressReports.AsNoTracking()
            .Where(r => r.DirectiveId == q.DirectiveId && r.PeriodId == q.PeriodId && expected.Select(u => u.Id).Contains(r.OrgUnitId))
            .Select(r => new
            {
                r.Id,
                r.OrgUnitId,
                r.Status,
                Cells = r.TaskAreas.Select(t => new { t.TaskAreaId, t.Status, t.PercentDone }).ToList(),
            }).ToDictionaryAsync(r => r.OrgUnitId, ct);
        var rows = units.Select(u =>
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
        var (_, _, _, _, expected) = await ResolveAsync(db, q, ct);
        var rows = await db.TaskAreaProgress.AsNoTracking()
            .Where(t => db.ProgressReports.Any(r => r.Id == t.ReportId && r.DirectiveId == q.DirectiveId && r.PeriodId == q.PeriodId
                && Counting.Contains(r.Status) && expected.Select(u => u.Id).Contains(r.OrgUnitId)))
            .Where(t => t.Difficulties != null || t.Proposals != null)
            .Select(t => new
            {
                t.ReportId,
                t.TaskArea.Number,
                t.TaskArea.Title,
                t.Difficulties,
                t.Proposals,
                Unit = db.ProgressReports.Where(r => r.Id == t.ReportId).Select(r => new { r.OrgUnitId, r.OrgUnit.Name }).First(),
            })
            .ToListAsync(ct);
        var folded = TextFolding.Fold(search);
        var items = rows.SelectMany(r => new[]
            {
                r.Difficulties is null ? null : new DigestItem(r.Number, r.Title, r.ReportId, r.Unit.OrgUnitId, r.Unit.Name, "Khó khăn", r.Difficulties),
                r.Proposals is null ? null : new DigestItem(r.Number, r.Title, r.ReportId, r.Unit.OrgUnitId, r.Unit.Name, "Đề xuất", r.Proposals),
            })
            .OfType<DigestItem>()
            .Where(i => folded.Length == 0 || TextFolding.Fold(i.Text).Contains(folded) || TextFolding.Fold(i.OrgUnitName).Contains(folded))
            .OrderBy(i => i.TaskAreaNumber).ThenBy(i => i.Kind).ThenBy(i => i.OrgUnitName)
            .ToList();
        return items;
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

    private static async Task<Dictionary<(Guid Indicator, Guid Period), Sums>> AggregateAsync(AppDbContext db, Guid directiveId, Guid[] periodIds,
        IQueryable<OrgUnit> expected, CancellationToken ct, Guid? indicatorId = null)
    {
        var counted = db.ProgressReports.Where(r => r.DirectiveId == directiveId && periodIds.Contains(r.PeriodId)
            && Counting.Contains(r.Status) && expected.Select(u => u.Id).Contains(r.OrgUnitId));
        var values = indicatorId is { } only ? db.IndicatorValues.Where(v => v.IndicatorId == only) : db.IndicatorValues;
        var rows = await counted
            .Join(values, r => r.Id, v => v.ReportId, (r, v) => new { v.IndicatorId, r.PeriodId, v.Value, v.Numerator, v.Denominator })
            .GroupBy(v => new { v.IndicatorId, v.PeriodId })
            .Select(g => new
            {
                g.Key.IndicatorId,
                g.Key.PeriodId,
                Value = g.Sum(v => v.Value),
                Numerator = g.Sum(v => v.Denominator > 0 ? v.Numerator : null),
                Denominator = g.Sum(v => v.Denominator > 0 ? v.Denominator : null),
                WithValue = g.Count(v => v.Value != null),
                WithRate = g.Count(v => v.Denominator > 0),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.IndicatorId, r.PeriodId),
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

    private async Task<(UserScope Scope, ReportingPeriod Period, List<OrgUnitKind> ReportingKinds, OrgUnit Unit, IQueryable<OrgUnit> Expected)> ResolveAsync(
        AppDbContext db, DashboardQuery q, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        // One round trip for the three things every dashboard call needs.
        var found = await db.ReportingPeriods.AsNoTracking().Where(p => p.Id == q.PeriodId && p.DirectiveId == q.DirectiveId)
            .Select(p => new
            {
                Period = p,
                Kinds = db.Directives.Where(d => d.Id == p.DirectiveId).Select(d => d.ReportingUnitKinds).First(),
                Unit = db.OrgUnits.AsNoTracking().FirstOrDefault(u => u.Id == q.OrgUnitId),
            })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Không tìm thấy kỳ báo cáo của văn bản này.");
        var unit = found.Unit ?? throw new NotFoundException("Không tìm thấy đơn vị.");
        if (!scope.CanSee(unit)) throw new ForbiddenException("Đơn vị này nằm ngoài phạm vi của bạn.");
        return (scope, found.Period, found.Kinds, unit, ExpectedUnits(db, found.Kinds, unit, found.Period.StartsOn, found.Period.EndsOn));
    }

    /// <summary>The reporting units that answer to <paramref name="scopeUnit"/> and existed during [start, end].</summary>
    private static IQueryable<OrgUnit> ExpectedUnits(AppDbContext db, IReadOnlyList<OrgUnitKind> reportingKinds, OrgUnit scopeUnit, DateOnly start, DateOnly end)
    {
        var kind = ChildReportingKind(reportingKinds, scopeUnit.Kind);
        if (kind is null) return db.OrgUnits.Where(_ => false);
        var path = scopeUnit.Path;
        return db.OrgUnits.AsNoTracking().Where(u => u.Path.StartsWith(path) && u.Id != scopeUnit.Id && u.Kind == kind
            && (u.ValidFrom == null || u.ValidFrom <= end) && (u.ValidTo == null || u.ValidTo >= start));
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
