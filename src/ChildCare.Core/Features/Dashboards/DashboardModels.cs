using ChildCare.Core.Domain;

namespace ChildCare.Core.Features.Dashboards;

public sealed record DashboardQuery(Guid DirectiveId, Guid PeriodId, Guid OrgUnitId);

/// <summary>A unit's place in a compliance list: "Missing" when it never submitted (no report, or only a draft).</summary>

/// <summary>A unit's own document carrying out the dashboard's (a province's plan of 28-CT/TW): "đã ban hành kế hoạch".</summary>
public sealed record UnitPlan(Guid Id, string Code, DateOnly IssuedOn, DirectiveKind Kind);

/// <summary>A unit's line; <see cref="Signed"/>: for a report sent up (submitted or accepted), whether its leader's signature came with it.</summary>
public sealed record ComplianceUnit(Guid OrgUnitId, string Code, string Name, OrgUnitKind Kind, ComplianceStatus Status, Guid? ReportId,
    DateTimeOffset? SubmittedAt, bool? OnTime, bool Overdue, DateTimeOffset? LastActionAt, bool HasReportingChildren, UnitPlan? Plan = null,
    bool? Signed = null);

/// <summary>
/// Who reported in a period; <see cref="PlansIssued"/> counts the units that have issued their own plan of the document,
/// <see cref="Unsigned"/> the reports sent up (submitted or accepted) without their leader's signature.
/// </summary>
public sealed record Compliance(Guid OrgUnitId, string OrgUnitName, string PeriodCode, string PeriodName, DateOnly DueOn, int Expected,
    int OnTime, int Late, int Returned, int Missing, int Accepted, int Submitted, double SubmittedRate, double OnTimeRate,
    IReadOnlyList<ComplianceUnit> Units, int PlansIssued = 0, int Unsigned = 0);

public sealed record TargetView(int Year, decimal? Value, string? Source, string? Description);

/// <summary>Against the target the indicator's direction makes relevant.</summary>

public sealed record IndicatorAggregate(Guid IndicatorId, string Code, string Name, IndicatorUnit Unit, IndicatorAggregation Aggregation,
    IndicatorDirection Direction, int? TaskAreaNumber, decimal? Value, decimal? Numerator, decimal? Denominator, int ReportingUnits,
    int ExpectedUnits, IReadOnlyList<TargetView> Targets, TargetStatus Status);

public sealed record MatrixCell(int TaskAreaNumber, TaskProgressStatus Status, int? PercentComplete);

public sealed record MatrixRow(Guid OrgUnitId, string Name, Guid? ReportId, ComplianceStatus ReportStatus, IReadOnlyList<MatrixCell> Cells);

public sealed record TaskAreaMatrix(IReadOnlyList<TaskAreaHeader> TaskAreas, IReadOnlyList<MatrixRow> Units);

public sealed record TaskAreaHeader(Guid Id, int Number, string Title);

public sealed record DigestItem(int TaskAreaNumber, string TaskAreaTitle, Guid ReportId, Guid OrgUnitId, string OrgUnitName, string Kind, string Text);

public sealed record UnitIndicatorValue(Guid OrgUnitId, string Name, decimal? Value, decimal? Numerator, decimal? Denominator);

/// <summary>One period of a trend; <c>NotComparable</c> when the unit's predecessors were split without a declared share.</summary>
public sealed record TrendPoint(Guid PeriodId, string PeriodCode, decimal? Value, int ReportingUnits, bool NotComparable = false);
