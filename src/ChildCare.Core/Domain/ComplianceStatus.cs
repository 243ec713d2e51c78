namespace ChildCare.Core.Domain;

/// <summary>Where a unit stands in a period: its report's status, or <see cref="Missing"/> when it has none.</summary>
public enum ComplianceStatus
{
    Missing,
    Draft,
    Submitted,
    Returned,
    Accepted,
}

/// <summary>The one mapping between a report's status and a unit's compliance status (no parsing of names).</summary>
public static class Compliances
{
    public static ComplianceStatus Of(ReportStatus? status) => status switch
    {
        null => ComplianceStatus.Missing,
        ReportStatus.Draft => ComplianceStatus.Draft,
        // With its leader to sign: not yet sent up, still being prepared as far as the level above is concerned.
        ReportStatus.AwaitingSignature => ComplianceStatus.Draft,
        ReportStatus.Submitted => ComplianceStatus.Submitted,
        ReportStatus.Returned => ComplianceStatus.Returned,
        ReportStatus.Accepted => ComplianceStatus.Accepted,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The report's status behind a compliance status; null for a unit without a report.</summary>
    public static ReportStatus? AsReport(this ComplianceStatus status) => status switch
    {
        ComplianceStatus.Missing => null,
        ComplianceStatus.Draft => ReportStatus.Draft,
        ComplianceStatus.Submitted => ReportStatus.Submitted,
        ComplianceStatus.Returned => ReportStatus.Returned,
        ComplianceStatus.Accepted => ReportStatus.Accepted,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
