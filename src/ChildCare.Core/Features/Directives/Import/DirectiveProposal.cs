using ChildCare.Core.Domain;

namespace ChildCare.Core.Features.Directives.Import;

/// <summary>
/// What the importer read from a directive's text, for a person to check and correct before saving.
/// <see cref="IssuerUnit"/> is the org unit that issued it when that is a unit of the tree (a provincial
/// committee's plan); null for the central bodies, whose documents every committee reports on.
/// <see cref="Implements"/> is the code of the document it carries out ("thực hiện Chỉ thị số 28-CT/TW").
/// </summary>
public sealed record DirectiveProposal(
    string? Code,
    DirectiveKind Kind,
    string? IssuingBody,
    DateOnly? IssuedOn,
    string? Place,
    string? Title,
    string? Preamble,
    IReadOnlyList<ProposedTaskArea> TaskAreas,
    IReadOnlyList<ProposedAssignment> Assignments,
    string? SignerTitle,
    string? Signer,
    string? ClosingNote,
    string? Continues,
    IReadOnlyList<RegistryStamp> RegistryStamps,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<string> Warnings,
    MatchedUnit? IssuerUnit = null,
    string? Implements = null);

public sealed record ProposedTaskArea(int Number, string Title, string Text);

public sealed record ProposedAssignment(int Clause, string Text, AssignmentRole Role, IReadOnlyList<MatchedUnit> OrgUnits, OrgUnitKind? OrgUnitKind);

public sealed record MatchedUnit(Guid? Id, string Code, string Name);

public enum StampKind
{
    /// <summary>A registry's "ĐẾN — Số … — Ngày …" stamp.</summary>
    Incoming,

    /// <summary>A certified copy's number (sao lục, "131-BS/VPQU").</summary>
    CertifiedCopy,

    /// <summary>An electronic signature's metadata ("Người ký … Thời gian ký …").</summary>
    DigitalSignature,
}

public sealed record RegistryStamp(StampKind Kind, string? Number, DateOnly? Date, string? Unit, MatchedUnit? OrgUnit, string? Signer);

/// <summary>An org unit the importer can match named bodies against.</summary>
public sealed record KnownUnit(Guid Id, string Code, string Name, string? ShortName, OrgUnitKind Kind);
