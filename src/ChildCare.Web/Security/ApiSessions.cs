using System.Security.Claims;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ChildCare.Web.Security;

/// <summary>
/// API sign-ins as rows (see <see cref="ApiSession"/>): refresh tokens rotate and die on use, a reused
/// one revokes its family, sign-out revokes the family, and access tokens of a revoked family stop
/// working. Whether a session is live is cached for <see cref="Recheck"/>; every revocation (here or, through the
/// live-event listener, on another instance) changes the cache's generation, so it is read afresh at once.
/// Every session of an account ends through <see cref="ChildCare.Core.Security.AccountSessions"/>.
/// </summary>
public sealed class ApiSessions(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, IMemoryCache cache, ILogger<ApiSessions> logger,
    ChildCare.Core.Live.LiveEvents live)
{
    public const string Claim = "cc:sid";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    public static Guid? IdOf(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(Claim), out var id) ? id : null;

    public static void Stamp(ClaimsPrincipal principal, Guid sessionId) =>
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Claim, sessionId.ToString()));

    public async Task<Guid> OpenAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = ApiSession.Open(userId, time.GetUtcNow(), Lifetime);
        db.ApiSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>Uses the session's refresh token up and opens the next; null when it was not live (a reuse revokes the family).</summary>
    public async Task<Guid?> RotateAsync(Guid sessionId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One statement decides the race: of two refreshes with the same token, one updates the row.
        var taken = await db.ApiSessions.Where(s => s.Id == sessionId && s.UsedAt == null && s.RevokedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedAt, now), ct);
        var session = await db.ApiSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (taken == 0 || session is null)
        {
            if (session is { UsedAt: not null, RevokedAt: null })
            {
                logger.LogWarning("Refresh token of session {SessionId} (user {UserId}) used twice: revoking its family", sessionId, session.UserId);
                await RevokeFamilyAsync(db, session.FamilyId, now, ct);
                await tx.CommitAsync(ct);
                ChildCare.Core.Security.AccountSessions.Forget();
                await PublishRevokedAsync(ct);
                return null;
            }
            await tx.CommitAsync(ct);
            return null;
        }
        var next = session.Successor(now, Lifetime);
        db.ApiSessions.Add(next);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return next.Id;
    }

    public async Task RevokeAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var family = await db.ApiSessions.Where(s => s.Id == sessionId).Select(s => (Guid?)s.FamilyId).SingleOrDefaultAsync(ct);
        if (family is { } f) await RevokeFamilyAsync(db, f, time.GetUtcNow(), ct);
        ChildCare.Core.Security.AccountSessions.Forget();
        await PublishRevokedAsync(ct);
    }

    private Task PublishRevokedAsync(CancellationToken ct) =>
        live.PublishAsync(new ChildCare.Core.Live.LiveEvent(ChildCare.Core.Live.LiveEventKind.SessionsRevoked), ct);

    /// <summary>Whether an access token of this session may still be used: its family not revoked, within its lifetime.</summary>
    public async Task<bool> IsLiveAsync(Guid sessionId, CancellationToken ct = default) =>
        await cache.GetOrCreateAsync(("api-session", ChildCare.Core.Security.AccountSessions.Generation, sessionId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Recheck;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = time.GetUtcNow();
            return await db.ApiSessions.AnyAsync(s => s.Id == sessionId && s.RevokedAt == null && s.CreatedAt > now - Lifetime, ct);
        });

    private static Task<int> RevokeFamilyAsync(AppDbContext db, Guid familyId, DateTimeOffset now, CancellationToken ct) =>
        db.ApiSessions.Where(s => s.FamilyId == familyId && s.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
}
