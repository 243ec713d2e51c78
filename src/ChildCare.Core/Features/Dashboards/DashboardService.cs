using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ChildCare.Core.Features.Dashboards;

/// <summary>
/// Dashboards for a directive, a period and a scope unit, read live from the reports (no batch).
/// A scope counts the reports of the units that answer to it on the period's last day (see
/// <see cref="ReportingRule"/>): for 28-CT/TW a province's district committees until 30/6/2025 and its
/// commune and ward committees since, the nation's provinces (63, then 34); never its own report.
/// Indicator aggregates are computed in SQL over submitted and accepted reports only; rates are
/// Σnumerator / Σdenominator at every level, scaled by the unit, never an average of child rates.
/// </summary>
public sealed class DashboardService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time, IMemoryCache cache,
    Features.OrgUnits.OrgTreeCache tree)
{

    public async Task<Compliance> ComplianceAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (period, directive, unit, expected) = await ResolveAsync(db, q, ct);
        var ids = expected.Select(u => u.Id).ToArray();
        // One statement: each expected unit with its report of the period (at most one: the key is unique) and its own
        // plans of this document issued by the period's end ("đã ban hành kế hoạch"; the newest counts), as left joins.
        var found = new List<ComplianceRow>(ids.Length);
        await foreach (var row in ComplianceRows(db, ids, q.DirectiveId, q.PeriodId, period.EndsOn).WithCancellation(ct)) found.Add(row);
        var reports = found.Where(x => x.ReportId is not null).DistinctBy(x => x.Id).ToDictionary(x => x.Id,
            x => new
            {
                Id = x.ReportId!.Value,
                Status = x.Status!.Value,
                x.LastSubmittedAt,
                x.SubmittedOnTime,
                x.FirstSubmittedAt,
                UpdatedAt = x.UpdatedAt!.Value,
                Signed = x.IsSigned == true
            });
        var plans = found.Where(x => x.PlanId is not null).GroupBy(x => x.Id).ToDictionary(g => g.Key,
            g => g.Select(x => new UnitPlan(x.PlanId!.Value, x.PlanCode!, x.PlanIssuedOn!.Value, x.PlanKind!.Value)).MaxBy(p => p.IssuedOn)!);
        var today = Deadlines.TodayInVietnam(time.GetUtcNow());

        var rows = expected.Select(u =>
        {
            var r = reports.GetValueOrDefault(u.Id);
            var status = Compliances.Of(r?.Status);
            var due = period.DueOnFor(u.Kind);
            return new ComplianceUnit(u.Id, u.Code, u.Name, u.Kind, status, r?.Id, r?.LastSubmittedAt, r?.SubmittedOnTime,
                Deadlines.IsOverdue(r?.FirstSubmittedAt, due, today), r?.UpdatedAt, ReportingRule.ReceivesReports(directive, u.Id, u.Depth),
                plans.GetValueOrDefault(u.Id), r is { Status: ReportStatus.Submitted or ReportStatus.Accepted } ? r.Signed : null);
        }).ToList();
        int Count(Func<ComplianceUnit, bool> f) => rows.Count(f);
        var sent = Count(u => u.Status is ComplianceStatus.Submitted or ComplianceStatus.Returned or ComplianceStatus.Accepted);
        return new Compliance(unit.Id, unit.Name, period.Code, period.Name, period.DueOnUnit, rows.Count,
            OnTime: Count(u => u.OnTime == true), Late: Count(u => u.OnTime == false),
            Returned: Count(u => u.Status == ComplianceStatus.Returned), Missing: rows.Count - sent,
            Accepted: Count(u => u.Status == ComplianceStatus.Accepted), Submitted: sent,
            SubmittedRate: rows.Count == 0 ? 0 : (double)sent / rows.Count,
            OnTimeRate: rows.Count == 0 ? 0 : (double)Count(u => u.OnTime == true) / rows.Count,
            Units: rows, PlansIssued: plans.Count, Unsigned: Count(u => u.Signed == false));
    }

    private sealed record ComplianceRow(Guid Id, Guid? ReportId, ReportStatus? Status, DateTimeOffset? LastSubmittedAt, bool? SubmittedOnTime,
        DateTimeOffset? FirstSubmittedAt, DateTimeOffset? UpdatedAt, bool? IsSigned, Guid? PlanId, string? PlanCode, DateOnly? PlanIssuedOn, DirectiveKind? PlanKind);

    // Compiled once: the dashboards run it all day, and building and caching-looking-up the LINQ tree costs as much as the statement.
    private static readonly Func<AppDbContext, Guid[], Guid, Guid, DateOnly, IAsyncEnumerable<ComplianceRow>> ComplianceRows =
        EF.CompileAsyncQuery((AppDbContext db, Guid[] ids, Guid directiveId, Guid periodId, DateOnly endsOn) =>
            from u in db.OrgUnits.Where(u => ids.Contains(u.Id))
            join r in db.ProgressReports.Where(r => r.DirectiveId == directiveId && r.PeriodId == periodId && ids.Contains(r.OrgUnitId))
                on u.Id equals r.OrgUnitId into reportsOfUnit
            from r in reportsOfUnit.DefaultIfEmpty()
            join d in db.Directives.Where(d => d.ImplementsId == directiveId && d.IssuedOn <= endsOn)
                on (Guid?)u.Id equals d.IssuerUnitId into plansOfUnit
            from d in plansOfUnit.DefaultIfEmpty()
            select new ComplianceRow(u.Id, (Guid?)r!.Id, (ReportStatus?)r.Status, r.LastSubmittedAt, r.SubmittedOnTime, r.FirstSubmittedAt,
                (DateTimeOffset?)r.UpdatedAt, (bool?)r.IsSigned, (Guid?)d!.Id, d.Code, (DateOnly?)d.IssuedOn, (DirectiveKind?)d.Kind));

    public async Task<IReadOnlyList<IndicatorAggregate>> IndicatorsAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (period, _, _, expected) = await ResolveAsync(db, q, ct);
        var sums = await IndicatorSums.AggregateAsync(db, q.DirectiveId, q.PeriodId, expected, ct);
        // Indicator definitions change only when an administrator edits the directive: a minute's reuse is safe.
        var indicators = await cache.GetOrCreateAsync(("dashboard-indicators", q.DirectiveId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.Indicators.AsNoTracking().Include(i => i.Targets).Include(i => i.TaskArea).AsSplitQuery()
                .Where(i => i.DirectiveId == q.DirectiveId).OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        }) ?? [];
        return indicators.Select(i => IndicatorSums.ToAggregate(i, sums.GetValueOrDefault(i.Id), expected.Count, period.EndsOn.Year)).ToList();
    }

    /// <summary>One indicator per expected unit (who reported what), for the breakdown chart.</summary>
    public async Task<IReadOnlyList<UnitIndicatorValue>> IndicatorByUnitAsync(DashboardQuery q, Guid indicatorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, _, _, expected) = await ResolveAsync(db, q, ct);
        var indicator = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Id == indicatorId && i.DirectiveId == q.DirectiveId, ct)
            ?? throw new NotFoundException("Không tìm thấy chỉ tiêu này trong văn bản.");
        var ids = expected.Select(u => u.Id).ToArray();
        var values = await db.ProgressReports.AsNoTracking()
            .Where(r => r.DirectiveId == q.DirectiveId && r.PeriodId == q.PeriodId && ReportingRule.Counted.Contains(r.Status) && ids.Contains(r.OrgUnitId))
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

    /// <summary>
    /// The indicator for the scope over every period of the same kind up to this one. Where the scope
    /// unit did not yet exist, its predecessors' figures stand in: whole mappings add exactly, a split
    /// contributes its declared share, and a split without a share makes the period "not comparable".
    /// </summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(DashboardQuery q, Guid indicatorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (period, directive, _, _) = await ResolveAsync(db, q, ct);
        var indicator = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Id == indicatorId && i.DirectiveId == q.DirectiveId, ct)
            ?? throw new NotFoundException("Không tìm thấy chỉ tiêu này trong văn bản.");
        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.DirectiveId == q.DirectiveId && p.Kind == period.Kind && p.StartsOn <= period.StartsOn)
            .OrderBy(p => p.StartsOn).ToListAsync(ct);
        var history = await UnitHistory.LoadAsync(db, q.OrgUnitId, ct);
        var points = new List<TrendPoint>();
        foreach (var p in periods)
        {
            var contributions = new List<(Guid Unit, decimal Factor)>();
            var comparable = history.Contribute(q.OrgUnitId, ReportingRule.DecidingDay(p), 1m, contributions);
            if (!comparable)
            {
                points.Add(new TrendPoint(p.Id, p.Code, null, 0, NotComparable: true));
                continue;
            }
            decimal? value = null, numerator = null, denominator = null;
            var reporting = 0;
            foreach (var (unitId, factor) in contributions)
            {
                // A unit's figure in a period: what its reporters sent, or its own report where nobody reports to it.
                var reporters = await db.OrgUnitVersions.AsNoTracking().ExpectedUnder(directive, unitId, p).ToListAsync(ct);
                var ids = reporters.Count > 0 ? reporters.Select(u => u.Id).ToList() : [unitId];
                var s = (await IndicatorSums.AggregateAsync(db, q.DirectiveId, p.Id, ids, ct, indicatorId)).GetValueOrDefault(indicatorId);
                if (s is null) continue;
                reporting += s.Reporting;
                if (s.Value is { } v) value = (value ?? 0) + v * factor;
                if (s.Numerator is { } n && s.Denominator is { } d)
                {
                    numerator = (numerator ?? 0) + n * factor;
                    denominator = (denominator ?? 0) + d * factor;
                }
            }
            var computed = indicator.Aggregation == IndicatorAggregation.Rate ? indicator.RateOf(numerator, denominator) : value;
            points.Add(new TrendPoint(p.Id, p.Code, computed, reporting));
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
            var status = Compliances.Of(r?.Status);
            var cells = r is null || !ReportingRule.IsCounted(r.Status)
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
            .Where(r => r.DirectiveId == q.DirectiveId && r.PeriodId == q.PeriodId && ReportingRule.Counted.Contains(r.Status) && ids.Contains(r.OrgUnitId))
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

    /// <summary>The units whose reports a scope counts in a period (see the class summary).</summary>
    public async Task<IReadOnlyList<ExpectedUnit>> ExpectedUnitsAsync(DashboardQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ResolveAsync(db, q, ct)).Expected;
    }

    private sealed record Resolved(ReportingPeriod Period, Directive Directive, OrgUnit Unit, List<ExpectedUnit> Expected, List<Guid> IssuerAncestors);

    /// <summary>
    /// The period, the directive, the scope unit and the units expected to report: every dashboard call
    /// needs them and they change rarely (a reorganisation, a period's dates), so one read is reused for a
    /// minute, and dropped at once when the tree changes. Reports themselves are never cached.
    /// </summary>
    private async Task<(ReportingPeriod Period, Directive Directive, OrgUnit Unit, List<ExpectedUnit> Expected)> ResolveAsync(
        AppDbContext db, DashboardQuery q, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        var resolved = await cache.GetOrCreateAsync(("dashboard-scope", tree.Generation, q.DirectiveId, q.PeriodId, q.OrgUnitId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            var found = await db.ReportingPeriods.AsNoTracking().Where(p => p.Id == q.PeriodId && p.DirectiveId == q.DirectiveId)
                .Select(p => new
                {
                    Period = p,
                    Directive = db.Directives.First(d => d.Id == p.DirectiveId),
                    Unit = db.OrgUnits.AsNoTracking().FirstOrDefault(u => u.Id == q.OrgUnitId),
                    IssuerAncestors = db.Directives.Where(d => d.Id == p.DirectiveId).Select(d => d.IssuerUnit!.AncestorIds).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(ct);
            if (found?.Unit is null) return null;
            var expected = await db.OrgUnitVersions.AsNoTracking().ExpectedUnder(found.Directive, found.Unit.Id, found.Period).ToListAsync(ct);
            return new Resolved(found.Period, found.Directive, found.Unit, expected, found.IssuerAncestors ?? []);
        }) ?? throw new NotFoundException("Không tìm thấy đơn vị hoặc kỳ báo cáo của văn bản này.");
        if (!scope.CanSeeDocument(resolved.Directive.IssuerUnitId, resolved.IssuerAncestors)) throw new NotFoundException("Không tìm thấy văn bản.");
        scope.RequireSee(resolved.Unit);
        return (resolved.Period, resolved.Directive, resolved.Unit, resolved.Expected);
    }
}
