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
        // The hot path (every pause in typing): one statement that writes the buffer only if the report is of the unit
        // whose reports the user writes (ReportAccess.WritableUnit) — and loads nothing. Anything else (not theirs, no
        // such report) is told apart below.
        if (ReportAccess.WritableUnit(scope) is { } unit)
        {
            var written = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO report_drafts ("ReportId", "UserId", "BaseVersion", "Content", "SavedAt")
                SELECT r."Id", {scope.UserId}, {(long)baseVersion}, CAST({content} AS jsonb), {time.GetUtcNow()}
                FROM progress_reports r WHERE r."Id" = {id} AND r."OrgUnitId" = {unit}
                ON CONFLICT ("ReportId", "UserId") DO UPDATE
                SET "BaseVersion" = EXCLUDED."BaseVersion", "Content" = EXCLUDED."Content", "SavedAt" = EXCLUDED."SavedAt"
                """, ct);
            if (written == 1) return;
        }
        var report = await ReportStore.LoadHeaderAsync(db, id, ct); // NotFoundException when there is no such report
        ReportAccess.RequireWrite(scope, report);
        throw new NotFoundException("Không tìm thấy báo cáo.");
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
