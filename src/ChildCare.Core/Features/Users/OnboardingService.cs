using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Users;

/// <summary>Where a unit that must report stands with its people, best first.</summary>
public enum OnboardingStatus
{
    /// <summary>At least one enabled reporter has signed in.</summary>
    Active,

    /// <summary>A reporter has set a password but never signed in.</summary>
    NotSignedIn,

    /// <summary>A reporter is invited; the link still works.</summary>
    Invited,

    /// <summary>The only reporters' invitations have expired: send them again.</summary>
    InvitationExpired,

    /// <summary>No enabled reporter account.</summary>
    NoAccount,
}

public sealed record OnboardingCounts(int ExpectedUnits, int WithActiveReporter, int InvitedPending, int InvitationExpired, int WithoutAccount);

public sealed record OnboardingUnit(Guid OrgUnitId, string Code, string Name, OnboardingStatus Status, int Reporters, int ActiveReporters,
    int InvitedPending, int InvitationExpired, DateTimeOffset? LastSignInAt, OnboardingCounts? Below);

/// <summary>
/// Onboarding at a glance for one unit: the committees that must report to it today, how many have a reporter who has
/// signed in, whose invitation is pending or expired, which have no account — and, for each of them that has committees
/// of its own (a province, seen from the centre), the same counts one level down.
/// </summary>
public sealed record OnboardingView(Guid OrgUnitId, string Code, string Name, int ExpectedUnits, int WithActiveReporter, int InvitedPending,
    int InvitationExpired, int WithoutAccount, IReadOnlyList<OnboardingUnit> Units);

/// <summary>The onboarding view for unit administrators, reviewers and the centre (their own subtree; the centre any unit).</summary>
public sealed class OnboardingService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time)
{
    private sealed record Child(Guid Id, string Code, string Name, Guid? ParentId);

    private sealed record Accounts(Guid OrgUnitId, int Reporters, int Active, int NotSignedIn, int Pending, int Expired, DateTimeOffset? LastSignInAt);

    public async Task<OnboardingView> GetAsync(Guid? orgUnitId, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.ViewOnboarding);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var today = Deadlines.TodayInVietnam(now);
        var current = db.OrgUnitVersions.AsNoTracking().ValidOn(today);
        var id = orgUnitId
            ?? (scope.IsNational ? await current.Where(v => v.ParentId == null).Select(v => v.OrgUnitId).FirstAsync(ct) : scope.OrgUnitId);
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Id, u.Code, u.Name, u.AncestorIds }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Không tìm thấy đơn vị.");
        if (!scope.CanSee(unit.Id, unit.AncestorIds)) throw new NotFoundException("Không tìm thấy đơn vị.");

        var kinds = ReportingRule.CommitteeKinds;
        var children = await current.Where(v => v.ParentId == id && kinds.Contains(v.Kind)).OrderBy(v => v.Code)
            .Select(v => new Child(v.OrgUnitId, v.Code, v.Name, v.ParentId)).ToListAsync(ct);
        var childIds = children.Select(c => c.Id).ToList();
        var grandchildren = await current.Where(v => v.ParentId != null && childIds.Contains(v.ParentId.Value) && kinds.Contains(v.Kind))
            .Select(v => new Child(v.OrgUnitId, v.Code, v.Name, v.ParentId)).ToListAsync(ct);
        var all = childIds.Concat(grandchildren.Select(g => g.Id)).ToList();

        // One grouped statement: each unit's enabled reporters by where they stand.
        var accounts = await (
                from u in db.Users.AsNoTracking()
                where !u.IsDisabled && all.Contains(u.OrgUnitId)
                      && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Reporter))
                group u by u.OrgUnitId into g
                select new Accounts(g.Key, g.Count(),
                    g.Count(u => u.LastSignInAt != null),
                    g.Count(u => u.LastSignInAt == null && (u.PasswordHash != null || u.ActivatedAt != null)),
                    g.Count(u => u.PasswordHash == null && u.ActivatedAt == null && u.InvitationExpiresAt > now),
                    g.Count(u => u.PasswordHash == null && u.ActivatedAt == null && (u.InvitationExpiresAt == null || u.InvitationExpiresAt <= now)),
                    g.Max(u => u.LastSignInAt)))
            .ToDictionaryAsync(a => a.OrgUnitId, ct);

        OnboardingStatus StatusOf(Guid unitId) => accounts.GetValueOrDefault(unitId) switch
        {
            null => OnboardingStatus.NoAccount,
            { Active: > 0 } => OnboardingStatus.Active,
            { NotSignedIn: > 0 } => OnboardingStatus.NotSignedIn,
            { Pending: > 0 } => OnboardingStatus.Invited,
            { Expired: > 0 } => OnboardingStatus.InvitationExpired,
            _ => OnboardingStatus.NoAccount,
        };
        OnboardingCounts Count(IReadOnlyCollection<Guid> ids)
        {
            var statuses = ids.Select(StatusOf).ToList();
            return new OnboardingCounts(ids.Count, statuses.Count(s => s == OnboardingStatus.Active), statuses.Count(s => s == OnboardingStatus.Invited),
                statuses.Count(s => s == OnboardingStatus.InvitationExpired), statuses.Count(s => s == OnboardingStatus.NoAccount));
        }

        var below = grandchildren.GroupBy(g => g.ParentId!.Value).ToDictionary(g => g.Key, g => Count(g.Select(x => x.Id).ToList()));
        var rows = children.Select(c =>
        {
            var a = accounts.GetValueOrDefault(c.Id);
            return new OnboardingUnit(c.Id, c.Code, c.Name, StatusOf(c.Id), a?.Reporters ?? 0, a?.Active ?? 0, a?.Pending ?? 0, a?.Expired ?? 0,
                a?.LastSignInAt, below.GetValueOrDefault(c.Id));
        }).ToList();
        var totals = Count(childIds);
        return new OnboardingView(unit.Id, unit.Code, unit.Name, totals.ExpectedUnits, totals.WithActiveReporter, totals.InvitedPending,
            totals.InvitationExpired, totals.WithoutAccount, rows);
    }
}
