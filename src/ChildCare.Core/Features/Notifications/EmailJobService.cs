using System.Globalization;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChildCare.Core.Features.Notifications;

/// <summary>The address the server listens on, for e-mail links when <see cref="EmailOptions.PortalUrl"/> is not set (set by the host at start).</summary>
public sealed class PortalAddress
{
    public string? Listening { get; set; }
}

/// <summary>Configuration <c>Email__*</c>: nothing is written or sent while <c>Email__Smtp__Host</c> is empty.</summary>
public sealed class EmailOptions
{
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The sender, e.g. <c>ChildCare &lt;no-reply@tuyengiao.vn&gt;</c>.</summary>
    public string From { get; set; } = "ChildCare <no-reply@childcare.local>";

    /// <summary>The portal's public address, for links in the messages (e.g. https://childcare.tuyengiao.vn); empty: paths only.</summary>
    public string? PortalUrl { get; set; }

    /// <summary>How often the job looks for reminders due, new submissions and returns, and sends the outbox.</summary>
    public int IntervalMinutes { get; set; } = 2;

    /// <summary>Whether the job also runs as the portal starts (tests turn it off: their mail must be only what they cause).</summary>
    public bool RunAtStart { get; set; } = true;

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 25;

        /// <summary>TLS: implicit on port 465, STARTTLS otherwise. False: plain SMTP (a relay on the same network, smtp4dev).</summary>
        public bool UseTls { get; set; }

        public string? User { get; set; }

        public string? Password { get; set; }
    }
}

public sealed record EmailRunResult(bool Ran, int Queued, int Sent, int Failed, string? Reason = null);

/// <summary>
/// The e-mail job. One run, on one instance at a time (a session advisory try-lock, <see cref="AdvisoryLocks.EmailJob"/>):
/// <list type="number">
/// <item>reminders due today — a week before a deadline, on the day, once overdue (deadlines of the last 90 days) — for
/// every unit that reports in a period and has not submitted: to its reporters, copied to the reviewers of the unit it
/// reports to;</item>
/// <item>events of the last two days from the reports' history: a return (to the unit's reporters), a submission (to the
/// receiving unit's reviewers);</item>
/// <item>the outbox sent through SMTP (MailKit); a failure is retried with back-off.</item>
/// </list>
/// Each message is written once per key (unique index), so no run, instance or restart mails anyone twice; users'
/// muted kinds are left out. Messages are in Vietnamese.
/// </summary>
public sealed class EmailJobService(IDbContextFactory<AppDbContext> dbFactory, IOptions<EmailOptions> options, TimeProvider time,
    Security.ScopeResolver scopes, PortalAddress portal, OutboxSignal outbox, ILogger<EmailJobService> logger)
{
    public const int ReminderDaysBefore = 7;
    public const int OverdueWindowDays = 90;
    public static readonly TimeSpan EventWindow = TimeSpan.FromDays(2);

    private EmailOptions Options => options.Value;

    public bool Enabled => !string.IsNullOrWhiteSpace(Options.Smtp.Host);

    /// <summary>An administrator's "send the reminders now" (<c>POST /api/notifications/reminders</c>).</summary>
    public async Task<EmailRunResult> RunNowAsync(CancellationToken ct = default)
    {
        (await scopes.CurrentAsync(ct)).RequirePolicy(Security.Policies.Administer);
        return await RunAsync(ct);
    }

    /// <summary>One run of the job (the background timer's; no user).</summary>
    public async Task<EmailRunResult> RunAsync(CancellationToken ct = default)
    {
        if (!Enabled) return new EmailRunResult(false, 0, 0, 0, "Chưa cấu hình máy chủ thư (Email__Smtp__Host): không gửi thư nào.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var mine = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({AdvisoryLocks.EmailJob}) AS \"Value\"").SingleAsync(ct);
            if (!mine) return new EmailRunResult(false, 0, 0, 0, "Một phiên gửi thư khác đang chạy; thử lại sau ít phút.");
            try
            {
                var now = time.GetUtcNow();
                var candidates = new List<EmailMessage>();
                await RemindersAsync(db, now, candidates, ct);
                await EventsAsync(db, now, candidates, ct);
                var keys = candidates.Select(c => c.Key).ToList();
                var existing = (await db.EmailMessages.Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(ct)).ToHashSet();
                var queued = candidates.Where(c => !existing.Contains(c.Key)).DistinctBy(c => c.Key).ToList();
                db.EmailMessages.AddRange(queued);
                await db.SaveChangesAsync(ct);
                var (sent, failed) = await SendAsync(db, ct);
                return new EmailRunResult(true, queued.Count, sent, failed);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({AdvisoryLocks.EmailJob})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record Person(Guid OrgUnitId, string Email, string Role, List<EmailKind> Muted);

    private static async Task<List<Person>> PeopleAsync(AppDbContext db, ICollection<Guid> unitIds, CancellationToken ct) =>
        await (from u in db.Users
               where !u.IsDisabled && u.Email != null && unitIds.Contains(u.OrgUnitId)
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where r.Name == Roles.Reporter || r.Name == Roles.Reviewer
               select new Person(u.OrgUnitId, u.Email!, r.Name!, u.MutedEmailKinds)).ToListAsync(ct);

    private static List<string> Addresses(IEnumerable<Person> people, Guid unitId, string role, EmailKind kind) =>
        people.Where(p => p.OrgUnitId == unitId && p.Role == role && !p.Muted.Contains(kind)).Select(p => p.Email)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

    private async Task RemindersAsync(AppDbContext db, DateTimeOffset now, List<EmailMessage> into, CancellationToken ct)
    {
        var today = Deadlines.TodayInVietnam(now);
        var directives = await db.Directives.AsNoTracking().Where(d => d.Status == DirectiveStatus.Active).ToListAsync(ct);
        foreach (var directive in directives)
        {
            var earliest = today.AddDays(-OverdueWindowDays);
            var latest = today.AddDays(ReminderDaysBefore);
            var periods = await db.ReportingPeriods.AsNoTracking()
                .Where(p => p.DirectiveId == directive.Id && p.State != PeriodState.Locked
                    && ((p.DueOnUnit >= earliest && p.DueOnUnit <= latest) || (p.DueOnProvince >= earliest && p.DueOnProvince <= latest)))
                .ToListAsync(ct);
            foreach (var period in periods)
            {
                var day = ReportingRule.DecidingDay(period);
                var kinds = directive.ReportingUnitKinds;
                var (issuer, levels) = (directive.IssuerUnitId, directive.ReportingLevels);
                var pending = await db.OrgUnitVersions.AsNoTracking().ValidOn(day)
                    .Where(v => kinds.Contains(v.Kind) && (issuer != null ? v.ParentId == issuer : v.Depth >= 1 && v.Depth <= levels))
                    .Where(v => !db.ProgressReports.Any(r => r.DirectiveId == directive.Id && r.PeriodId == period.Id && r.OrgUnitId == v.OrgUnitId
                        && r.FirstSubmittedAt != null))
                    .Select(v => new { v.OrgUnitId, v.Name, v.Kind, v.ParentId })
                    .ToListAsync(ct);
                var due = pending.Select(u => (Unit: u, DueOn: period.DueOnFor(u.Kind), Kind: KindOn(period.DueOnFor(u.Kind), today)))
                    .Where(x => x.Kind is not null).ToList();
                if (due.Count == 0) continue;
                var people = await PeopleAsync(db, due.Select(x => x.Unit.OrgUnitId).Concat(due.Select(x => x.Unit.ParentId ?? Guid.Empty)).Distinct().ToList(), ct);
                foreach (var (unit, dueOn, kind) in due)
                {
                    var to = Addresses(people, unit.OrgUnitId, Roles.Reporter, kind!.Value);
                    if (to.Count == 0) continue;
                    var cc = unit.ParentId is { } parent ? Addresses(people, parent, Roles.Reviewer, kind.Value) : [];
                    var (subject, body) = EmailTexts.Reminder(kind.Value, directive, period, unit.Name, dueOn, today, Link("reports"));
                    into.Add(new EmailMessage(kind.Value, $"{kind}:{period.Id}:{unit.OrgUnitId}", to, cc, subject, body, now));
                }
            }
        }
    }

    /// <summary>Which reminder a deadline calls for today, if any.</summary>
    public static EmailKind? KindOn(DateOnly dueOn, DateOnly today) =>
        today == dueOn ? EmailKind.DueToday
        : today > dueOn ? (today.DayNumber - dueOn.DayNumber <= OverdueWindowDays ? EmailKind.Overdue : null)
        : dueOn.DayNumber - today.DayNumber <= ReminderDaysBefore ? EmailKind.DueInAWeek
        : null;

    private async Task EventsAsync(AppDbContext db, DateTimeOffset now, List<EmailMessage> into, CancellationToken ct)
    {
        var since = now - EventWindow;
        var events = await (from h in db.ReportHistory
                            where h.At >= since && (h.Action == ReportAction.Submitted || h.Action == ReportAction.Returned)
                            join r in db.ProgressReports on h.ReportId equals r.Id
                            join p in db.ReportingPeriods on r.PeriodId equals p.Id
                            join d in db.Directives on r.DirectiveId equals d.Id
                            join u in db.OrgUnits on r.OrgUnitId equals u.Id
                            // The unit as it stood on the period's deciding day: its name then, and the unit it reported to.
                            let version = db.OrgUnitVersions.Where(v => v.OrgUnitId == u.Id && (v.ValidFrom == null || v.ValidFrom <= p.EndsOn)
                                    && (v.ValidTo == null || v.ValidTo >= p.EndsOn))
                                .Select(v => new { v.ParentId, v.Name }).FirstOrDefault()
                            select new
                            {
                                h.Id,
                                h.Action,
                                h.Comment,
                                h.ActorName,
                                ReportId = r.Id,
                                UnitId = u.Id,
                                UnitName = version != null ? version.Name : u.Name,
                                Receiver = version != null ? version.ParentId : u.ParentId,
                                Period = p,
                                Directive = d
                            })
            .AsNoTracking().ToListAsync(ct);
        var known = events.Select(e => $"{(e.Action == ReportAction.Returned ? EmailKind.ReportReturned : EmailKind.ReportSubmitted)}:{e.Id}").ToList();
        var existing = (await db.EmailMessages.Where(m => known.Contains(m.Key)).Select(m => m.Key).ToListAsync(ct)).ToHashSet();
        foreach (var e in events)
        {
            var kind = e.Action == ReportAction.Returned ? EmailKind.ReportReturned : EmailKind.ReportSubmitted;
            var key = $"{kind}:{e.Id}";
            if (existing.Contains(key)) continue;
            var target = kind == EmailKind.ReportReturned ? e.UnitId : e.Receiver ?? Guid.Empty;
            var people = await PeopleAsync(db, [target], ct);
            var to = Addresses(people, target, kind == EmailKind.ReportReturned ? Roles.Reporter : Roles.Reviewer, kind);
            if (to.Count == 0) continue;
            var (subject, body) = EmailTexts.Event(kind, e.Directive, e.Period, e.UnitName, e.ActorName, e.Comment,
                Link(kind == EmailKind.ReportReturned ? $"reports/{e.ReportId}" : "review"));
            into.Add(new EmailMessage(kind, key, to, [], subject, body, now));
        }
    }

    /// <summary>
    /// Puts one message in the outbox and sends what is waiting now, not at the job's next run (a password-reset link
    /// must arrive within seconds). Another instance sending at that moment holds the lock: the message then goes with
    /// its run. False when no SMTP server is configured (nothing is written).
    /// </summary>
    public async Task<bool> SendNowAsync(EmailMessage message, CancellationToken ct = default)
    {
        if (!Enabled) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.EmailMessages.Add(message);
        await db.SaveChangesAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({AdvisoryLocks.EmailJob}) AS \"Value\"").SingleAsync(ct)) return true;
            try
            {
                await SendAsync(db, ct);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({AdvisoryLocks.EmailJob})", CancellationToken.None);
            }
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Sends everything the outbox holds now, in passes of up to 500, until a pass sends nothing (what fails waits for its
    /// back-off). Another instance holding the job's lock is waited for (up to a minute), so a kick is never lost to it.
    /// </summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        if (!Enabled) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            for (var attempt = 0; !await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({AdvisoryLocks.EmailJob}) AS \"Value\"").SingleAsync(ct); attempt++)
            {
                if (attempt >= 60)
                {
                    outbox.Kick(); // the holder may have read its work before our mail was written: try again
                    return 0;
                }
                await Task.Delay(TimeSpan.FromSeconds(1), ct); // wall-clock: waiting for a lock, not business time
            }
            try
            {
                var total = 0;
                while (true)
                {
                    var (sent, _) = await SendAsync(db, ct);
                    total += sent;
                    db.ChangeTracker.Clear();
                    if (sent == 0) return total;
                }
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({AdvisoryLocks.EmailJob})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// An address in the portal for a message: under <see cref="EmailOptions.PortalUrl"/>, else under the address the
    /// server listens on (<see cref="PortalAddress"/>; never a request's Host header, which a client chooses), else a path.
    /// </summary>
    public string Link(string path) =>
        (string.IsNullOrWhiteSpace(Options.PortalUrl) ? portal.Listening : Options.PortalUrl) is { Length: > 0 } root
            ? root.TrimEnd('/') + "/" + path
            : "/" + path;

    private async Task<(int Sent, int Failed)> SendAsync(AppDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var pending = await db.EmailMessages.Where(m => m.SentAt == null && m.Attempts < EmailMessage.MaxAttempts && m.NextAttemptAt <= now)
            .OrderBy(m => m.CreatedAt).Take(500).ToListAsync(ct);
        if (pending.Count == 0) return (0, 0);
        var (sent, failed) = (0, 0);
        using var smtp = new SmtpClient { Timeout = 30_000 };
        try
        {
            var smtpOptions = Options.Smtp;
            var security = !smtpOptions.UseTls ? SecureSocketOptions.None
                : smtpOptions.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await smtp.ConnectAsync(smtpOptions.Host!, smtpOptions.Port, security, ct);
            if (!string.IsNullOrEmpty(smtpOptions.User)) await smtp.AuthenticateAsync(smtpOptions.User, smtpOptions.Password ?? "", ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "SMTP server {Host}:{Port} not reachable; {Count} e-mails wait for the next run", Options.Smtp.Host, Options.Smtp.Port, pending.Count);
            foreach (var message in pending) message.Failed(ex.Message, now);
            await db.SaveChangesAsync(CancellationToken.None);
            return (0, pending.Count);
        }
        foreach (var message in pending)
        {
            try
            {
                await smtp.SendAsync(ToMime(message), ct);
                message.Sent(time.GetUtcNow());
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "E-mail {Key} not sent (attempt {Attempt})", message.Key, message.Attempts + 1);
                message.Failed(ex.Message, time.GetUtcNow());
                failed++;
            }
            // Each message's outcome is saved at once: a crash after a send re-sends at most that one.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        await smtp.DisconnectAsync(quit: true, CancellationToken.None);
        logger.LogInformation("E-mail job: {Sent} sent, {Failed} failed", sent, failed);
        return (sent, failed);
    }

    private MimeMessage ToMime(EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(Options.From));
        foreach (var to in message.To) mime.To.Add(MailboxAddress.Parse(to));
        foreach (var cc in message.Cc) mime.Cc.Add(MailboxAddress.Parse(cc));
        mime.Subject = TextInput.Clean(message.Subject, singleLine: true); // stored clean; cleaned again where it becomes a header
        mime.MessageId = $"{message.Id:N}@childcare";
        mime.Date = message.CreatedAt;
        mime.Body = new TextPart("plain") { Text = message.Body };
        return mime;
    }
}

/// <summary>The messages' words (Vietnamese).</summary>
public static class EmailTexts
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static string Document(Directive d) => $"{Text.Labels.Of(d.Kind)} số {d.Code}";

    public static (string Subject, string Body) Reminder(EmailKind kind, Directive directive, ReportingPeriod period, string unitName, DateOnly dueOn,
        DateOnly today, string link)
    {
        var due = dueOn.ToString("dd/MM/yyyy", Vi);
        var subject = kind switch
        {
            EmailKind.DueInAWeek => $"[ChildCare] Còn {dueOn.DayNumber - today.DayNumber} ngày đến hạn báo cáo {period.Name} — {directive.Code}",
            EmailKind.DueToday => $"[ChildCare] Hôm nay là hạn nộp báo cáo {period.Name} — {directive.Code}",
            _ => $"[ChildCare] Quá hạn báo cáo {period.Name} — {directive.Code} ({unitName})",
        };
        var situation = kind switch
        {
            EmailKind.DueInAWeek => $"Hạn nộp báo cáo {period.Name} về thực hiện {Document(directive)} là ngày {due}; {unitName} chưa gửi báo cáo.",
            EmailKind.DueToday => $"Hôm nay ({due}) là hạn nộp báo cáo {period.Name} về thực hiện {Document(directive)}; {unitName} chưa gửi báo cáo.",
            _ => $"Báo cáo {period.Name} về thực hiện {Document(directive)} của {unitName} đã quá hạn {today.DayNumber - dueOn.DayNumber} ngày (hạn {due}).",
        };
        return (subject, $"""
            Kính gửi {unitName},

            {situation}
            Đề nghị đồng chí phụ trách đăng nhập cổng ChildCare để hoàn thành và gửi báo cáo: {link}

            Thư này do cổng ChildCare gửi tự động. Có thể tắt loại thư nhắc này trong mục "Tài khoản" của cổng.
            """);
    }

    public static (string Subject, string Body) Event(EmailKind kind, Directive directive, ReportingPeriod period, string unitName, string actor,
        string? comment, string link) => kind == EmailKind.ReportReturned
        ? ($"[ChildCare] Báo cáo {period.Name} bị trả lại — {directive.Code}", $"""
            Kính gửi {unitName},

            Báo cáo {period.Name} về thực hiện {Document(directive)} đã được {actor} trả lại để chỉnh sửa.
            Ý kiến: {comment ?? "(không có)"}
            Xem và gửi lại báo cáo: {link}

            Thư này do cổng ChildCare gửi tự động. Có thể tắt loại thư này trong mục "Tài khoản" của cổng.
            """)
        : ($"[ChildCare] {unitName} đã gửi báo cáo {period.Name} — {directive.Code}", $"""
            Kính gửi đồng chí phụ trách thẩm định,

            {unitName} đã gửi báo cáo {period.Name} về thực hiện {Document(directive)} ({actor}).
            Thẩm định báo cáo: {link}

            Thư này do cổng ChildCare gửi tự động. Có thể tắt loại thư này trong mục "Tài khoản" của cổng.
            """);
}
