namespace ChildCare.Core.Domain;

/// <summary>
/// One refresh token of an API sign-in. Tokens rotate: a refresh uses the session up and opens its
/// successor in the same family. A used token presented again means it was copied, so the whole family
/// is revoked; signing out revokes the family too. Access tokens carry the session's id and die with it.
/// </summary>
public class ApiSession
{
    private ApiSession() { }

    private ApiSession(Guid userId, Guid familyId, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        FamilyId = familyId;
        CreatedAt = now;
        ExpiresAt = expiresAt;
    }

    public static ApiSession Open(Guid userId, DateTimeOffset now, TimeSpan lifetime)
    {
        var session = new ApiSession(userId, Guid.Empty, now, now + lifetime);
        session.FamilyId = session.Id;
        return session;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public Guid FamilyId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>The next session of the family, opened when this one's refresh token is used up (marked by one conditional UPDATE, so two refreshes cannot both win).</summary>
    public ApiSession Successor(DateTimeOffset now, TimeSpan lifetime) => new(UserId, FamilyId, now, now + lifetime);
}
