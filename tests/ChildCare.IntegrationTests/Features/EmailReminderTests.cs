using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Notifications;
using ChildCare.Core.Security;
using ChildCare.IntegrationTests.Api;
using ChildCare.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChildCare.IntegrationTests.Features;

/// <summary>The e-mail job against a real SMTP server (MailKit to smtp4dev under ./test.sh, else <see cref="SmtpSink"/>), on the demo.</summary>
public sealed class EmailReminderTests(PortalFixture portal) : PortalTest(portal)
{
    private EmailJobService Job(IServiceProvider services, int port, string host = "127.0.0.1") => new(
        services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
        Options.Create(new EmailOptions { Smtp = { Host = host, Port = port }, From = "ChildCare <no-reply@childcare.local>", PortalUrl = "https://childcare.example.vn" }),
        TimeProvider.System, services.GetRequiredService<ScopeResolver>(), new PortalAddress(), new OutboxSignal(), NullLogger<EmailJobService>.Instance);

    [Fact]
    public async Task The_overdue_wards_reporters_are_mailed_once_copied_to_the_city_and_a_muted_kind_is_left_out()
    {
        await using var sink = await Mailbox.OpenAsync();
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        var job = Job(scope.ServiceProvider, sink.Port, sink.Host);

        var first = await job.RunAsync();
        first.Ran.ShouldBeTrue();
        first.Failed.ShouldBe(0);
        first.Sent.ShouldBe(first.Queued);
        var overdue = (await sink.MessagesAsync()).Where(m => m.Recipients.Contains("phuongbadinh@childcare.local")).ToList();
        overdue.Count.ShouldBe(1);
        overdue[0].Recipients.ShouldContain("hanoi@childcare.local"); // the city's reviewer, copied
        var text = overdue[0].Text;
        text.ShouldContain("Quá hạn báo cáo");
        text.ShouldContain("https://childcare.example.vn/reports");

        // Run again: nothing new to say, nobody mailed twice.
        var second = await job.RunAsync();
        second.Queued.ShouldBe(0);
        second.Sent.ShouldBe(0);
        (await sink.MessagesAsync()).Count.ShouldBe(first.Sent);

        // A user who turns overdue notices off is left out of the next ones (a new period's, here a fresh outbox).
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "phuongbadinh@childcare.local");
            user.MutedEmailKinds = [EmailKind.Overdue];
            db.EmailMessages.RemoveRange(db.EmailMessages);
            await db.SaveChangesAsync();
        }
        var before = (await sink.MessagesAsync()).Count;
        await job.RunAsync();
        (await sink.MessagesAsync()).Skip(before).ShouldNotContain(m => m.Recipients.Contains("phuongbadinh@childcare.local"));
    }

    [Fact]
    public async Task A_reporter_whose_language_is_English_gets_the_reminder_in_English_and_the_city_keeps_its_Vietnamese_copy()
    {
        await using var sink = await Mailbox.OpenAsync();
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        using var ward = await Portal.SignedInAsync("phuongbadinh@childcare.local");
        (await ward.PutAsJsonAsync("/api/account/preferences", new { culture = "fr-FR" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ward.PutAsJsonAsync("/api/account/preferences", new { culture = "en-US" })).EnsureSuccessStatusCode();
        (await ward.GetFromJsonAsync<JsonElement>("/api/account/preferences")).GetProperty("culture").GetString().ShouldBe("en-US");

        await Job(scope.ServiceProvider, sink.Port, sink.Host).RunAsync();
        var messages = await sink.MessagesAsync();
        var english = messages.Single(m => m.Recipients.Contains("phuongbadinh@childcare.local"));
        english.Text.ShouldContain("The report for");
        english.Text.ShouldContain("days late");
        english.Text.ShouldContain("Please sign in to the ChildCare portal");
        english.Text.ShouldNotContain("Quá hạn");
        english.Recipients.ShouldContain("hanoi@childcare.local", "the city's reviewer has no English reporter beside them: copied on the one message");
        messages.ShouldContain(m => m.Recipients.Contains("phuonghaibatrung@childcare.local") && m.Text.Contains("Quá hạn báo cáo") || !m.Recipients.Contains("phuonghaibatrung@childcare.local"));

        // The header's switch stores the language on the account as well as in the cookie.
        using var reviewer = await Portal.SignedInAsync("hanoi@childcare.local");
        (await reviewer.GetAsync("/api/me?culture=en-US")).EnsureSuccessStatusCode();
        (await reviewer.GetFromJsonAsync<JsonElement>("/api/account/preferences")).GetProperty("culture").GetString().ShouldBe("en-US");
    }

    [Fact]
    public async Task A_submission_mails_the_city_reviewers_and_a_return_mails_the_wards_reporters()
    {
        await using var sink = await Mailbox.OpenAsync();
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        var job = Job(scope.ServiceProvider, sink.Port, sink.Host);
        await job.RunAsync(); // the reminders of the demo out of the way
        using var s = await ReportScenario.DraftAsync(Portal);
        (await s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}", ReportScenario.Body(s.Directive, await s.VersionAsync()))).EnsureSuccessStatusCode();
        (await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/submit", null)).EnsureSuccessStatusCode();

        var before = (await sink.MessagesAsync()).Count;
        (await job.RunAsync()).Sent.ShouldBe(1);
        var submitted = (await sink.MessagesAsync())[before];
        submitted.Recipients.ShouldBe(["hanoi@childcare.local"]);
        submitted.Text.ShouldContain("đã gửi báo cáo");

        (await s.Reviewer.PostAsJsonAsync($"/api/reports/{s.ReportId}/return", new { comment = "Bổ sung số liệu tập huấn." })).EnsureSuccessStatusCode();
        (await job.RunAsync()).Sent.ShouldBe(1);
        var returned = (await sink.MessagesAsync())[^1];
        returned.Recipients.ShouldBe(["phuonghaibatrung@childcare.local"]);
        var text = returned.Text;
        text.ShouldContain("bị trả lại");
        text.ShouldContain("Bổ sung số liệu tập huấn.");
    }

    [Fact]
    public async Task An_unreachable_SMTP_server_leaves_the_messages_queued_for_a_retry_with_the_error()
    {
        int closedPort;
        await using (var gone = new SmtpSink()) closedPort = gone.Port;
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        var result = await Job(scope.ServiceProvider, closedPort).RunAsync();
        result.Sent.ShouldBe(0);
        result.Failed.ShouldBeGreaterThan(0);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var queued = await db.EmailMessages.ToListAsync();
        queued.ShouldAllBe(m => m.SentAt == null && m.Attempts == 1 && m.LastError != null && m.NextAttemptAt > m.CreatedAt);

        // The server comes back; once the back-off has passed the messages go (moved forward here instead of waiting a minute).
        await db.EmailMessages.ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        await using var sink = await Mailbox.OpenAsync();
        var retried = await Job(scope.ServiceProvider, sink.Port, sink.Host).RunAsync();
        retried.Sent.ShouldBe(queued.Count);
        (await sink.MessagesAsync()).Count.ShouldBe(queued.Count);
    }

    [Fact]
    public async Task Without_an_SMTP_server_the_administrators_run_answers_409_in_Vietnamese_and_others_may_not_run_it()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var response = await admin.PostAsync("/api/notifications/reminders", null);
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("Email__Smtp__Host");
        using var reviewer = await Portal.SignedInAsync("hanoi@childcare.local");
        (await reviewer.PostAsync("/api/notifications/reminders", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var reporter = await Portal.SignedInAsync("phuongbadinh@childcare.local");
        var saved = await reporter.PutAsJsonAsync("/api/account/email-preferences", new { muted = new[] { "DueInAWeek" } });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var kinds = await saved.Content.ReadFromJsonAsync<List<JsonElement>>();
        kinds!.Single(k => k.GetProperty("kind").GetString() == "DueInAWeek").GetProperty("enabled").GetBoolean().ShouldBeFalse();
        kinds!.Single(k => k.GetProperty("kind").GetString() == "Overdue").GetProperty("enabled").GetBoolean().ShouldBeTrue();
    }

    /// <summary>The message as text: headers with their encoded words and a quoted-printable or base64 body decoded.</summary>
}
