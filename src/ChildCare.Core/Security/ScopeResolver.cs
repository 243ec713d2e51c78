using System.Security.Claims;
using ChildCare.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Security;

/// <summary>
/// Resolves the current user's <see cref="UserScope"/> from the database on every call, so a change
/// of unit, role or a disabled account takes effect at once, not when a cookie expires.
/// </summary>
public sealed class ScopeResolver(ICurrentUser currentUser, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<UserScope> CurrentAsync(CancellationToken ct = default)
    {
        var principal = currentUser.Principal;
        if (principal?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            throw new NotAuthenticatedException();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.FullName,
                u.IsDisabled,
                u.OrgUnitId,
                OrgPath = u.OrgUnit.Path,
                OrgName = u.OrgUnit.Name,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (user is null || user.IsDisabled) throw new NotAuthenticatedException();
        return new UserScope(user.Id, user.UserName ?? "", user.FullName, user.Roles.ToHashSet(),
            user.OrgUnitId, user.OrgPath, user.OrgName);
    }

    /// <summary>The scope, or null when nobody is signed in (for pages that render either way).</summary>
    public async Task<UserScope?> TryCurrentAsync(CancellationToken ct = default)
    {
        try
        {
            return await CurrentAsync(ct);
        }
        catch (NotAuthenticatedException)
        {
            return null;
        }
    }
}
