using System.Security.Claims;
using ChildCare.Core.Data;
using ChildCare.Core.Features.OrgUnits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ChildCare.Core.Security;

/// <summary>
/// Resolves the current user's <see cref="UserScope"/> (unit, roles, the unit's place in the tree). Every request asks
/// it, so the answer is kept per account for <see cref="Recheck"/> under two generations that change on every
/// instance at once: <see cref="AccountSessions.Generation"/> (a new role or unit, a disabled account, a password
/// reset — each ends the account's sessions) and <see cref="OrgTreeCache.Generation"/> (a unit renamed, moved or merged).
/// So a change of rights takes effect at the next request, not when a cookie expires; only a display name (the user's
/// full name) may lag by up to <see cref="Recheck"/>.
/// </summary>
public sealed class ScopeResolver(ICurrentUser currentUser, IDbContextFactory<AppDbContext> dbFactory, IMemoryCache cache,
    OrgTreeCache tree)
{
    /// <summary>How long an account's scope is kept when nothing that changes it has happened.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    public async Task<UserScope> CurrentAsync(CancellationToken ct = default)
    {
        var principal = currentUser.Principal;
        if (principal?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            throw new NotAuthenticatedException();
        return await cache.GetOrCreateAsync(("user-scope", AccountSessions.Generation, tree.Generation, userId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Recheck;
            return ReadAsync(userId, ct);
        }) ?? throw new NotAuthenticatedException();
    }

    private async Task<UserScope> ReadAsync(Guid userId, CancellationToken ct)
    {
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
                OrgName = u.OrgUnit.Name,
                OrgAncestors = u.OrgUnit.AncestorIds,
                OrgKind = u.OrgUnit.Kind,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (user is null || user.IsDisabled) throw new NotAuthenticatedException();
        return new UserScope(user.Id, user.UserName ?? "", user.FullName, user.Roles.ToHashSet(),
            user.OrgUnitId, user.OrgName, user.OrgAncestors, user.OrgKind);
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
