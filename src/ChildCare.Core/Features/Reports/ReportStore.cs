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
/// What the report services share: loading a report with its parts, saving it against the version the caller
/// read, and shaping it for pages and the API. Static helpers over a DbContext the caller owns (no repository).
/// </summary>
internal static class ReportStore
{
    public const string NotYours = "Báo cáo này nằm ngoài phạm vi của bạn.";
    internal static async Task SaveAsync(AppDbContext db, ProgressReport report, uint expectedVersion, CancellationToken ct)
    {
        db.Entry(report).Property(r => r.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException && LostARace(ex))
        {
            // Two first saves raced to add the same rows (a value, a task area): the other one won, or PostgreSQL
            // chose this one as the deadlock's victim. Either way the other writer's save stands: a conflict, as for a version.
            throw new ConcurrencyConflictException();
        }
    }

    private static bool LostARace(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
                return true;
        return false;
    }

    /// <summary>The report with everything it holds (its files and history too): for the commands that change those.</summary>
    internal static async Task<ProgressReport> LoadAsync(AppDbContext db, Guid id, bool tracking, CancellationToken ct)
    {
        var query = db.ProgressReports.Include(r => r.OrgUnit).Include(r => r.Period).Include(r => r.Directive)
            .Include(r => r.TaskAreas).Include(r => r.IndicatorValues).Include(r => r.Attachments).Include(r => r.History)
            .AsSplitQuery();
        if (!tracking) query = query.AsNoTracking();
        return await query.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy báo cáo.");
    }

    /// <summary>
    /// The report as the form edits it — its unit, period and document, its task area rows and figures — in one
    /// statement. Not its files or history (the answer reads them, <see cref="ToDetailsAsync"/>): the hot paths of
    /// quarter's end load once and small. The rows of the two collections multiply (5 areas × 25 figures), which one trip
    /// still beats.
    /// </summary>
    internal static async Task<ProgressReport> LoadContentAsync(AppDbContext db, Guid id, bool tracking, CancellationToken ct) =>
        await Content(db, tracking).SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy báo cáo.");

    /// <summary>
    /// <see cref="LoadContentAsync"/>, tracked, for a save — in the same statement, whether <paramref name="userId"/> keeps a
    /// draft buffer of it, which the save drops (<see cref="DropDraft"/>).
    /// </summary>
    internal static async Task<(ProgressReport Report, bool HasDraft)> LoadForSaveAsync(AppDbContext db, Guid id, Guid userId, CancellationToken ct)
    {
        var row = await Content(db, tracking: true).Where(r => r.Id == id)
            .Select(r => new { Report = r, HasDraft = db.ReportDrafts.Any(d => d.ReportId == r.Id && d.UserId == userId) })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Không tìm thấy báo cáo.");
        return (row.Report, row.HasDraft);
    }

    private static IQueryable<ProgressReport> Content(AppDbContext db, bool tracking)
    {
        var query = db.ProgressReports.Include(r => r.OrgUnit).Include(r => r.Period).Include(r => r.Directive)
            .Include(r => r.TaskAreas).Include(r => r.IndicatorValues).AsSingleQuery();
        return tracking ? query : query.AsNoTracking();
    }

    /// <summary>The report with its unit, period and document, none of its content: enough to check access and the rules that read them.</summary>
    internal static async Task<ProgressReport> LoadHeaderAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        await db.ProgressReports.AsNoTracking().Include(r => r.OrgUnit).Include(r => r.Period).Include(r => r.Directive)
            .SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy báo cáo.");

    /// <summary>
    /// Drops <paramref name="userId"/>'s draft buffer of a loaded, tracked report in the save that follows (no statement of
    /// its own): what the draft held is now saved. <paramref name="hasDraft"/> is what <see cref="LoadForSaveAsync"/> read.
    /// </summary>
    internal static void DropDraft(AppDbContext db, ProgressReport report, Guid userId, bool hasDraft)
    {
        if (!hasDraft) return;
        var draft = new ReportDraft(report.Id, userId, 0, "{}", default);
        db.ReportDrafts.Attach(draft);
        db.ReportDrafts.Remove(draft);
    }

    /// <summary>The report before this one of the same kind of period, by the unit, for the same document.</summary>
    private static IQueryable<Guid?> PreviousOf(AppDbContext db, ProgressReport report) =>
        db.ProgressReports.Where(r => r.DirectiveId == report.DirectiveId && r.OrgUnitId == report.OrgUnitId
                && r.Period.Kind == report.Period.Kind && r.Period.EndsOn < report.Period.StartsOn)
            .OrderByDescending(r => r.Period.EndsOn).Select(r => (Guid?)r.Id);

    internal static async Task<Guid?> PreviousReportIdAsync(AppDbContext db, ProgressReport report, CancellationToken ct) =>
        await PreviousOf(db, report).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The report as pages and the API show it. A command passes the report it loaded, saved and holds with the
    /// document's parts, so one click loads the report once; its files, history and the previous quarter's report are
    /// read here, together, in one statement (after the save: the history has the step just taken).
    /// </summary>
    internal static async Task<ReportDetails> ToDetailsAsync(AppDbContext db, UserScope scope, ProgressReport r, DirectiveParts parts, CancellationToken ct)
    {
        var previous = PreviousOf(db, r);
        var rest = await db.ProgressReports.AsNoTracking().Where(x => x.Id == r.Id).Select(x => new
        {
            Files = x.Attachments.OrderBy(a => a.UploadedAt)
                .Select(a => new AttachmentEntry(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Sha256, a.UploadedByName, a.UploadedAt)).ToList(),
            History = x.History.OrderBy(h => h.At).ThenBy(h => h.Id)
                .Select(h => new HistoryEntry(h.Action, h.FromStatus, h.ToStatus, h.ActorName, h.At, h.Comment)).ToList(),
            Previous = previous.FirstOrDefault(),
        }).AsSingleQuery().SingleAsync(ct);
        return new ReportDetails(r.Id, r.DirectiveId, r.Directive.Code, r.OrgUnitId, r.OrgUnit.Name, r.PeriodId, r.Period.Code, r.Period.Name,
            r.Period.State, r.Period.DueOnFor(r.OrgUnit.Kind), r.Status, r.Version, r.UpdatedAt, r.FirstSubmittedAt, r.LastSubmittedAt,
            r.SubmittedOnTime, r.LastReviewComment, AreaEntries(r, parts.Areas), IndicatorEntries(r, parts.Indicators), rest.Files, rest.History,
            ReportAccess.For(scope, r), rest.Previous);
    }

    internal static List<TaskAreaEntry> AreaEntries(ProgressReport r, IReadOnlyList<TaskArea> areas) =>
        areas.Select(a =>
        {
            var row = r.TaskAreas.FirstOrDefault(t => t.TaskAreaId == a.Id);
            return new TaskAreaEntry(a.Id, a.Number, a.Title, row?.Status ?? TaskProgressStatus.NotStarted, row?.PercentDone,
                row?.Results, row?.Difficulties, row?.Proposals);
        }).ToList();

    internal static List<IndicatorEntry> IndicatorEntries(ProgressReport r, IReadOnlyList<Indicator> indicators) =>
        indicators.Select(i =>
        {
            var v = r.IndicatorValues.FirstOrDefault(x => x.IndicatorId == i.Id);
            var computed = i.Aggregation == IndicatorAggregation.Rate ? i.RateOf(v?.Numerator, v?.Denominator) : v?.Value;
            return new IndicatorEntry(i.Id, i.Code, i.Name, i.Unit, i.Aggregation, i.TaskArea?.Number, Plain(v?.Value), Plain(v?.Numerator),
                Plain(v?.Denominator), v?.Comment, computed);
        }).ToList();

    /// <summary>A stored figure without the column's trailing zeros (4300.0000 → 4300): what the user typed, on screen and in JSON.</summary>
    private static decimal? Plain(decimal? value) => value / 1.000000000000000000000000000000000m;

    internal static AttachmentEntry ToEntry(ReportAttachment a) =>
        new(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Sha256, a.UploadedByName, a.UploadedAt);
}
