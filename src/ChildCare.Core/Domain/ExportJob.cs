namespace ChildCare.Core.Domain;

public enum ExportJobState
{
    Running,
    Done,
    Failed,
}

/// <summary>
/// A summary export run in the background, kept in PostgreSQL with its file so it outlives the process
/// that ran it and is read from any instance. The instance running it renews <see cref="HeartbeatAt"/>;
/// a job whose heartbeat stopped (the process died) reads as failed. Only its runner writes it (progress by
/// conditional updates on State = Running), so it has no concurrency token.
/// </summary>
public class ExportJob
{
    public static readonly TimeSpan Keep = TimeSpan.FromHours(24);
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    private ExportJob() { }

    public ExportJob(Guid userId, string title, string format, string request, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        Title = title;
        Format = format;
        Request = request;
        State = ExportJobState.Running;
        StartedAt = now;
        HeartbeatAt = now;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string Title { get; private set; } = "";
    public string Format { get; private set; } = "";

    /// <summary>What was asked, as JSON (directive, periods, unit).</summary>
    public string Request { get; private set; } = "{}";
    public ExportJobState State { get; private set; }
    public int Progress { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset HeartbeatAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public string? FileName { get; private set; }
    public string? ContentType { get; private set; }
    public long? SizeBytes { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The state a reader should see: a running job nobody has touched for <see cref="Stale"/> died with its process.</summary>
    public ExportJobState StateAt(DateTimeOffset now) => State == ExportJobState.Running && now - HeartbeatAt > Stale ? ExportJobState.Failed : State;

    public DateTimeOffset ExpiresAt => (FinishedAt ?? StartedAt) + Keep;

    public void Finish(string fileName, string contentType, long size, DateTimeOffset now)
    {
        if (State != ExportJobState.Running) throw new DomainException("Lượt xuất đã kết thúc.");
        FileName = fileName;
        ContentType = contentType;
        SizeBytes = size;
        Progress = 100;
        State = ExportJobState.Done;
        FinishedAt = now;
        HeartbeatAt = now;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        if (State != ExportJobState.Running) return;
        Error = error;
        State = ExportJobState.Failed;
        FinishedAt = now;
        HeartbeatAt = now;
    }
}

/// <summary>An export's bytes, apart so lists never load them.</summary>
public class ExportJobFile
{
    private ExportJobFile() { }

    public ExportJobFile(Guid jobId, byte[] content)
    {
        JobId = jobId;
        Content = content;
    }

    public Guid JobId { get; private set; }
    public byte[] Content { get; private set; } = [];
}
