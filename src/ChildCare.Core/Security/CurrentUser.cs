using System.Security.Claims;

namespace ChildCare.Core.Security;

/// <summary>The signed-in principal of the current request or circuit; empty for background work.</summary>
public interface ICurrentUser
{
    ClaimsPrincipal? Principal { get; }
}

public static class AppClaims
{
    public const string OrgUnitId = "childcare:org_unit";
    public const string FullName = "childcare:full_name";
}

public static class CurrentUserExtensions
{
    public static (Guid? UserId, string UserName) Describe(this ICurrentUser user)
    {
        var principal = user.Principal;
        if (principal?.Identity?.IsAuthenticated != true) return (null, "Hệ thống");
        var id = Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : (Guid?)null;
        return (id, principal.Identity.Name ?? "");
    }
}
