using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Files;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChildCare.Core.Features.Reports;

/// <summary>
/// Quarterly progress reports: the lists (own periods, inbox), create, read, fill, consolidate and submit.
/// Review (<see cref="ReportReviewService"/>), evidence files (<see cref="ReportAttachmentService"/>) and the draft
/// buffer (<see cref="ReportDraftService"/>) are their own services. Every method checks the caller's rights
/// through <see cref="ReportAccess"/> before anything else; state changes go through the entity's guarded methods.
/// </summary>
public sealed partial class ProgressReportService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time, Live.LiveEvents live,
    DirectivePartsCache directiveParts)
{
    public async Task<IReadOnlyList<ReportSummary>> ListAsync(ReportFilter filter, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visibleUnits = scope.Visible(db.OrgUnits).Select(u => u.Id);
        var query = db.ProgressReports.AsNoTracking().Where(r => visibleUnits.Contains(r.OrgUnitId));
        if (filter.DirectiveId is { } d) query = query.Where(r => r.DirectiveId == d);
        if (filter.PeriodId is { } p) query = query.Where(r => r.PeriodId == p);
        if (filter.OrgUnitId is { } u) query = query.Where(r => r.OrgUnitId == u);
        if (filter.Status is { } s) query = query.Where(r => r.Status == s);
        var rows = await query.OrderBy(r => r.Period.StartsOn).ThenBy(r => r.OrgUnit.Code)
            .Select(r => new
            {
                Summary = new ReportSummary(r.Id, r.DirectiveId, r.OrgUnitId, r.OrgUnit.Name, r.OrgUnit.Code, r.PeriodId, r.Period.Code,
                r.Status, r.Version, r.LastSubmittedAt, r.FirstSubmittedAt, r.SubmittedOnTime, r.UpdatedAt, default),
                r.Period,
                r.OrgUnit.Kind
            })
            .ToListAsync(ct);
        // The due date is the period's rule for the unit's kind (ReportingPeriod.DueOnFor), not restated here.
        return rows.Select(x => x.Summary with { DueOn = x.Period.DueOnFor(x.Kind) }).ToList();
    }

    /// <summary>For the user's own unit: each period of the directive that has started, with its report if any (newest first).</summary>
    public async Task<IReadOnlyList<UnitPeriodRow>> OwnPeriodsAsync(Guid directiveId, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var today = Deadlines.TodayInVietnam(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().Include(u => u.Versions).SingleAsync(u => u.Id == scope.OrgUnitId, ct);
        var directive = await db.Directives.AsNoTracking().VisibleAsync(scope, directiveId, ct);
        // The periods in which the unit reported, as the tree stood then: a closed district keeps its history.
        var periods = (await db.ReportingPeriods.AsNoTracking().Where(p => p.DirectiveId == directiveId && p.StartsOn <= today)
            .OrderByDescending(p => p.StartsOn).ThenBy(p => p.Kind).ToListAsync(ct))
            .Where(p => ReportingRule.Reports(directive, unit.VersionOn(ReportingRule.DecidingDay(p)))).ToList();
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.DirectiveId == directiveId && r.OrgUnitId == unit.Id)
            .ToDictionaryAsync(r => r.PeriodId, ct);
        return periods.Select(p =>
        {
            var r = reports.GetValueOrDefault(p.Id);
            return new UnitPeriodRow(p.Id, p.Code, p.Name, p.State, p.DueOnFor(unit.Kind), r?.Id, r?.Status, r?.LastSubmittedAt, r?.SubmittedOnTime,
                Deadlines.IsOverdue(r?.FirstSubmittedAt, p.DueOnFor(unit.Kind), today), ReportAccess.CanEdit(scope, unit.Id, r?.Status, p.State));
        }).ToList();
    }

    /// <summary>
    /// A reviewer's inbox for a period: every reporting unit below them that existed in the period (an
    /// analyst: the provinces), with its report or the lack of one.
    /// </summary>
    public async Task<IReadOnlyList<InboxRow>> InboxAsync(Guid directiveId, Guid periodId, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.ReviewReports);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var directive = await db.Directives.AsNoTracking().VisibleAsync(scope, directiveId, ct);
        var period = await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId && p.DirectiveId == directiveId, ct)
            ?? throw new NotFoundException("Không tìm thấy kỳ báo cáo.");
        // Reviewers receive from the committees directly under them; the centre's analysts from the provinces.
        var receiver = scope.ReviewsBelowOwnUnit ? scope.OrgUnitId
            : directive.IssuerUnitId is { } issuer ? issuer // a province's plan: the centre watches the province's inbox
            : await db.OrgUnitVersions.ValidOn(ReportingRule.DecidingDay(period)).Where(v => v.ParentId == null).Select(v => v.OrgUnitId).FirstAsync(ct);
        var units = await db.OrgUnitVersions.AsNoTracking().ExpectedUnder(directive, receiver, period).ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToList();
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.PeriodId == periodId && ids.Contains(r.OrgUnitId))
            .ToDictionaryAsync(r => r.OrgUnitId, ct);
        var ancestors = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.AncestorIds, ct);
        var today = Deadlines.TodayInVietnam(time.GetUtcNow());
        return units.Select(u =>
        {
            var r = reports.GetValueOrDefault(u.Id);
            var due = period.DueOnFor(u.Kind);
            return new InboxRow(u.Id, u.Code, u.Name, r?.Id, r?.Status, r?.LastSubmittedAt, r?.SubmittedOnTime,
                Deadlines.IsOverdue(r?.FirstSubmittedAt, due, today), r?.Version ?? 0, ReportAccess.CanReview(scope, u.Id, u.Kind, ancestors[u.Id], r?.Status, period.State),
                r is { Status: ReportStatus.Submitted or ReportStatus.Accepted } ? r.IsSigned : null);
        }).ToList();
    }

    /// <summary>The unit's report for the period: the existing one, or a new draft. Calling it twice gives the same report.</summary>
    public async Task<ReportDetails> EnsureAsync(ReportKey key, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var unit = await db.OrgUnits.Include(u => u.Versions).SingleOrDefaultAsync(u => u.Id == key.OrgUnitId, ct)
                ?? throw ValidationFailedException.For("orgUnitId", "Không tìm thấy đơn vị.");
            scope.RequireSee(unit);
            var existing = await db.ProgressReports.Where(r => r.DirectiveId == key.DirectiveId && r.PeriodId == key.PeriodId && r.OrgUnitId == key.OrgUnitId)
                .Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct);
            if (existing is { } id) return await GetAsync(id, ct);
            if (!scope.CanEditReportOf(unit.Id)) throw new ForbiddenException("Chỉ cán bộ của đơn vị mới lập được báo cáo của đơn vị.");

            var directive = await db.Directives.VisibleAsync(scope, key.DirectiveId, ct);
            var period = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Id == key.PeriodId && p.DirectiveId == directive.Id, ct)
                ?? throw ValidationFailedException.For("periodId", "Kỳ báo cáo không thuộc văn bản này.");
            RequireReporter(directive, unit, period);
            if (PeriodLock.Freezes(period.State)) throw ValidationFailedException.For("periodId", "Kỳ báo cáo đã khóa.");
            if (period.StartsOn > Deadlines.TodayInVietnam(time.GetUtcNow()))
                throw ValidationFailedException.For("periodId", "Kỳ báo cáo chưa bắt đầu.");

            var report = new ProgressReport(directive, unit, period, scope.Actor, time.GetUtcNow());
            db.ProgressReports.Add(report);
            try
            {
                await db.SaveChangesAsync(ct);
                await live.ReportChangedAsync(report, ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Two requests raced to create it: the other one won, and its report is the answer.
            }
        }
        await using var again = await dbFactory.CreateDbContextAsync(ct);
        var reportId = await again.ProgressReports
            .Where(r => r.DirectiveId == key.DirectiveId && r.PeriodId == key.PeriodId && r.OrgUnitId == key.OrgUnitId)
            .Select(r => r.Id).SingleAsync(ct);
        return await GetAsync(reportId, ct);
    }

    public async Task<ReportDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadContentAsync(db, id, tracking: false, ct);
        ReportAccess.RequireView(scope, report);
        return await ReportStore.ToDetailsAsync(db, scope, report, await directiveParts.GetAsync(db, report.Directive, ct), ct);
    }

    /// <summary>The unit's report for the quarter before, for comparison; null when there is none.</summary>
    public async Task<PreviousReport?> PreviousAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadHeaderAsync(db, id, ct);
        ReportAccess.RequireView(scope, report);
        var previousId = await ReportStore.PreviousReportIdAsync(db, report, ct);
        if (previousId is null) return null;
        var previous = await ReportStore.LoadContentAsync(db, previousId.Value, tracking: false, ct);
        var parts = await directiveParts.GetAsync(db, report.Directive, ct);
        return new PreviousReport(previous.Id, previous.Period.Code, previous.Status, ReportStore.AreaEntries(previous, parts.Areas),
            ReportStore.IndicatorEntries(previous, parts.Indicators));
    }

    /// <summary>
    /// <c>PUT /api/reports/{id}</c> and "Lưu" on the form: three statements — the report with its rows, the save (rows,
    /// the user's draft buffer dropped, audit), the answer's files and history — with the document's parts from memory.
    /// </summary>
    public Task<ReportDetails> SaveAsync(Guid id, SaveReportRequest request, CancellationToken ct = default) =>
        SaveAsync(id, (_, _) => request, ct);

    /// <summary>
    /// A save whose content is made from the report as it stands once the right to write is checked (a workbook read
    /// against the report's areas and indicators): the report is loaded once.
    /// </summary>
    internal async Task<ReportDetails> SaveAsync(Guid id, Func<List<TaskAreaEntry>, List<IndicatorEntry>, SaveReportRequest> compose, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (report, hasDraft) = await ReportStore.LoadForSaveAsync(db, id, scope.UserId, ct);
        ReportAccess.RequireWrite(scope, report);
        var parts = await directiveParts.GetAsync(db, report.Directive, ct);
        var request = compose(ReportStore.AreaEntries(report, parts.Areas), ReportStore.IndicatorEntries(report, parts.Indicators));
        Apply(report, parts, request);
        ReportStore.DropDraft(db, report, scope.UserId, hasDraft);
        await ReportStore.SaveAsync(db, report, request.Version, ct);
        return await ReportStore.ToDetailsAsync(db, scope, report, parts, ct);
    }

    /// <summary>The form's content onto a loaded, tracked report the caller may write: version, editability, validation, then the rows.</summary>
    private void Apply(ProgressReport report, DirectiveParts parts, SaveReportRequest request)
    {
        if (request.Version != report.Version) throw new ConcurrencyConflictException();
        report.EnsureEditable();

        var errors = ReportValidation.Check(request, parts.Areas.ToDictionary(a => a.Id), parts.Indicators.ToDictionary(i => i.Id));
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        foreach (var input in request.TaskAreas ?? [])
            report.ProgressFor(parts.Areas.Single(a => a.Id == input.TaskAreaId))
                .Update(input.Status, input.PercentComplete, input.Results, input.Difficulties, input.Proposals);
        foreach (var input in request.IndicatorValues ?? [])
        {
            var indicator = parts.Indicators.Single(i => i.Id == input.IndicatorId);
            var value = report.IndicatorValues.FirstOrDefault(v => v.IndicatorId == indicator.Id);
            if (value is null)
            {
                value = new IndicatorValue(report.Id, indicator);
                report.IndicatorValues.Add(value);
            }
            value.Set(indicator, input.Value, input.Numerator, input.Denominator, input.Comment);
        }
        report.Touch(time.GetUtcNow());
    }

    /// <summary>
    /// Fills a province's own report from its districts' accepted reports for the same period:
    /// counts summed, rates as Σnumerator / Σdenominator, and each task area's results, difficulties
    /// and proposals gathered unit by unit, ready to edit. Replaces what the form held.
    /// </summary>
    public async Task<ReportDetails> ConsolidateAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadContentAsync(db, id, tracking: true, ct);
        ReportAccess.RequireWrite(scope, report);
        report.EnsureEditable();
        var reporters = await db.OrgUnitVersions.AsNoTracking().ExpectedUnder(report.Directive, report.OrgUnitId, report.Period).ToListAsync(ct);
        if (reporters.Count == 0) throw new DomainException("Không có đơn vị cấp dưới báo cáo lên đơn vị này trong kỳ.");
        var ids = reporters.Select(u => u.Id).ToList();
        var children = await db.ProgressReports.AsNoTracking()
            .Include(r => r.OrgUnit).Include(r => r.TaskAreas).Include(r => r.IndicatorValues).AsSplitQuery()
            .Where(r => r.DirectiveId == report.DirectiveId && r.PeriodId == report.PeriodId && r.Status == ReportStatus.Accepted
                && ids.Contains(r.OrgUnitId))
            .OrderBy(r => r.OrgUnit.Code).ToListAsync(ct);
        if (children.Count == 0) throw new DomainException("Chưa có báo cáo nào của đơn vị cấp dưới được chấp nhận trong kỳ này.");

        var parts = await directiveParts.GetAsync(db, report.Directive, ct);
        ReportConsolidation.Fill(report, children, parts.Areas, parts.Indicators);
        report.Touch(time.GetUtcNow());
        await ReportStore.SaveAsync(db, report, report.Version, ct);
        return await ReportStore.ToDetailsAsync(db, scope, report, parts, ct);
    }

    /// <summary>Every change to the report and its rows, newest first. Reviewers and the unit's own staff see it.</summary>
    public async Task<IReadOnlyList<AuditLine>> AuditAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadHeaderAsync(db, id, ct);
        ReportAccess.RequireView(scope, report);
        return await db.AuditEntries.AsNoTracking().Where(a => a.RootId == id).OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AuditLine(a.At, a.UserName, a.EntityType, a.Action, a.Changes)).ToListAsync(ct);
    }

    /// <summary>A unit files a period's report only if it reports in that period, as the tree stood on the period's last day.</summary>
    private static void RequireReporter(Directive directive, OrgUnit unit, ReportingPeriod period)
    {
        var day = ReportingRule.DecidingDay(period);
        var version = unit.VersionOn(day);
        if (version is null && unit.ValidTo is { } end && end < day)
            throw ValidationFailedException.For("orgUnitId",
                $"{unit.Name} đã kết thúc hoạt động từ ngày {end.AddDays(1):dd/MM/yyyy} (sau sắp xếp tổ chức); báo cáo {period.Name} do đơn vị kế thừa lập.");
        if (version is null)
            throw ValidationFailedException.For("orgUnitId", $"{unit.Name} chưa hoạt động trong {period.Name}.");
        if (!ReportingRule.Reports(directive, version))
            throw ValidationFailedException.For("orgUnitId", $"{version.Name} không thuộc diện báo cáo {directive.Code} trong {period.Name}.");
    }
}
