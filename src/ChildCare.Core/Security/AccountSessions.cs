using ChildCare.Core.Data;
using ChildCare.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildCare.Core.Security;

/// <summary>Why every session of an account ends (logged and audited by the caller's change).</summary>
public enum SessionEndReason
{
    PasswordReset,
    PasswordChanged,
    Disabled,
    RoleOrUnitChanged,
    TwoFactorOff,
    SignOutEverywhere,
}

/// <summary>
/// Ends every sign-in of an account at once, on every instance: a credential change (password reset or change,
/// disabling, a new role or unit, two-factor turned off, "sign out everywhere") revokes all its API sessions (refresh
/// tokens and the access tokens issued under them), gives it a new security stamp (its cookies stop working) and
/// publishes <see cref="LiveEventKind.SessionsRevoked"/> with the account, so each instance forgets its cached
/// answers (<see cref="Generation"/>) and ends the account's open circuits. Called after the change is committed.
/// </summary>
public sealed class AccountSessions(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, LiveEvents live, ILogger<AccountSessions> logger)
{
    private static long _generation;

    /// <summary>Part of every cached "is this session or cookie still good" answer: a revocation anywhere changes it.</summary>
    public static long Generation => Interlocked.Read(ref _generation);

    /// <summary>Called on this instance by a revocation, and by the live-event listener for every other instance's.</summary>
    public static void Forget() => Interlocked.Increment(ref _generation);

    public async Task EndAllAsync(Guid userId, SessionEndReason reason, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var revoked = await db.ApiSessions.Where(s => s.UserId == userId && s.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
            // A new stamp ends the account's cookies (checked on each request, see Web's CookieCheck), whatever changed.
            var stamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp), ct);
            logger.LogInformation("Every session of {UserId} ended ({Reason}): {Revoked} API sessions revoked", userId, reason, revoked);
        }
        Forget();
        await live.PublishAsync(new LiveEvent(LiveEventKind.SessionsRevoked, UserId: userId), CancellationToken.None);
    }
}
