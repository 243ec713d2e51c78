using ChildCare.Core.Domain;
using ChildCare.Core.Security;

namespace ChildCare.Core.Features.Reports;

public sealed record ReportKey(Guid DirectiveId, Guid PeriodId, Guid OrgUnitId);

public sealed record ReportFilter(Guid? DirectiveId = null, Guid? PeriodId = null, Guid? OrgUnitId = null, ReportStatus? Status = null);

public sealed record ReportSummary(Guid Id, Guid DirectiveId, Guid OrgUnitId, string OrgUnitName, string OrgUnitCode, Guid PeriodId,
    string PeriodCode, ReportStatus Status, uint Version, DateTimeOffset? SubmittedAt, DateTimeOffset? FirstSubmittedAt, bool? OnTime,
    DateTimeOffset UpdatedAt, DateOnly DueOn);

public sealed record TaskAreaInput(Guid TaskAreaId, TaskProgressStatus Status, int? PercentComplete, string? Results, string? Difficulties,
    string? Proposals);

public sealed record IndicatorValueInput(Guid IndicatorId, decimal? Value, decimal? Numerator, decimal? Denominator, string? Comment);

public sealed record SaveReportRequest(uint Version, IReadOnlyList<TaskAreaInput>? TaskAreas, IReadOnlyList<IndicatorValueInput>? IndicatorValues);

public sealed record ReviewRequest(string? Comment);

public sealed record TaskAreaEntry(Guid TaskAreaId, int Number, string Title, TaskProgressStatus Status, int? PercentComplete,
    string? Results, string? Difficulties, string? Proposals);

public sealed record IndicatorEntry(Guid IndicatorId, string Code, string Name, IndicatorUnit Unit, IndicatorAggregation Aggregation,
    int? TaskAreaNumber, decimal? Value, decimal? Numerator, decimal? Denominator, string? Comment, decimal? ComputedValue);

public sealed record AttachmentEntry(Guid Id, string FileName, string ContentType, long SizeBytes, string Sha256, string UploadedBy,
    DateTimeOffset UploadedAt);

public sealed record HistoryEntry(ReportAction Action, ReportStatus FromStatus, ReportStatus ToStatus, string By, DateTimeOffset At, string? Comment);


public sealed record ReportDetails(Guid Id, Guid DirectiveId, string DirectiveCode, Guid OrgUnitId, string OrgUnitName, Guid PeriodId,
    string PeriodCode, string PeriodName, PeriodState PeriodState, DateOnly DueOn, ReportStatus Status, uint Version,
    DateTimeOffset UpdatedAt, DateTimeOffset? FirstSubmittedAt, DateTimeOffset? LastSubmittedAt, bool? OnTime, string? LastReviewComment,
    IReadOnlyList<TaskAreaEntry> TaskAreas, IReadOnlyList<IndicatorEntry> IndicatorValues, IReadOnlyList<AttachmentEntry> Attachments,
    IReadOnlyList<HistoryEntry> History, ReportPermissions Permissions, Guid? PreviousReportId);

/// <summary>One unit's previous quarter, shown beside the report for comparison.</summary>
public sealed record PreviousReport(Guid Id, string PeriodCode, ReportStatus Status, IReadOnlyList<TaskAreaEntry> TaskAreas,
    IReadOnlyList<IndicatorEntry> IndicatorValues);

public sealed record DraftBuffer(uint BaseVersion, string Content, DateTimeOffset SavedAt);

public sealed record AuditLine(DateTimeOffset At, string UserName, string EntityType, string Action, string Changes);

public sealed record BulkResult(Guid ReportId, bool Succeeded, string? Error);

public sealed record AttachmentFile(string FileName, string ContentType, byte[] Content);

public sealed record UnitPeriodRow(Guid PeriodId, string PeriodCode, string PeriodName, PeriodState PeriodState, DateOnly DueOn, Guid? ReportId,
    ReportStatus? Status, DateTimeOffset? SubmittedAt, bool? OnTime, bool Overdue, bool CanEdit = false);

/// <summary>A unit's line in a reviewer's inbox; <see cref="Signed"/>: for a report sent up, whether its leader's signature came with it.</summary>
public sealed record InboxRow(Guid OrgUnitId, string OrgUnitCode, string OrgUnitName, Guid? ReportId, ReportStatus? Status,
    DateTimeOffset? SubmittedAt, bool? OnTime, bool Overdue, uint Version, bool CanReview = false, bool? Signed = null);
