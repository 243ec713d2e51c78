using System.Security.Claims;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChildCare.Web.Security;

/// <summary>Adds the user's org unit and full name to the principal (for display; scope is always re-read from the database), and whether two-factor enrolment is still owed.</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> userManager, RoleManager<AppRole> roleManager, IOptions<IdentityOptions> options,
    IOptionsMonitor<TwoFactorPolicy> twoFactor)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.OrgUnitId, user.OrgUnitId.ToString()));
        identity.AddClaim(new Claim(AppClaims.FullName, user.FullName));
        // A role that requires two-factor, on an account without it: the session may only enrol (see TwoFactorGate).
        if (!user.TwoFactorEnabled && identity.FindAll(identity.RoleClaimType).Any(r => twoFactor.CurrentValue.RoleList.Contains(r.Value, StringComparer.OrdinalIgnoreCase)))
            identity.AddClaim(new Claim(TwoFactorPolicy.SetupClaim, "required"));
        return identity;
    }
}
