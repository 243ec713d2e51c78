using System.Security.Claims;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChildCare.Web.Security;

/// <summary>Adds the user's org unit and full name to the principal (for display; scope is always re-read from the database).</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> userManager, RoleManager<AppRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.OrgUnitId, user.OrgUnitId.ToString()));
        identity.AddClaim(new Claim(AppClaims.FullName, user.FullName));
        return identity;
    }
}
