using ChildCare.Core.Domain;

namespace ChildCare.Core.Security;

/// <summary>
/// What the current user may see and do. The one place that decides scope: a user sees their own
/// org unit and everything that was ever under it (a closed district's office still reads its
/// history); analysts and administrators see everything.
/// </summary>
public sealed record UserScope(Guid UserId, string UserName, string FullName, IReadOnlySet<string> Roles,
    Guid OrgUnitId, string OrgUnitName, IReadOnlyList<Guid> OrgUnitAncestorIds, OrgUnitKind OrgUnitKind)
{
    public bool IsNational => Roles.Contains(Domain.Roles.Analyst) || Roles.Contains(Domain.Roles.Administrator);

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsInAnyRole(params string[] roles) => roles.Any(Roles.Contains);

    public Actor Actor => new(UserId, string.IsNullOrWhiteSpace(FullName) ? UserName : FullName);

    public bool CanSee(OrgUnit unit) => CanSee(unit.Id, unit.AncestorIds);

    public bool CanSee(Guid unitId, IReadOnlyCollection<Guid> ancestorIds) => IsNational || unitId == OrgUnitId || ancestorIds.Contains(OrgUnitId);

    /// <summary>The org units this user may see, filtered in SQL.</summary>
    public IQueryable<OrgUnit> Visible(IQueryable<OrgUnit> units)
    {
        if (IsNational) return units;
        var own = OrgUnitId;
        return units.Where(u => u.Id == own || u.AncestorIds.Contains(own));
    }

    /// <summary>
    /// Which documents the user sees: the centre's (no issuing unit) everyone; a unit's own (a province's plan)
    /// the issuer, the units under it and above it, and the national roles. Another province never does.
    /// </summary>
    public bool CanSeeDocument(Guid? issuerUnitId, IReadOnlyCollection<Guid> issuerAncestorIds) =>
        issuerUnitId is not { } issuer || IsNational || issuer == OrgUnitId || OrgUnitAncestorIds.Contains(issuer) || issuerAncestorIds.Contains(OrgUnitId);

    public void RequireSeeDocument(Directive document)
    {
        if (!CanSeeDocument(document.IssuerUnitId, document.IssuerUnit?.AncestorIds ?? []))
            throw new NotFoundException("Không tìm thấy văn bản.");
    }

    /// <summary>The documents this user sees, filtered in SQL (the same rule as <see cref="CanSeeDocument"/>).</summary>
    public IQueryable<Directive> VisibleDocuments(IQueryable<Directive> documents)
    {
        if (IsNational) return documents;
        var own = OrgUnitId;
        var above = OrgUnitAncestorIds.ToList();
        return documents.Where(d => d.IssuerUnitId == null || d.IssuerUnitId == own || above.Contains(d.IssuerUnitId.Value)
            || d.IssuerUnit!.AncestorIds.Contains(own));
    }

    /// <summary>
    /// Who may register a document of their own committee (a plan): a reviewer of a committee that has committees
    /// under it; the national roles register any document, for any unit.
    /// </summary>
    public bool CanIssueFor(Guid unitId) =>
        IsNational || (IsInRole(Domain.Roles.Reviewer) && unitId == OrgUnitId && OrgUnitKind is OrgUnitKind.ProvincialCommittee or OrgUnitKind.DistrictCommittee);

    /// <summary>Who edits a document: the national roles any; a reviewer the documents their own committee issued.</summary>
    public bool CanEditDocument(Guid? issuerUnitId) => IsNational || (issuerUnitId is { } issuer && CanIssueFor(issuer));

    /// <summary>Reporters (and a province's reviewers, for its consolidated report) write their own unit's reports.</summary>
    public bool CanEditReportOf(Guid orgUnitId) =>
        orgUnitId == OrgUnitId && IsInAnyRole(Domain.Roles.Reporter, Domain.Roles.Reviewer);

    /// <summary>Reviewers review the units below them; the centre's analysts review the provinces' reports.</summary>
    public bool CanReviewReportOf(OrgUnit unit) => CanReviewReportOf(unit.Id, unit.Kind, unit.AncestorIds);

    /// <summary>The same rule from a unit's id, kind and ancestors (a list row that carries them, not the entity).</summary>
    public bool CanReviewReportOf(Guid unitId, OrgUnitKind kind, IReadOnlyCollection<Guid> ancestorIds) =>
        unitId != OrgUnitId
        && ((IsInRole(Domain.Roles.Reviewer) && ancestorIds.Contains(OrgUnitId))
            || (IsInRole(Domain.Roles.Analyst) && kind == OrgUnitKind.ProvincialCommittee));

    /// <summary>
    /// Whose accounts this user manages: an administrator every unit's; a unit administrator the accounts of its own unit
    /// and every unit ever under it (the same subtree as <see cref="CanSee(Guid, IReadOnlyCollection{Guid})"/>).
    /// </summary>
    public bool CanManageAccountsOf(Guid unitId, IReadOnlyCollection<Guid> ancestorIds) =>
        IsInRole(Domain.Roles.Administrator)
        || (IsInRole(Domain.Roles.UnitAdministrator) && (unitId == OrgUnitId || ancestorIds.Contains(OrgUnitId)));

    /// <summary>An administrator works on every unit: every account, every unit's registry, the whole tree.</summary>
    public bool ReachesEveryUnit => IsInRole(Domain.Roles.Administrator);

    /// <summary>A reviewer receives the reports of the committees under their own unit (an analyst the provinces', from the top).</summary>
    public bool ReviewsBelowOwnUnit => IsInRole(Domain.Roles.Reviewer);

    /// <summary>The roles this user may give an account (and the roles of the accounts they may change).</summary>
    public IReadOnlyList<string> AssignableRoles =>
        IsInRole(Domain.Roles.Administrator) ? Domain.Roles.All : IsInRole(Domain.Roles.UnitAdministrator) ? Domain.Roles.UnitAssignable : [];

    /// <summary>Whether the user's roles reach a named policy (<see cref="Policies"/>): the same table the pages and endpoints use.</summary>
    public bool Satisfies(string policy) => IsInAnyRole(Policies.RolesOf[policy]);

    public void RequirePolicy(string policy)
    {
        if (!Satisfies(policy)) throw new ForbiddenException("Bạn không có quyền thực hiện thao tác này.");
    }

    /// <summary>The exports page's policy, for the API too.</summary>
    public bool CanExportSummaries => Satisfies(Policies.ExportSummaries);

    public void RequireSee(OrgUnit unit)
    {
        if (!CanSee(unit)) throw new ForbiddenException("Đơn vị này nằm ngoài phạm vi của bạn.");
    }
}

public sealed class ForbiddenException(string message) : Exception(message);

public sealed class NotAuthenticatedException() : Exception("Bạn cần đăng nhập.");

public sealed class NotFoundException(string message) : Exception(message);

/// <summary>Loading one document by id through the visibility rule: a document the user may not see is "not found".</summary>
public static class DocumentAccess
{
    public static async Task<Directive> VisibleAsync(this IQueryable<Directive> documents, UserScope scope, Guid id, CancellationToken ct) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(scope.VisibleDocuments(documents), d => d.Id == id, ct)
        ?? throw new NotFoundException("Không tìm thấy văn bản.");
}
