using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Files;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChildCare.Core.Features.Reports;

/// <summary>The draft buffer: what a user typed and has not saved, kept per user and report (not the report: no version, no audit).</summary>
public sealed class ReportDraftService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time)
{
    /// <summary>Keeps what the user typed and has not saved. Not the report: no version change, no audit.</summary>
    public async Task SaveDraftAsync(Guid id, uint baseVersion, string content, CancellationToken ct = default)
    {
        if (ReportDraft.Problem(content) is { } problem) throw ValidationFailedException.For("content", problem);
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadAsync(db, id, tracking: false, ct);
        ReportAccess.RequireWrite(scope, report);
        var draft = await db.ReportDrafts.SingleOrDefaultAsync(d => d.ReportId == id && d.UserId == scope.UserId, ct);
        if (draft is null) db.ReportDrafts.Add(new ReportDraft(id, scope.UserId, baseVersion, content, time.GetUtcNow()));
        else draft.Update(baseVersion, content, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task<DraftBuffer?> GetDraftAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReportDrafts.AsNoTracking().Where(d => d.ReportId == id && d.UserId == scope.UserId)
            .Select(d => new DraftBuffer(d.BaseVersion, d.Content, d.SavedAt)).SingleOrDefaultAsync(ct);
    }

    public async Task DiscardDraftAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ReportDrafts.Where(d => d.ReportId == id && d.UserId == scope.UserId).ExecuteDeleteAsync(ct);
    }
}
