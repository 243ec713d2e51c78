namespace ChildCare.Core.Domain;

/// <summary>A unit expected to report, as it stood on the period's last day.</summary>
public sealed record ExpectedUnit(Guid Id, string Code, string Name, OrgUnitKind Kind, int Depth);

/// <summary>
/// Who reports to whom, derived from the org tree on a period's dates — the one place that says it.
/// A unit reports in a period when, on the period's last day, it is a committee of a reporting kind
/// no deeper than the directive's reporting levels; it reports to its parent of that day. A period
/// that straddles a reorganisation (a year 2025) therefore expects the units standing at its end: the
/// commune committees that exist when the report falls due report for the whole period, drawing on
/// their predecessors' figures (see docs/decisions/0007-org-tree-through-time.md).
/// </summary>
public static class ReportingRule
{
    /// <summary>
    /// The one "counted in aggregates" rule: a report's figures count on dashboards and in summaries once it
    /// has been sent and not sent back (submitted or accepted); a draft or a returned report does not.
    /// In SQL: <c>r."Status" IN ('Submitted', 'Accepted')</c>.
    /// </summary>
    public static readonly ReportStatus[] Counted = [ReportStatus.Submitted, ReportStatus.Accepted];

    public static bool IsCounted(ReportStatus status) => Counted.Contains(status);

    public const int DefaultLevels = 2;

    public static readonly OrgUnitKind[] CommitteeKinds =
        [OrgUnitKind.ProvincialCommittee, OrgUnitKind.DistrictCommittee, OrgUnitKind.GrassrootsCommittee];

    /// <summary>The day whose tree decides who reports for a period.</summary>
    public static DateOnly DecidingDay(ReportingPeriod period) => period.EndsOn;

    /// <summary>
    /// Whether the unit (as it stood on the deciding day) reports on the document: a committee of a reporting kind
    /// no deeper than its reporting levels for the centre's documents; for a unit's own document (a province's plan),
    /// the committees directly under the issuer.
    /// </summary>
    public static bool Reports(Directive directive, OrgUnitVersion? version) =>
        version is not null && directive.ReportingUnitKinds.Contains(version.Kind)
        && (directive.IssuerUnitId is { } issuer
            ? version.ParentId == issuer
            : version.Depth >= 1 && version.Depth <= directive.ReportingLevels);

    /// <summary>Whether a unit has reporters under it: the centre and the provinces for 28-CT/TW, the issuer for a plan.</summary>
    public static bool ReceivesReports(Directive directive, Guid unitId, int depth) =>
        directive.IssuerUnitId is { } issuer ? unitId == issuer : depth < directive.ReportingLevels;

    /// <summary>The versions in force on <paramref name="day"/> (SQL).</summary>
    public static IQueryable<OrgUnitVersion> ValidOn(this IQueryable<OrgUnitVersion> versions, DateOnly day) =>
        versions.Where(v => (v.ValidFrom == null || v.ValidFrom <= day) && (v.ValidTo == null || v.ValidTo >= day));

    /// <summary>The units that report to <paramref name="parentId"/> on <paramref name="day"/> (SQL form of <see cref="Reports"/>).</summary>
    public static IQueryable<OrgUnitVersion> ReportersUnder(this IQueryable<OrgUnitVersion> versions, Directive directive, Guid parentId, DateOnly day)
    {
        var kinds = directive.ReportingUnitKinds;
        if (directive.IssuerUnitId is { } issuer)
            return issuer == parentId ? versions.ValidOn(day).Where(v => v.ParentId == parentId && kinds.Contains(v.Kind)) : versions.Where(v => false);
        var levels = directive.ReportingLevels;
        return versions.ValidOn(day).Where(v => v.ParentId == parentId && kinds.Contains(v.Kind) && v.Depth <= levels);
    }

    /// <summary>Every unit that reports on the document on <paramref name="day"/>, wherever it sits (SQL form of <see cref="Reports"/>).</summary>
    public static IQueryable<OrgUnitVersion> Reporters(this IQueryable<OrgUnitVersion> versions, Directive directive, DateOnly day)
    {
        var kinds = directive.ReportingUnitKinds;
        if (directive.IssuerUnitId is { } issuer) return versions.ValidOn(day).Where(v => v.ParentId == issuer && kinds.Contains(v.Kind));
        var levels = directive.ReportingLevels;
        return versions.ValidOn(day).Where(v => kinds.Contains(v.Kind) && v.Depth >= 1 && v.Depth <= levels);
    }

    /// <summary>The units reporting to <paramref name="unitId"/> in a period, by code: what dashboards, inboxes and consolidation count.</summary>
    public static IQueryable<ExpectedUnit> ExpectedUnder(this IQueryable<OrgUnitVersion> versions, Directive directive, Guid unitId, ReportingPeriod period) =>
        versions.ReportersUnder(directive, unitId, DecidingDay(period))
            .OrderBy(v => v.Code).Select(v => new ExpectedUnit(v.OrgUnitId, v.Code, v.Name, v.Kind, v.Depth));
}
