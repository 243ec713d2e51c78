using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using ChildCare.Core.Live;
using ChildCare.IntegrationTests.Api;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChildCare.IntegrationTests.Features;

/// <summary>
/// Live updates across instances through PostgreSQL LISTEN/NOTIFY: a submission and its review reach a listener
/// on another connection (another instance), and this instance's own subscribers through its listener.
/// </summary>
public sealed class LiveEventsTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task A_submission_and_its_review_reach_every_instance_through_PostgreSQL()
    {
        using var scenario = await ReportScenario.DraftAsync(Portal);

        // "Another instance": a connection of its own, listening on the channel.
        var elsewhere = new ConcurrentQueue<LiveEvent>();
        await using var other = new NpgsqlConnection(Portal.Factory.ConnectionString);
        await other.OpenAsync();
        other.Notification += (_, a) => { if (LiveEvents.Parse(a.Payload) is { } e) elsewhere.Enqueue(e); };
        await using (var listen = new NpgsqlCommand($"LISTEN {LiveEvents.Channel}", other)) await listen.ExecuteNonQueryAsync();

        // This instance's own subscribers (a dashboard, a bell) hear it through its listener.
        var here = new ConcurrentQueue<LiveEvent>();
        var live = Portal.Factory.Services.GetRequiredService<LiveEvents>();
        void OnEvent(LiveEvent e) => here.Enqueue(e);
        live.Received += OnEvent;
        try
        {
            var body = ReportScenario.Body(scenario.Directive, await scenario.VersionAsync());
            (await scenario.Reporter.PutAsJsonAsync($"/api/reports/{scenario.ReportId}", body)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await scenario.Reporter.PostAsync($"/api/reports/{scenario.ReportId}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await scenario.Reviewer.PostAsJsonAsync($"/api/reports/{scenario.ReportId}/accept", new { comment = (string?)null })).StatusCode.ShouldBe(HttpStatusCode.OK);

            var periodId = Guid.Parse(scenario.Period.GetProperty("id").GetString()!);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(10) && (elsewhere.Count(e => e.PeriodId == periodId) < 2 || here.Count(e => e.PeriodId == periodId) < 2))
                await other.WaitAsync(TimeSpan.FromMilliseconds(200));
            elsewhere.Count(e => e.Kind == LiveEventKind.ReportChanged && e.PeriodId == periodId).ShouldBeGreaterThanOrEqualTo(2); // submitted, accepted
            here.Count(e => e.Kind == LiveEventKind.ReportChanged && e.PeriodId == periodId).ShouldBeGreaterThanOrEqualTo(2);
        }
        finally
        {
            live.Received -= OnEvent;
        }
    }

    [Fact]
    public async Task A_sign_out_on_one_instance_is_announced_to_the_others()
    {
        var elsewhere = new ConcurrentQueue<LiveEvent>();
        await using var other = new NpgsqlConnection(Portal.Factory.ConnectionString);
        await other.OpenAsync();
        other.Notification += (_, a) => { if (LiveEvents.Parse(a.Payload) is { } e) elsewhere.Enqueue(e); };
        await using (var listen = new NpgsqlCommand($"LISTEN {LiveEvents.Channel}", other)) await listen.ExecuteNonQueryAsync();

        using var client = Portal.Anonymous();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email = "hanoi@childcare.local", password = "ChildCare@2024" }))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        (await client.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10) && !elsewhere.Any(e => e.Kind == LiveEventKind.SessionsRevoked))
            await other.WaitAsync(TimeSpan.FromMilliseconds(200));
        elsewhere.ShouldContain(e => e.Kind == LiveEventKind.SessionsRevoked); // every instance forgets its cached "live" answers
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
