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
public sealed class ReportReviewService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time, Live.LiveEvents live,
    DirectivePartsCache directiveParts)
{
    /// <summary>
    /// Sends a report back with a comment: a submitted one from the level above to the unit; one awaiting signature from
    /// the unit's leader to its office.
    /// </summary>
    public Task<ReportDetails> ReturnAsync(Guid id, string? comment, CancellationToken ct = default) =>
        TextInput.Problem(comment, ProgressReport.MaxReviewCommentLength) is { } problem
            ? throw ValidationFailedException.For("comment", problem)
            : ReviewAsync(id, (report, actor, now, _) => report.Status == ReportStatus.AwaitingSignature
                ? report.ReturnToOffice(actor, now, comment ?? "")
                : report.Return(actor, now, comment ?? ""), ct);

    /// <summary>Accepts a submitted report; one its unit's leader should have signed and did not is refused.</summary>
    public Task<ReportDetails> AcceptAsync(Guid id, string? comment = null, CancellationToken ct = default) =>
        TextInput.Problem(comment, ProgressReport.MaxReviewCommentLength) is { } problem
            ? throw ValidationFailedException.For("comment", problem)
            : ReviewAsync(id, (report, actor, now, demand) => report.Accept(actor, now, comment, demand.SignatureExpected), ct, accepting: true);

    /// <summary>How many reports one batch may name: more than any province's communes, far below a burden.</summary>
    public const int MaxBatch = 1_000;

    /// <summary>One answer for a report that does not exist and one outside the caller's scope: the batch tells nothing apart.</summary>
    public const string NotYoursMessage = "Không tìm thấy báo cáo trong phạm vi bạn được xét duyệt.";

    /// <summary>
    /// Accepts each report on its own: one that cannot be accepted does not stop the others. Only roles that review
    /// may call it (403 before anything is read), and a report that does not exist or is not the caller's to review gets
    /// the same reason, so the answer cannot be used to probe other units' report ids.
    /// </summary>
    public async Task<IReadOnlyList<BulkResult>> AcceptManyAsync(IReadOnlyList<Guid> ids, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        (await scopes.CurrentAsync(ct)).RequirePolicy(Policies.ReviewReports);
        if (ids.Count > MaxBatch) throw ValidationFailedException.For("reportIds", $"Mỗi lần duyệt tối đa {MaxBatch:N0} báo cáo.");
        var results = new List<BulkResult>();
        foreach (var id in ids.Distinct())
        {
            try
            {
                await AcceptAsync(id, null, ct);
                results.Add(new BulkResult(id, true, null));
            }
            catch (Exception ex) when (ex is ForbiddenException or NotFoundException)
            {
                results.Add(new BulkResult(id, false, NotYoursMessage));
            }
            catch (Exception ex) when (ex is DomainException or ConcurrencyConflictException)
            {
                results.Add(new BulkResult(id, false, ex.Message));
            }
            progress?.Report(results.Count);
        }
        return results;
    }

    private async Task<ReportDetails> ReviewAsync(Guid id, Func<ProgressReport, Actor, DateTimeOffset, Signing.SigningDemand, ReportHistoryEntry> step,
        CancellationToken ct, bool accepting = false)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadContentAsync(db, id, tracking: true, ct);
        if (report.Status == ReportStatus.AwaitingSignature && !accepting) ReportAccess.RequireSign(scope, report);
        else ReportAccess.RequireReview(scope, report);
        var demand = accepting ? await Signing.SigningDemand.ForAsync(db, report, ct) : Signing.SigningDemand.None;
        step(report, scope.Actor, time.GetUtcNow(), demand);
        await ReportStore.SaveAsync(db, report, report.Version, ct);
        await live.ReportChangedAsync(report, ct);
        return await ReportStore.ToDetailsAsync(db, scope, report, await directiveParts.GetAsync(db, report.Directive, ct), ct);
    }
}
