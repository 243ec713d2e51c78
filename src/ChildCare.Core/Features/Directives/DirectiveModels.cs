using ChildCare.Core.Domain;

namespace ChildCare.Core.Features.Directives;

/// <summary>
/// A document in lists and pickers. <see cref="IssuerUnitId"/> is set for a unit's own document (a province's plan),
/// whose dashboards open on that unit; <see cref="ImplementsCode"/> names the document it carries out.
/// </summary>
public sealed record DirectiveSummary(Guid Id, string Code, DirectiveKind Kind, string IssuingBody, string Title, DateOnly IssuedOn,
    DirectiveStatus Status, IReadOnlyList<TaskAreaSummary> TaskAreas, IReadOnlyList<IndicatorSummary> Indicators,
    Guid? IssuerUnitId = null, string? IssuerUnitName = null, string? ImplementsCode = null, Guid? ImplementsId = null);

public sealed record TaskAreaSummary(Guid Id, int Number, string Title);

public sealed record IndicatorSummary(Guid Id, string Code, string Name, IndicatorUnit Unit, IndicatorAggregation Aggregation,
    IndicatorDirection Direction, IndicatorNature Nature, int? TaskAreaNumber);

public sealed record DirectiveDetails(Guid Id, string Code, DirectiveKind Kind, string IssuingBody, string? Place, DateOnly IssuedOn,
    string Title, string? Preamble, string? SignerTitle, string? Signer, string? ClosingNote, string? ContinuesCode, DirectiveStatus Status,
    ReportingCadence Cadence, IReadOnlyList<OrgUnitKind> ReportingUnitKinds, string? SourceText,
    IReadOnlyList<TaskAreaDetails> TaskAreas, IReadOnlyList<AssignmentDetails> Assignments, IReadOnlyList<IndicatorDetails> Indicators,
    DataWindow DataWindow, uint Version, Guid? IssuerUnitId = null, string? IssuerUnitName = null, string? ImplementsCode = null,
    Guid? ImplementsId = null, string? Addressee = null, DateOnly? RequiresSignatureFrom = null);

public sealed record TaskAreaDetails(Guid Id, int Number, string Title, string Text);

public sealed record AssignmentDetails(Guid Id, int ClauseNumber, string ClauseText, AssignmentRole Role, string Body,
    Guid? OrgUnitId, string? OrgUnitName, OrgUnitKind? OrgUnitKind, int? TaskAreaNumber);

public sealed record IndicatorDetails(Guid Id, string Code, string Name, string? NameEn, IndicatorUnit Unit, IndicatorAggregation Aggregation,
    IndicatorDirection Direction, IndicatorNature Nature, int? TaskAreaNumber, string? Note, IReadOnlyList<TargetDetails> Targets);

public sealed record TargetDetails(Guid Id, int Year, decimal? Value, string? Source, string? Description);
