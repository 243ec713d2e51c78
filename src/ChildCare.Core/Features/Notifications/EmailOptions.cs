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

    /// <summary>
    /// Whether the job also runs the moment the portal starts. Off by default: the first run is one interval after a
    /// start, so a deploy or a rolling restart does not set every instance's job off at once, and a new portal's people
    /// have a moment to set their language and e-mail choices before the first reminders are written.
    /// </summary>
    public bool RunAtStart { get; set; }

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
