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
                await EmailComposer.RemindersAsync(db, now, candidates, Link, ct);
                await EmailComposer.EventsAsync(db, now, candidates, Link, ct);
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
