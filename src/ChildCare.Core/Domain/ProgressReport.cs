namespace ChildCare.Core.Domain;

public enum ReportStatus
{
    Draft,
    Submitted,
    Returned,
    Accepted,

    /// <summary>Sent by the office to the unit's leader ("Trình ký"): read-only until the leader signs (it is submitted) or returns it.</summary>
    AwaitingSignature,
}

public enum ReportAction
{
    Created,
    Submitted,
    Returned,
    Accepted,

    /// <summary>The office sent the report to the unit's leader to sign.</summary>
    SentForSignature,

    /// <summary>The leader sent it back to the office with a comment, unsigned.</summary>
    ReturnedByLeader,
}

/// <summary>Who acts on a report, as recorded in its history.</summary>
public sealed record Actor(Guid? UserId, string Name)
{
    public static readonly Actor System = new(null, "Hệ thống");
}

/// <summary>
/// One unit's progress on one directive for one period (unique). Its status changes only through
/// the methods below, each of which checks the current state and writes a history row.
/// </summary>
public class ProgressReport
{
    private ProgressReport() { }

    public ProgressReport(Directive directive, OrgUnit orgUnit, ReportingPeriod period, Actor createdBy, DateTimeOffset now)
    {
        if (period.DirectiveId != directive.Id) throw new DomainException("Kỳ báo cáo không thuộc văn bản này.");
        Id = Guid.CreateVersion7();
        DirectiveId = directive.Id;
        Directive = directive;
        OrgUnitId = orgUnit.Id;
        OrgUnit = orgUnit;
        PeriodId = period.Id;
        Period = period;
        Status = ReportStatus.Draft;
        CreatedAt = now;
        UpdatedAt = now;
        Record(ReportAction.Created, ReportStatus.Draft, ReportStatus.Draft, createdBy, now, null);
    }

    public Guid Id { get; private set; }
    public Guid DirectiveId { get; private set; }
    public Directive Directive { get; private set; } = null!;
    public Guid OrgUnitId { get; private set; }
    public OrgUnit OrgUnit { get; private set; } = null!;
    public Guid PeriodId { get; private set; }
    public ReportingPeriod Period { get; private set; } = null!;
    public ReportStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The first submission: on time or late is judged on it, so a report sent back for corrections is not made late by the review.</summary>
    public DateTimeOffset? FirstSubmittedAt { get; private set; }
    public DateTimeOffset? LastSubmittedAt { get; private set; }
    public bool? SubmittedOnTime { get; private set; }

    /// <summary>
    /// The submission that sent the report up carried its leader's verified signature (issue 19). A return, or a new
    /// submission without one, clears it: a signature counts only for the content it was made on.
    /// </summary>
    public bool IsSigned { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public string? LastReviewComment { get; private set; }
    public uint Version { get; private set; }

    public List<TaskAreaProgress> TaskAreas { get; private set; } = [];
    public List<IndicatorValue> IndicatorValues { get; private set; } = [];
    public List<ReportAttachment> Attachments { get; private set; } = [];
    public List<ReportHistoryEntry> History { get; private set; } = [];

    /// <summary>Open to its unit's changes: a draft or a returned report, in a period that is not locked.</summary>
    public bool IsEditable => Status is ReportStatus.Draft or ReportStatus.Returned && !IsFrozen;

    /// <summary>A locked period freezes every change to its reports: content, evidence, consolidation, submission and review.</summary>
    public bool IsFrozen => PeriodLock.Freezes(Period.State);

    private void EnsureNotFrozen()
    {
        if (IsFrozen)
            throw new DomainException($"{Period.Name} đã khóa: báo cáo của kỳ này không thay đổi được nữa (kể cả tệp minh chứng và thẩm định). "
                + "Cần quản trị viên mở lại kỳ nếu thật sự phải sửa.");
    }

    public void EnsureEditable()
    {
        EnsureNotFrozen();
        if (!IsEditable)
            throw new DomainException(Status == ReportStatus.Accepted
                ? "Báo cáo đã được chấp nhận và đã khóa."
                : "Báo cáo đã gửi, chỉ đọc cho đến khi cấp trên trả lại.");
    }

    /// <summary>Marks a change to the report's content, so its version moves even when only child rows changed.</summary>
    /// <summary>When its unit closes, an unfinished report of a later period passes to the successor.</summary>
    public void TransferTo(OrgUnit unit)
    {
        EnsureNotFrozen();
        if (Status == ReportStatus.Accepted) throw new DomainException("Báo cáo đã được chấp nhận, không chuyển được.");
        OrgUnit = unit;
        OrgUnitId = unit.Id;
    }

    public void Touch(DateTimeOffset now)
    {
        EnsureEditable();
        UpdatedAt = now;
    }

    /// <summary>"Trình ký": the office hands a draft (or a returned report) to its leader; nothing changes it until the leader acts.</summary>
    public ReportHistoryEntry SendForSignature(Actor actor, DateTimeOffset now)
    {
        EnsureNotFrozen();
        if (Status is not (ReportStatus.Draft or ReportStatus.Returned))
            throw new DomainException(Status == ReportStatus.AwaitingSignature ? "Báo cáo đang chờ lãnh đạo ký." : "Báo cáo đã được gửi.");
        var from = Status;
        Status = ReportStatus.AwaitingSignature;
        UpdatedAt = now;
        return Record(ReportAction.SentForSignature, from, Status, actor, now, null);
    }

    /// <summary>The leader sends the report back to the office, unsigned, saying why.</summary>
    public ReportHistoryEntry ReturnToOffice(Actor actor, DateTimeOffset now, string comment)
    {
        EnsureNotFrozen();
        if (Status != ReportStatus.AwaitingSignature) throw new DomainException("Chỉ trả lại văn phòng được báo cáo đang chờ ký.");
        if (string.IsNullOrWhiteSpace(comment)) throw new DomainException("Cần ghi rõ lý do trả lại báo cáo.");
        Status = ReportStatus.Draft;
        LastReviewComment = comment.Trim();
        UpdatedAt = now;
        return Record(ReportAction.ReturnedByLeader, ReportStatus.AwaitingSignature, Status, actor, now, LastReviewComment);
    }

    /// <summary>
    /// Sends the report to the level above: from the office (a draft or a returned report, where the unit has no leader to
    /// sign) or, once signed, from the leader (a report awaiting signature).
    /// </summary>
    public ReportHistoryEntry Submit(Actor actor, DateTimeOffset now, DateOnly dueOn, bool signed = false)
    {
        EnsureNotFrozen();
        if (Status is not (ReportStatus.Draft or ReportStatus.Returned or ReportStatus.AwaitingSignature))
            throw new DomainException(Status == ReportStatus.Submitted
                ? "Báo cáo đã được gửi."
                : "Báo cáo đã được chấp nhận, không gửi lại được.");
        var from = Status;
        FirstSubmittedAt ??= now;
        LastSubmittedAt = now;
        SubmittedOnTime ??= !Deadlines.IsLate(now, dueOn);
        Status = ReportStatus.Submitted;
        IsSigned = signed;
        UpdatedAt = now;
        return Record(ReportAction.Submitted, from, Status, actor, now, null);
    }

    public const int MaxReviewCommentLength = 2000;

    public ReportHistoryEntry Return(Actor actor, DateTimeOffset now, string comment)
    {
        EnsureNotFrozen();
        if (Status != ReportStatus.Submitted) throw new DomainException("Chỉ trả lại được báo cáo đã gửi và chưa được chấp nhận.");
        if (string.IsNullOrWhiteSpace(comment)) throw new DomainException("Cần ghi rõ lý do trả lại báo cáo.");
        Status = ReportStatus.Returned;
        IsSigned = false;
        LastReviewComment = comment.Trim();
        UpdatedAt = now;
        return Record(ReportAction.Returned, ReportStatus.Submitted, Status, actor, now, LastReviewComment);
    }

    /// <summary>
    /// Accepts a submitted report; where a signature is expected (<paramref name="signatureExpected"/>: the unit has a
    /// leader, or the document requires one for the period) an unsigned report is refused.
    /// </summary>
    public ReportHistoryEntry Accept(Actor actor, DateTimeOffset now, string? comment = null, bool signatureExpected = false)
    {
        EnsureNotFrozen();
        if (Status != ReportStatus.Submitted) throw new DomainException("Chỉ chấp nhận được báo cáo đã gửi.");
        if (signatureExpected && !IsSigned)
            throw new DomainException("Báo cáo chưa có chữ ký số của lãnh đạo đơn vị: hãy trả lại để đơn vị trình ký.");
        Status = ReportStatus.Accepted;
        AcceptedAt = now;
        LastReviewComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        UpdatedAt = now;
        return Record(ReportAction.Accepted, ReportStatus.Submitted, Status, actor, now, LastReviewComment);
    }

    public TaskAreaProgress ProgressFor(TaskArea area)
    {
        var row = TaskAreas.FirstOrDefault(t => t.TaskAreaId == area.Id);
        if (row is null)
        {
            row = new TaskAreaProgress(Id, area.Id);
            TaskAreas.Add(row);
        }
        return row;
    }

    private ReportHistoryEntry Record(ReportAction action, ReportStatus from, ReportStatus to, Actor actor, DateTimeOffset at, string? comment)
    {
        var entry = new ReportHistoryEntry(Id, action, from, to, actor, at, comment);
        History.Add(entry);
        return entry;
    }
}
