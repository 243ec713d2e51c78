using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Files;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChildCare.Core.Features.Reports;

/// <summary>The level above reviews a submitted report: return it with a comment, accept it (one or many).</summary>
public sealed class ReportReviewService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time, Live.LiveEvents live)
{
    public Task<ReportDetails> ReturnAsync(Guid id, string? comment, CancellationToken ct = default) =>
        TextInput.Problem(comment, ProgressReport.MaxReviewCommentLength) is { } problem
            ? throw ValidationFailedException.For("comment", problem)
            : ReviewAsync(id, (report, actor, now) => report.Return(actor, now, comment ?? ""), ct);

    public Task<ReportDetails> AcceptAsync(Guid id, string? comment = null, CancellationToken ct = default) =>
        TextInput.Problem(comment, ProgressReport.MaxReviewCommentLength) is { } problem
            ? throw ValidationFailedException.For("comment", problem)
            : ReviewAsync(id, (report, actor, now) => report.Accept(actor, now, comment), ct);

    /// <summary>Accepts each report on its own: one that cannot be accepted does not stop the others.</summary>
    public async Task<IReadOnlyList<BulkResult>> AcceptManyAsync(IReadOnlyList<Guid> ids, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var results = new List<BulkResult>();
        foreach (var id in ids.Distinct())
        {
            try
            {
                await AcceptAsync(id, null, ct);
                results.Add(new BulkResult(id, true, null));
            }
            catch (Exception ex) when (ex is DomainException or ForbiddenException or NotFoundException or ConcurrencyConflictException)
            {
                results.Add(new BulkResult(id, false, ex.Message));
            }
            progress?.Report(results.Count);
        }
        return results;
    }

    private async Task<ReportDetails> ReviewAsync(Guid id, Func<ProgressReport, Actor, DateTimeOffset, ReportHistoryEntry> step, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadAsync(db, id, tracking: true, ct);
        ReportAccess.RequireReview(scope, report);
        step(report, scope.Actor, time.GetUtcNow());
        await ReportStore.SaveAsync(db, report, report.Version, ct);
        await live.PublishAsync(new Live.LiveEvent(Live.LiveEventKind.ReportChanged, report.DirectiveId, report.PeriodId, report.OrgUnitId), ct);
        return await ReportStore.ToDetailsAsync(db, scope, report, null, ct);
    }
}
