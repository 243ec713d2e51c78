using ChildCare.Core.Domain;

namespace ChildCare.Core.Security;

/// <summary>
/// What the current user may see and do. The one place that decides scope: a user sees their own
/// org unit and everything that was ever under it (a closed district's office still reads its
/// history); analysts and administrators see everything.
/// </summary>
public sealed record UserScope(Guid UserId, string UserName, string FullName, IReadOnlySet<string> Roles,
    Guid OrgUnitId, string OrgUnitName)
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

    /// <summary>Reporters (and a province's reviewers, for its consolidated report) write their own unit's reports.</summary>
    public bool CanEditReportOf(Guid orgUnitId) =>
        orgUnitId == OrgUnitId && IsInAnyRole(Domain.Roles.Reporter, Domain.Roles.Reviewer);

    /// <summary>Reviewers review the units below them; the centre's analysts review the provinces' reports.</summary>
    public bool CanReviewReportOf(OrgUnit unit) =>
        unit.Id != OrgUnitId
        && ((IsInRole(Domain.Roles.Reviewer) && unit.AncestorIds.Contains(OrgUnitId))
            || (IsInRole(Domain.Roles.Analyst) && unit.Kind == OrgUnitKind.ProvincialCommittee));

    /// <summary>The exports page's roles (<see cref="Domain.Roles.SummaryExporters"/>), for the API too.</summary>
    public bool CanExportSummaries => IsInAnyRole(Domain.Roles.SummaryExporters.Split(','));

    public void Require(params string[] roles)
    {
        if (!IsInAnyRole(roles)) throw new ForbiddenException("Bạn không có quyền thực hiện thao tác này.");
    }

    public void RequireSee(OrgUnit unit)
    {
        if (!CanSee(unit)) throw new ForbiddenException("Đơn vị này nằm ngoài phạm vi của bạn.");
    }
}

public sealed class ForbiddenException(string message) : Exception(message);

public sealed class NotAuthenticatedException() : Exception("Bạn cần đăng nhập.");

public sealed class NotFoundException(string message) : Exception(message);
