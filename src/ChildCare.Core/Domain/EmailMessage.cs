namespace ChildCare.Core.Domain;

/// <summary>What an e-mail is about; each user can turn any kind off (<see cref="AppUser.MutedEmailKinds"/>).</summary>
public enum EmailKind
{
    /// <summary>A week before the deadline, to a unit that has not submitted (its reporters; its reviewers copied).</summary>
    DueInAWeek,

    /// <summary>On the deadline day, same recipients.</summary>
    DueToday,

    /// <summary>Once the deadline has passed without a submission, same recipients.</summary>
    Overdue,

    /// <summary>A report sent back for changes: to the unit's reporters.</summary>
    ReportReturned,

    /// <summary>A report submitted: to the reviewers of the unit that receives it.</summary>
    ReportSubmitted,

    /// <summary>The account's owner asked to reset the password ("Quên mật khẩu"): the one-time link, to them only; never muted.</summary>
    PasswordReset,

    /// <summary>A new account's one-time link to set a password (an invitation); to the person only; never muted.</summary>
    Invitation,
}

/// <summary>
/// One e-mail in the outbox: written once per <see cref="Key"/> (a unique index: nobody is mailed twice for the same
/// thing, whichever instance or run wrote it), sent by the reminder job, retried with back-off when SMTP fails.
/// </summary>
public class EmailMessage
{
    public const int MaxAttempts = 8;

    private EmailMessage() { }

    public EmailMessage(EmailKind kind, string key, IReadOnlyCollection<string> to, IReadOnlyCollection<string> cc, string subject, string body,
        DateTimeOffset now)
    {
        if (to.Count == 0) throw new DomainException("Thư phải có ít nhất một người nhận.");
        Id = Guid.CreateVersion7();
        Kind = kind;
        Key = key;
        To = [.. to];
        Cc = [.. cc.Except(to, StringComparer.OrdinalIgnoreCase)];
        // Headers from cleaned values only: a unit's name in the subject can never add a header line.
        Subject = Text.TextInput.Clean(subject, singleLine: true);
        Body = Text.TextInput.Clean(body, singleLine: false);
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public Guid Id { get; private set; }

    public EmailKind Kind { get; private set; }

    /// <summary>What the message is about, e.g. <c>Overdue:{period}:{unit}</c> or <c>ReportReturned:{history row}</c>.</summary>
    public string Key { get; private set; } = "";

    public List<string> To { get; private set; } = [];

    public List<string> Cc { get; private set; } = [];

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    public bool GaveUp => SentAt is null && Attempts >= MaxAttempts;

    /// <summary>Mail about the account itself: it carries a one-time link, so its text is not kept once sent.</summary>
    public bool CarriesSecret => Kind is EmailKind.PasswordReset or EmailKind.Invitation;

    public void Sent(DateTimeOffset now)
    {
        SentAt = now;
        if (CarriesSecret) Body = "(Nội dung có liên kết dùng một lần: không lưu sau khi gửi.)";
        Attempts++;
        LastError = null;
    }

    /// <summary>An SMTP failure: try again after 1, 2, 4 … minutes (at most 2 hours), up to <see cref="MaxAttempts"/> times.</summary>
    public void Failed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAt = now + TimeSpan.FromMinutes(Math.Min(120, Math.Pow(2, Attempts - 1)));
    }
}
