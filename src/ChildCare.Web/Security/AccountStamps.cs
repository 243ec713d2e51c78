using System.Security.Claims;
using ChildCare.Core.Data;
using ChildCare.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ChildCare.Web.Security;

/// <summary>
/// Whether a sign-in cookie's account still stands as it was when the cookie was issued: not disabled, and the same
/// security stamp (a password reset or change, a new role or unit, two-factor turned off or "sign out everywhere"
/// gives the account a new one). Checked on every request; the answer is cached per account for <see cref="Recheck"/>
/// and under <see cref="AccountSessions.Generation"/>, which every revocation on any instance changes — so a cookie
/// dies at once, not after Identity's validation interval. A mismatch is read again before the cookie is refused
/// (the cookie may be newer than the cached stamp, e.g. just re-issued after enrolling in two-factor).
/// </summary>
public sealed class AccountStamps(IDbContextFactory<AppDbContext> dbFactory, IMemoryCache cache, IOptions<IdentityOptions> identity)
{
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType), out var userId)) return false;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (string.IsNullOrEmpty(stamp)) return false;
        var key = ("account-stamp", AccountSessions.Generation, userId);
        if (cache.TryGetValue(key, out string? cached) && cached == stamp) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId && !u.IsDisabled).Select(u => u.SecurityStamp).SingleOrDefaultAsync(ct);
        cache.Set(key, current, Recheck);
        return current == stamp;
    }

    /// <summary>The application cookie's OnValidatePrincipal: this check first, then Identity's own (which refreshes claims).</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is { } principal
            && !await context.HttpContext.RequestServices.GetRequiredService<AccountStamps>().IsCurrentAsync(principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
