using System.Collections.Concurrent;
using System.Security.Claims;
using ChildCare.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildCare.Core.Features.Exports;

public enum ExportJobState
{
    Running,
    Done,
    Failed,
}

public sealed record ExportJobView(Guid Id, string Title, ExportFormat Format, ExportJobState State, int Progress, string? FileName,
    long? SizeBytes, string? Error, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Long exports run in the background: the page that started one can be left and the job picked up
/// later from the list; the file is kept for <see cref="Keep"/>. Jobs live in memory — a restart
/// forgets them (the export can simply be run again), which is documented.
/// </summary>
public sealed class ExportJobs(IServiceScopeFactory scopes, TimeProvider time, ILogger<ExportJobs> logger)
{
    public static readonly TimeSpan Keep = TimeSpan.FromHours(2);
    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();

    private sealed class Job
    {
        public required Guid Id { get; init; }
        public required Guid UserId { get; init; }
        public required string Title { get; init; }
        public required ExportFormat Format { get; init; }
        public required DateTimeOffset StartedAt { get; init; }
        public volatile int Progress;
        public ExportJobState State = ExportJobState.Running;
        public DateTimeOffset? FinishedAt;
        public string? FileName;
        public string? ContentType;
        public byte[]? Content;
        public string? Error;

        public ExportJobView View() => new(Id, Title, Format, State, Progress, FileName, Content?.LongLength, Error, StartedAt, FinishedAt,
            (FinishedAt ?? StartedAt) + Keep);
    }

    /// <summary>Starts an export as the given user. Access is checked by the export itself, in the job, under that user.</summary>
    public ExportJobView Start(ClaimsPrincipal user, Guid userId, SummaryRequest request, ExportFormat format, string title)
    {
        Sweep();
        var job = new Job { Id = Guid.CreateVersion7(), UserId = userId, Title = title, Format = format, StartedAt = time.GetUtcNow() };
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUserHolder>().Principal = user;
                var exports = scope.ServiceProvider.GetRequiredService<SummaryExportService>();
                var (data, content) = await exports.ExportAsync(request, format, new Progress<int>(p => job.Progress = p));
                job.FileName = SummaryExportService.DisplayFileName(data, format);
                job.ContentType = SummaryExportService.ContentType(format);
                job.Content = content;
                job.Progress = 100;
                job.State = ExportJobState.Done;
            }
            catch (Exception ex)
            {
                job.Error = ex is Common.ValidationFailedException or ForbiddenException or NotFoundException ? ex.Message : "Xuất báo cáo không thành công; hãy thử lại.";
                job.State = ExportJobState.Failed;
                logger.LogError(ex, "Export job {JobId} failed", job.Id);
            }
            finally
            {
                job.FinishedAt = time.GetUtcNow();
            }
        });
        return job.View();
    }

    public IReadOnlyList<ExportJobView> List(Guid userId)
    {
        Sweep();
        return _jobs.Values.Where(j => j.UserId == userId).OrderByDescending(j => j.StartedAt).Select(j => j.View()).ToList();
    }

    public ExportJobView? Get(Guid userId, Guid id) => _jobs.TryGetValue(id, out var j) && j.UserId == userId ? j.View() : null;

    public (string FileName, string ContentType, byte[] Content)? File(Guid userId, Guid id) =>
        _jobs.TryGetValue(id, out var j) && j.UserId == userId && j.Content is not null ? (j.FileName!, j.ContentType!, j.Content) : null;

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, job) in _jobs)
            if (job.FinishedAt is { } done && now - done > Keep) _jobs.TryRemove(id, out _);
    }
}
