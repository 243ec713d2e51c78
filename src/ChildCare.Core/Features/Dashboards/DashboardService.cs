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
        var history = await HistoryOf(db, q.OrgUnitId, ct);
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
                var s = (await AggregateAsync(db, q.DirectiveId, p.Id, ids, ct, indicatorId)).GetValueOrDefault(indicatorId);
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

    /// <summary>How far back predecessors are followed (a reform every few years: six is decades).</summary>
    private const int MaxGenerations = 6;

    /// <summary>The unit, its predecessors, theirs, and so on, with their lifetimes and mappings.</summary>
    private static async Task<UnitHistory> HistoryOf(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var lives = new Dictionary<Guid, (DateOnly? From, DateOnly? To)>();
        var links = new List<(Guid Successor, Guid Predecessor, SuccessionMapping Mapping, decimal? Share)>();
        var frontier = new List<Guid> { unitId };
        for (var level = 0; level < MaxGenerations && frontier.Count > 0; level++)
        {
            var ids = frontier;
            foreach (var u in await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.ValidFrom, u.ValidTo }).ToListAsync(ct))
                lives[u.Id] = (u.ValidFrom, u.ValidTo);
            var found = await db.OrgUnitSuccessions.AsNoTracking().Where(s => ids.Contains(s.SuccessorId))
                .Select(s => new { s.SuccessorId, s.PredecessorId, s.Mapping, s.Share }).ToListAsync(ct);
            links.AddRange(found.Select(f => (f.SuccessorId, f.PredecessorId, f.Mapping, f.Share)));
            frontier = found.Select(f => f.PredecessorId).Where(id => !lives.ContainsKey(id)).Distinct().ToList();
        }
        return new UnitHistory(lives, links);
    }

    /// <summary>Who stands for a unit on a day before it existed (see <see cref="TrendAsync"/>).</summary>
    internal sealed record UnitHistory(Dictionary<Guid, (DateOnly? From, DateOnly? To)> Lives,
        List<(Guid Successor, Guid Predecessor, SuccessionMapping Mapping, decimal? Share)> Links)
    {
        /// <summary>Adds the units whose figures make up <paramref name="unitId"/>'s on <paramref name="day"/>; false when a split has no share.</summary>
        public bool Contribute(Guid unitId, DateOnly day, decimal factor, List<(Guid Unit, decimal Factor)> into, int depth = 0)
        {
            if (!Lives.TryGetValue(unitId, out var life) || depth > MaxGenerations) return true;
            if ((life.From is null || life.From <= day) && (life.To is null || day <= life.To))
            {
                into.Add((unitId, factor));
                return true;
            }
            if (life.From is null || life.From <= day) return true; // closed before that day: nothing of it
            foreach (var link in Links.Where(l => l.Successor == unitId))
            {
                if (link.Mapping != SuccessionMapping.Whole && link.Share is null) return false;
                if (!Contribute(link.Predecessor, day, link.Mapping == SuccessionMapping.Whole ? factor : factor * link.Share!.Value, into, depth + 1))
                    return false;
            }
            return true;
        }
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

    private sealed record Sums(decimal? Value, decimal? Numerator, decimal? Denominator, int Reporting);

    private static Task<Dictionary<Guid, Sums>> AggregateAsync(AppDbContext db, Guid directiveId, Guid periodId,
        IReadOnlyList<ExpectedUnit> expected, CancellationToken ct, Guid? indicatorId = null) =>
        AggregateAsync(db, directiveId, periodId, expected.Select(u => u.Id).ToList(), ct, indicatorId);

    private static async Task<Dictionary<Guid, Sums>> AggregateAsync(AppDbContext db, Guid directiveId, Guid periodId,
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

    private static IndicatorAggregate ToAggregate(Indicator i, Sums? s, int expected, int year)
    {
        var value = i.Aggregation == IndicatorAggregation.Rate ? i.RateOf(s?.Numerator, s?.Denominator) : s?.Value;
        var targets = i.Targets.OrderBy(t => t.Year).ThenBy(t => t.Source).Select(t => new TargetView(t.Year, t.Value, t.Source, t.Description)).ToList();
        return new IndicatorAggregate(i.Id, i.Code, i.Name, i.Unit, i.Aggregation, i.Direction, i.TaskArea?.Number, value,
            i.Aggregation == IndicatorAggregation.Rate ? s?.Numerator : null, i.Aggregation == IndicatorAggregation.Rate ? s?.Denominator : null,
            s?.Reporting ?? 0, expected, targets, i.StatusAgainstTarget(value, year));
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
        if (!scope.CanSee(resolved.Unit)) throw new ForbiddenException("Đơn vị này nằm ngoài phạm vi của bạn.");
        return (resolved.Period, resolved.Directive, resolved.Unit, resolved.Expected);
    }
}
