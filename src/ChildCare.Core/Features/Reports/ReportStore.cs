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

    internal static async Task<ProgressReport> LoadAsync(AppDbContext db, Guid id, bool tracking, CancellationToken ct)
    {
        var query = db.ProgressReports.Include(r => r.OrgUnit).Include(r => r.Period).Include(r => r.Directive)
            .Include(r => r.TaskAreas).Include(r => r.IndicatorValues).Include(r => r.Attachments).Include(r => r.History)
            .AsSplitQuery();
        if (!tracking) query = query.AsNoTracking();
        return await query.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy báo cáo.");
    }

    /// <summary>The report with its unit, period and document, none of its content: enough to check access and the rules that read them.</summary>
    internal static async Task<ProgressReport> LoadHeaderAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        await db.ProgressReports.AsNoTracking().Include(r => r.OrgUnit).Include(r => r.Period).Include(r => r.Directive)
            .SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy báo cáo.");

    internal static async Task<(List<TaskArea> Areas, List<Indicator> Indicators)> DirectivePartsAsync(AppDbContext db, Guid directiveId, CancellationToken ct)
    {
        var areas = await db.TaskAreas.AsNoTracking().Where(t => t.DirectiveId == directiveId).OrderBy(t => t.Number).ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.TaskArea).Where(i => i.DirectiveId == directiveId)
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        return (areas, indicators);
    }

    internal static async Task<Guid?> PreviousReportIdAsync(AppDbContext db, ProgressReport report, CancellationToken ct) =>
        await db.ProgressReports.Where(r => r.DirectiveId == report.DirectiveId && r.OrgUnitId == report.OrgUnitId
                && r.Period.Kind == report.Period.Kind && r.Period.EndsOn < report.Period.StartsOn)
            .OrderByDescending(r => r.Period.EndsOn).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The report as pages and the API show it. A mutation passes the report it loaded, saved and holds (with the
    /// directive's parts it read), so one click loads the report once: no reload after the save.
    /// </summary>
    internal static async Task<ReportDetails> ToDetailsAsync(AppDbContext db, UserScope scope, ProgressReport r,
        (List<TaskArea> Areas, List<Indicator> Indicators)? parts, CancellationToken ct)
    {
        var (areas, indicators) = parts ?? await DirectivePartsAsync(db, r.DirectiveId, ct);
        var previous = await PreviousReportIdAsync(db, r, ct);
        return new ReportDetails(r.Id, r.DirectiveId, r.Directive.Code, r.OrgUnitId, r.OrgUnit.Name, r.PeriodId, r.Period.Code, r.Period.Name,
            r.Period.State, r.Period.DueOnFor(r.OrgUnit.Kind), r.Status, r.Version, r.UpdatedAt, r.FirstSubmittedAt, r.LastSubmittedAt,
            r.SubmittedOnTime, r.LastReviewComment, AreaEntries(r, areas), IndicatorEntries(r, indicators),
            r.Attachments.OrderBy(a => a.UploadedAt).Select(ToEntry).ToList(),
            r.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new HistoryEntry(h.Action, h.FromStatus, h.ToStatus, h.ActorName, h.At, h.Comment)).ToList(),
            ReportAccess.For(scope, r), previous);
    }

    internal static List<TaskAreaEntry> AreaEntries(ProgressReport r, List<TaskArea> areas) =>
        areas.Select(a =>
        {
            var row = r.TaskAreas.FirstOrDefault(t => t.TaskAreaId == a.Id);
            return new TaskAreaEntry(a.Id, a.Number, a.Title, row?.Status ?? TaskProgressStatus.NotStarted, row?.PercentDone,
                row?.Results, row?.Difficulties, row?.Proposals);
        }).ToList();

    internal static List<IndicatorEntry> IndicatorEntries(ProgressReport r, List<Indicator> indicators) =>
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
