using ChildCare.Core.Domain;
using ChildCare.Core.Features.Dashboards;

namespace ChildCare.Core.Features.Exports;

public enum ExportFormat
{
    Docx,
    Xlsx,
    Csv,
    Pdf,
}

/// <summary>What to summarise; <see cref="Signed"/>: a PDF signed with the issuing body's seal key (issue 19, item 6).</summary>
public sealed record SummaryRequest(Guid DirectiveId, Guid FromPeriodId, Guid ToPeriodId, Guid OrgUnitId, bool Signed = false);

/// <summary>Everything a summary report (sơ kết / tổng kết) says, gathered once and written to any format.</summary>
public sealed record SummaryData(
    string DirectiveCode,
    string DirectiveTitle,
    DateOnly DirectiveIssuedOn,
    string ScopeName,
    bool IsNation,
    string IssuerName,
    string IssuerParent,
    string DocumentSymbol,
    string RangeName,
    string FromCode,
    string ToCode,
    IReadOnlyList<string> PeriodCodes,
    DateOnly IssuedOn,
    string Place,
    Compliance LatestCompliance,
    IReadOnlyList<UnitCompliance> ComplianceByUnit,
    IReadOnlyList<RangeIndicator> Indicators,
    IReadOnlyList<TidyValue> Values,
    IReadOnlyList<AreaSummary> TaskAreas,
    IReadOnlyList<MatrixRow> LatestMatrix,
    LeadershipFigures Leadership,
    DirectiveKind DirectiveKind = DirectiveKind.Directive,
    string DirectiveIssuer = "",
    string? Addressee = null,
    string CentralBody = SummaryData.CentralBodyToday,
    Maps.UnitMap? Map = null)
{
    /// <summary>The centre's compiling body as named since the 2025 reorganisation, when the document's data name none.</summary>
    public const string CentralBodyToday = "Ban Tuyên giáo và Dân vận Trung ương";

    /// <summary>Who compiles and sends this summary, as the running text names it (the centre's body on the export date, or the unit).</summary>
    public string CompilerName => IsNation ? CentralBody : ScopeName;

    /// <summary>"Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị": how the text names the document, from its own data.</summary>
    public string DocumentName => $"{Text.Labels.Of(DirectiveKind)} số {DirectiveCode} ngày {DirectiveIssuedOn:dd/MM/yyyy} của {DirectiveIssuer}";
}

/// <summary>A unit's reporting over the range: how many periods it filed on time, late, not at all, and how many were accepted.</summary>
/// <summary>A unit over the range; <see cref="Unsigned"/>: its reports sent up without its leader's signature.</summary>
public sealed record UnitCompliance(string Code, string Name, int Periods, int OnTime, int Late, int Missing, int Accepted, int Returned, int Unsigned = 0);

/// <summary>
/// An indicator over the range: flows add up across periods; stocks and rates take the latest
/// period's value (never a sum of denominators across quarters).
/// </summary>
public sealed record RangeIndicator(string Code, string Name, IndicatorUnit Unit, IndicatorAggregation Aggregation, IndicatorNature Nature,
    IndicatorDirection Direction, int? TaskAreaNumber, decimal? Value, decimal? Numerator, decimal? Denominator, int ReportingUnits,
    int ExpectedUnits, IReadOnlyList<TargetView> Targets, TargetStatus Status, SummaryFigure? Figure = null, bool InAnnex = false);

/// <summary>One unit × period × indicator, as reported (counted reports only).</summary>
public sealed record TidyValue(string UnitCode, string UnitName, string PeriodCode, string IndicatorCode, string IndicatorName, IndicatorUnit Unit,
    decimal? Value, decimal? Numerator, decimal? Denominator, decimal? ComputedValue);

public sealed record AreaSummary(int Number, string Title, IReadOnlyDictionary<TaskProgressStatus, int> StatusCounts, double? AveragePercent,
    IReadOnlyList<Quote> Results, IReadOnlyList<Quote> Difficulties, IReadOnlyList<Quote> Proposals);

public sealed record Quote(string UnitName, string Text);

public sealed record LeadershipFigures(decimal? PlansIssued, decimal? PlansExpected, decimal? Conferences, decimal? Attendance,
    decimal? MembersReached, decimal? Members);
