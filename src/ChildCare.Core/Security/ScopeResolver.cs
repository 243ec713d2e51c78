using System.Security.Claims;
using ChildCare.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Security;

/// <summary>
/// Resolves the current user's <see cref="UserScope"/> from the database on every call, so a change
/// of unit, role or a disabled account takes effect at once, not when a cookie expires.
/// </summary>
public sealed class ScopeResolver(ICurrentUser currentUser, IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    /// <summary>
    /// How long one request or circuit reuses the scope it read: a dashboard makes several calls in a
    /// row, and one read serves them. A new request always reads afresh.
    /// </summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(10);

    private (Guid UserId, UserScope Scope, DateTimeOffset ReadAt)? _last;

    public async Task<UserScope> CurrentAsync(CancellationToken ct = default)
    {
        var principal = currentUser.Principal;
        if (principal?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            throw new NotAuthenticatedException();
        if (_last is { } last && last.UserId == userId && time.GetUtcNow() - last.ReadAt < Reuse) return last.Scope;
        var scope = await ReadAsync(userId, ct);
        _last = (userId, scope, time.GetUtcNow());
        return scope;
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
