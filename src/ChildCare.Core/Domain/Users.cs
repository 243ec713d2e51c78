using Microsoft.AspNetCore.Identity;

namespace ChildCare.Core.Domain;

public static class Roles
{
    public const string Reporter = "Reporter";
    public const string Reviewer = "Reviewer";
    public const string Analyst = "Analyst";
    public const string Administrator = "Administrator";

    /// <summary>A unit's (usually a province's) office staff who manage the accounts of the units in its subtree.</summary>
    public const string UnitAdministrator = "UnitAdministrator";

    /// <summary>The unit's leader (Bí thư, Phó Bí thư): signs the unit's reports before they go up (issue 19).</summary>
    public const string UnitLeader = "UnitLeader";

    public static readonly IReadOnlyList<string> All = [Reporter, Reviewer, Analyst, Administrator, UnitAdministrator, UnitLeader];

    /// <summary>The roles a unit administrator may give: the people who file, sign and review, never the centre's or its own.</summary>
    public static readonly IReadOnlyList<string> UnitAssignable = [Reporter, Reviewer, UnitLeader];

}

public class AppUser : IdentityUser<Guid>
{
    public string FullName { get; set; } = "";
    public Guid OrgUnitId { get; set; }
    public OrgUnit OrgUnit { get; set; } = null!;
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The time step of the last authenticator code accepted: a code is good once (RFC 6238 §5.2).</summary>
    public long? LastTwoFactorStep { get; set; }

    /// <summary>
    /// The document the user last chose in a picker (dashboard, inbox, exports, periods): pages open on it next
    /// time. A preference only: a page's address (<c>?directiveId=</c>) always wins, and a document the user can
    /// no longer see is ignored.
    /// </summary>
    public Guid? PreferredDirectiveId { get; set; }

    /// <summary>When the last invitation (its one-time link to set a password) was sent; null for an account made with a password.</summary>
    public DateTimeOffset? InvitedAt { get; private set; }

    /// <summary>Until when the last invitation's link works (<see cref="InvitationLifespan"/> after it was sent).</summary>
    public DateTimeOffset? InvitationExpiresAt { get; private set; }

    /// <summary>When the owner set their first password (through the invitation); the creation time for an account made with one.</summary>
    public DateTimeOffset? ActivatedAt { get; private set; }

    /// <summary>The last successful sign-in (form or API), for the onboarding view.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    public static readonly TimeSpan InvitationLifespan = TimeSpan.FromHours(72);

    /// <summary>Invited, the link not yet used: the account cannot sign in (it has no password).</summary>
    public bool AwaitsActivation => ActivatedAt is null && PasswordHash is null;

    public InvitationState InvitationStateAt(DateTimeOffset now) =>
        !AwaitsActivation ? InvitationState.Activated
        : InvitationExpiresAt is { } expires && expires > now ? InvitationState.Pending
        : InvitationState.Expired;

    /// <summary>An invitation goes out (again): the caller has made the previous link useless (a new security stamp).</summary>
    public void Invited(DateTimeOffset now)
    {
        if (!AwaitsActivation) throw new DomainException("Tài khoản đã được kích hoạt: người dùng đặt lại mật khẩu bằng “Quên mật khẩu”.");
        InvitedAt = now;
        InvitationExpiresAt = now + InvitationLifespan;
    }

    public void Activated(DateTimeOffset now)
    {
        ActivatedAt = now;
        InvitationExpiresAt = null;
    }

    /// <summary>The user's language ("vi-VN", the default, or "en-US"): the portal's switch stores it and e-mails follow it.</summary>
    public string Culture { get; private set; } = Cultures.Vietnamese;

    public void UseCulture(string culture) =>
        Culture = Cultures.Supported.Contains(culture) ? culture : throw new DomainException($"Ngôn ngữ {culture} chưa được hỗ trợ: vi-VN hoặc en-US.");

    /// <summary>The kinds of e-mail the user turned off (all are on for a new account).</summary>
    public List<EmailKind> MutedEmailKinds { get; set; } = [];

    /// <summary>A new account: the e-mail is the user name, lockout is on.</summary>
    public static AppUser Create(string email, string fullName, Guid orgUnitId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserName = email.Trim(),
        Email = email.Trim(),
        EmailConfirmed = true,
        FullName = fullName.Trim(),
        OrgUnitId = orgUnitId,
        LockoutEnabled = true,
        CreatedAt = now,
    };
}

/// <summary>Where an account stands with its invitation.</summary>
public enum InvitationState
{
    /// <summary>The owner has a password (set through the invitation, or given when the account was made).</summary>
    Activated,

    /// <summary>Invited; the link still works.</summary>
    Pending,

    /// <summary>Invited; the link has expired (or none was ever sent): a unit administrator sends a new one.</summary>
    Expired,
}

public class AppRole : IdentityRole<Guid>
{
    public AppRole() { }

    public AppRole(string name) : base(name) => Id = Guid.CreateVersion7();
}

/// <summary>The languages the portal speaks: Vietnamese first, English on request.</summary>
public static class Cultures
{
    public const string Vietnamese = "vi-VN", English = "en-US";

    public static readonly IReadOnlyList<string> Supported = [Vietnamese, English];

    public static bool IsEnglish(string? culture) => culture == English;
}
