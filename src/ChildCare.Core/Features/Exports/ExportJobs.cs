using System.Security.Claims;
using System.Text.Json;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildCare.Core.Features.Exports;

public sealed record ExportJobView(Guid Id, string Title, ExportFormat Format, ExportJobState State, int Progress, string? FileName,
    long? SizeBytes, string? Error, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Long exports run in the background: the page that started one can be left and the job picked up
/// later, from any instance. Jobs and their files live in PostgreSQL for <see cref="ExportJob.Keep"/>;
/// the instance running a job renews its heartbeat, so a job whose process died reads as failed.
/// Each user runs at most <see cref="MaxRunningPerUser"/> jobs at once.
/// </summary>
public sealed class ExportJobs(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, IServiceScopeFactory scopeFactory,
    TimeProvider time, ILogger<ExportJobs> logger)
{
    public const int MaxRunningPerUser = 3;
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    /// <summary>Starts an export as the given user; the export itself checks access again, in the job, under that user.</summary>
    public async Task<ExportJobView> StartAsync(ClaimsPrincipal user, SummaryRequest request, ExportFormat format, string title,
        CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var now = time.GetUtcNow();
        SummaryExportService.RequireSignable(request, format);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The same check as the export's, here too, so a request outside one's scope is refused at once (the job checks again under the user).
        await SummaryExportService.RequireExportAsync(db, scope, request, ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // One user's starts are serialised, so the cap holds under double clicks and parallel calls.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLocks.ExportStart}, {scope.UserId.GetHashCode()})", ct);
            await db.ExportJobs.Where(j => j.StartedAt < now - ExportJob.Keep).ExecuteDeleteAsync(ct);
            var running = await db.ExportJobs.CountAsync(j => j.UserId == scope.UserId && j.State == ExportJobState.Running
                && j.HeartbeatAt > now - ExportJob.Stale, ct);
            if (running >= MaxRunningPerUser)
                throw new TooManyRequestsException($"Bạn đang có {running} lượt xuất chưa xong (tối đa {MaxRunningPerUser}); hãy chờ một lượt xong rồi xuất tiếp.");
            var job = new ExportJob(scope.UserId, request.Signed ? $"{title} (ký số)" : title, format.ToString(), JsonSerializer.Serialize(request), now);
            db.ExportJobs.Add(job);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            _ = Task.Run(() => RunAsync(job.Id, user, request, format));
            return View(job, now);
        }
    }

    public async Task<IReadOnlyList<ExportJobView>> ListAsync(CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = await db.ExportJobs.AsNoTracking().Where(j => j.UserId == scope.UserId && j.StartedAt > now - ExportJob.Keep)
            .OrderByDescending(j => j.StartedAt).Take(50).ToListAsync(ct);
        return jobs.Select(j => View(j, now)).ToList();
    }

    public async Task<ExportJobView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.ExportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.UserId == scope.UserId, ct);
        return job is null ? null : View(job, time.GetUtcNow());
    }

    public async Task<(string FileName, string ContentType, byte[] Content)?> FileAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var file = await db.ExportJobs.Where(j => j.Id == id && j.UserId == scope.UserId && j.State == ExportJobState.Done)
            .Join(db.ExportJobFiles, j => j.Id, f => f.JobId, (j, f) => new { j.FileName, j.ContentType, f.Content })
            .SingleOrDefaultAsync(ct);
        return file is null ? null : (file.FileName!, file.ContentType!, file.Content);
    }

    private async Task RunAsync(Guid jobId, ClaimsPrincipal user, SummaryRequest request, ExportFormat format)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserHolder>().Principal = user;
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var lastWritten = (Progress: 0, At: time.GetUtcNow());
        async Task TouchAsync(int progress, bool force)
        {
            var now = time.GetUtcNow();
            if (!force && progress - lastWritten.Progress < 5 && now - lastWritten.At < TimeSpan.FromSeconds(2)) return;
            lastWritten = (progress, now);
            await using var db = await factory.CreateDbContextAsync();
            await db.ExportJobs.Where(j => j.Id == jobId && j.State == ExportJobState.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Progress, progress).SetProperty(j => j.HeartbeatAt, now));
        }

        using var beat = new PeriodicTimer(Heartbeat, time);
        var current = 0;
        var beating = Task.Run(async () =>
        {
            while (await beat.WaitForNextTickAsync()) await TouchAsync(current, force: true);
        });
        try
        {
            var exports = scope.ServiceProvider.GetRequiredService<SummaryExportService>();
            var (data, content) = await exports.ExportAsync(request, format, new SyncProgress(p =>
            {
                current = p;
                _ = TouchAsync(p, force: false);
            }));
            await using var db = await factory.CreateDbContextAsync();
            var job = await db.ExportJobs.SingleAsync(j => j.Id == jobId);
            job.Finish(SummaryExportService.DisplayFileName(data, format), SummaryExportService.ContentType(format), content.LongLength, time.GetUtcNow());
            db.ExportJobFiles.Add(new ExportJobFile(jobId, content));
            await db.SaveChangesAsync();
        }
        catch (Exception ex)
        {
            var known = ex is ValidationFailedException or ForbiddenException or NotFoundException or DomainException;
            if (known) logger.LogWarning("Export job {JobId} refused: {Reason}", jobId, ex.Message);
            else logger.LogError(ex, "Export job {JobId} failed", jobId);
            try
            {
                await using var db = await factory.CreateDbContextAsync();
                var job = await db.ExportJobs.SingleAsync(j => j.Id == jobId);
                job.Fail(known ? ex.Message : "Xuất báo cáo không thành công; hãy thử lại.", time.GetUtcNow());
                await db.SaveChangesAsync();
            }
            catch (Exception inner)
            {
                logger.LogError(inner, "Export job {JobId}: could not record the failure", jobId);
            }
        }
        finally
        {
            beat.Dispose();
            await beating;
        }
    }

    private static ExportJobView View(ExportJob j, DateTimeOffset now)
    {
        var state = j.StateAt(now);
        var error = state == ExportJobState.Failed && j.State == ExportJobState.Running
            ? "Lượt xuất bị gián đoạn (máy chủ khởi động lại); hãy xuất lại."
            : j.Error;
        return new ExportJobView(j.Id, j.Title, Enum.Parse<ExportFormat>(j.Format), state, j.Progress, j.FileName, j.SizeBytes, error,
            j.StartedAt, j.FinishedAt, j.ExpiresAt);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
