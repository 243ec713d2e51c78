namespace ChildCare.Core.Domain;

public enum TaskProgressStatus
{
    NotStarted,
    OnTrack,
    AtRisk,
    Delayed,
    Done,
}

public class TaskAreaProgress
{
    private TaskAreaProgress() { }

    internal TaskAreaProgress(Guid reportId, Guid taskAreaId)
    {
        Id = Guid.CreateVersion7();
        ReportId = reportId;
        TaskAreaId = taskAreaId;
        Status = TaskProgressStatus.NotStarted;
    }

    public Guid Id { get; private set; }
    public Guid ReportId { get; private set; }
    public Guid TaskAreaId { get; private set; }
    public TaskArea TaskArea { get; private set; } = null!;
    public TaskProgressStatus Status { get; private set; }
    public int? PercentDone { get; private set; }
    public string? Results { get; private set; }
    public string? Difficulties { get; private set; }
    public string? Proposals { get; private set; }

    public void Update(TaskProgressStatus status, int? percentDone, string? results, string? difficulties, string? proposals)
    {
        if (percentDone is < 0 or > 100) throw new DomainException("Tỷ lệ hoàn thành phải từ 0 đến 100%.");
        if (status == TaskProgressStatus.Done && percentDone is not null and < 100)
            throw new DomainException("Nhiệm vụ đã hoàn thành thì tỷ lệ hoàn thành phải là 100%.");
        Status = status;
        PercentDone = percentDone;
        Results = Clean(results);
        Difficulties = Clean(difficulties);
        Proposals = Clean(proposals);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A unit's value of one indicator. All-null means "not reported", which is not 0.</summary>
public class IndicatorValue
{
    private IndicatorValue() { }

    public IndicatorValue(Guid reportId, Indicator indicator)
    {
        Id = Guid.CreateVersion7();
        ReportId = reportId;
        IndicatorId = indicator.Id;
    }

    public Guid Id { get; private set; }
    public Guid ReportId { get; private set; }
    public Guid IndicatorId { get; private set; }
    public Indicator Indicator { get; private set; } = null!;
    public decimal? Value { get; private set; }
    public decimal? Numerator { get; private set; }
    public decimal? Denominator { get; private set; }
    public string? Comment { get; private set; }

    public bool IsReported => Value is not null || Numerator is not null || Denominator is not null;

    public void Set(Indicator indicator, decimal? value, decimal? numerator, decimal? denominator, string? comment)
    {
        if (indicator.Aggregation == IndicatorAggregation.Rate)
        {
            if (value is not null) throw new DomainException("Chỉ tiêu tỷ lệ nhập tử số và mẫu số, không nhập giá trị.");
            if (numerator is null != denominator is null) throw new DomainException("Cần nhập cả tử số và mẫu số.");
            if (numerator < 0 || denominator < 0) throw new DomainException("Tử số và mẫu số không được âm.");
            if (denominator == 0 && numerator > 0) throw new DomainException("Mẫu số phải lớn hơn 0.");
            if (indicator.Unit == IndicatorUnit.Percent && numerator > denominator)
                throw new DomainException("Tử số không được lớn hơn mẫu số.");
        }
        else
        {
            if (numerator is not null || denominator is not null) throw new DomainException("Chỉ tiêu này nhập một giá trị.");
            if (value < 0) throw new DomainException("Giá trị không được âm.");
        }
        Value = value;
        Numerator = numerator;
        Denominator = denominator;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }
}

public class ReportHistoryEntry
{
    private ReportHistoryEntry() { }

    internal ReportHistoryEntry(Guid reportId, ReportAction action, ReportStatus from, ReportStatus to, Actor actor, DateTimeOffset at, string? comment)
    {
        Id = Guid.CreateVersion7();
        ReportId = reportId;
        Action = action;
        FromStatus = from;
        ToStatus = to;
        ActorId = actor.UserId;
        ActorName = actor.Name;
        At = at;
        Comment = comment;
    }

    public Guid Id { get; private set; }
    public Guid ReportId { get; private set; }
    public ReportAction Action { get; private set; }
    public ReportStatus FromStatus { get; private set; }
    public ReportStatus ToStatus { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string? Comment { get; private set; }
}

/// <summary>An evidence file; the bytes live in <see cref="ReportAttachmentContent"/> so lists never load them.</summary>
public class ReportAttachment
{
    private ReportAttachment() { }

    public ReportAttachment(Guid reportId, string fileName, string contentType, long sizeBytes, string sha256, Actor uploadedBy, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        ReportId = reportId;
        FileName = fileName;
        ContentType = contentType;
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        UploadedById = uploadedBy.UserId;
        UploadedByName = uploadedBy.Name;
        UploadedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid ReportId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public Guid? UploadedById { get; private set; }
    public string UploadedByName { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
}

public class ReportAttachmentContent
{
    private ReportAttachmentContent() { }

    public ReportAttachmentContent(Guid attachmentId, byte[] data)
    {
        AttachmentId = attachmentId;
        Data = data;
    }

    public Guid AttachmentId { get; private set; }
    public byte[] Data { get; private set; } = [];
}
