using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.IntegrationTests.Api;
using ChildCare.Tests.Shared;
using ChildCare.Web.Hosting;
using Npgsql;
using Xunit.Abstractions;

namespace ChildCare.IntegrationTests.Drills;

/// <summary>
/// Fault drills on a portal running as its own process: killed with SIGKILL in the middle of work, its
/// PostgreSQL restarted under load. Each prints its figure (copied to the README).
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class FaultDrillTests(ITestOutputHelper output)
{
    private static async Task<string> TokenAsync(HttpClient client, string email, string password = "ChildCare@2024")
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static HttpClient As(PortalProcess portal, string token)
    {
        var client = portal.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Killed_during_fifty_concurrent_submits_every_report_is_a_draft_or_submitted_once()
    {
        const int Reports = 50;
        var connection = await TestPostgres.CreateDatabaseAsync("childcare_kill");
        try
        {
            var reportIds = new List<Guid>();
            var reporters = new List<string>();
            await using (var portal = await PortalProcess.StartAsync(connection))
            {
                using var anonymous = portal.Client();
                using var admin = As(portal, await TokenAsync(anonymous, "admin@childcare.local"));
                var wards = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/org-units?kind=GrassrootsCommittee&take=200"))!.Take(Reports).ToList();
                wards.Count.ShouldBe(Reports);
                var directive = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single();
                var did = directive.GetProperty("id").GetString();
                var period = ReportScenario.CurrentQuarter((await admin.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={did}"))!);
                for (var i = 0; i < Reports; i++)
                {
                    var email = $"drill{i}@childcare.local";
                    (await admin.PostAsJsonAsync("/api/users", new
                    {
                        email,
                        fullName = $"Cán bộ {i}",
                        role = "Reporter",
                        orgUnitId = wards[i].GetProperty("id").GetString(),
                        password = "Drill-2026-Pass!"
                    })).EnsureSuccessStatusCode();
                    using var reporter = As(portal, await TokenAsync(anonymous, email, "Drill-2026-Pass!"));
                    reporters.Add(reporter.DefaultRequestHeaders.Authorization!.Parameter!);
                    var report = await (await reporter.PostAsJsonAsync("/api/reports", new
                    {
                        directiveId = did,
                        periodId = period.GetProperty("id").GetString(),
                        orgUnitId = wards[i].GetProperty("id").GetString()
                    })).Content.ReadFromJsonAsync<JsonElement>();
                    var id = report.GetProperty("id").GetGuid();
                    (await reporter.PutAsJsonAsync($"/api/reports/{id}", ReportScenario.Body(directive, report.GetProperty("version").GetUInt32())))
                        .EnsureSuccessStatusCode();
                    reportIds.Add(id);
                }

                // Fifty submits at once; the process dies while they are in flight.
                var submits = reportIds.Select(async (id, i) =>
                {
                    using var client = As(portal, reporters[i]);
                    try
                    {
                        return (int)(await client.PostAsync($"/api/reports/{id}/submit", null)).StatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return 0; // the connection died with the process
                    }
                }).ToList();
                // Kill the moment the first submit is answered: some are done, the rest in flight.
                await Task.WhenAny(Task.WhenAny(submits), Task.Delay(5000));
                portal.Kill();
                var answers = await Task.WhenAll(submits);
                output.WriteLine($"Answered before the kill: {answers.Count(a => a == 200)} of {Reports}; cut off: {answers.Count(a => a == 0)}");
            }

            await using (var again = await PortalProcess.StartAsync(connection))
            {
                await using var db = new NpgsqlConnection(connection);
                await db.OpenAsync();
                var rows = new List<(string Status, long Submissions)>();
                await using (var command = new NpgsqlCommand("""
                    SELECT r."Status", (SELECT count(*) FROM report_history h WHERE h."ReportId" = r."Id" AND h."Action" = 'Submitted')
                    FROM progress_reports r WHERE r."Id" = ANY(@ids)
                    """, db))
                {
                    command.Parameters.AddWithValue("ids", reportIds.ToArray());
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
                }
                rows.Count.ShouldBe(Reports);
                // A ward with a leader account (Hoàn Kiếm) sends its report to be signed instead: sent once, not submitted.
                rows.ShouldAllBe(r => (r.Status == "Draft" && r.Submissions == 0) || (r.Status == "Submitted" && r.Submissions == 1)
                    || (r.Status == "AwaitingSignature" && r.Submissions == 0));
                output.WriteLine($"Kill -9 drill: {Reports} reports after restart — {rows.Count(r => r.Status == "Submitted")} submitted once, "
                    + $"{rows.Count(r => r.Status == "Draft")} still drafts, 0 half-done");
                // The drafts can still be submitted: nothing was left locked or half-written.
                using var client = As(again, await TokenAsync(again.Client(), "drill0@childcare.local", "Drill-2026-Pass!"));
                (await client.PostAsync($"/api/reports/{reportIds[0]}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }

    [Fact]
    public async Task PostgreSQL_restarted_under_load_the_portal_is_healthy_again_within_ten_seconds_and_keeps_the_draft()
    {
        var root = Path.Combine(Path.GetTempPath(), $"childcare-pgdrill-{Guid.NewGuid():N}");
        using var cluster = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { Ephemeral = true, Database = "childcare_drill" }, root);
        var connection = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "childcare_drill" }.ConnectionString;
        await using var portal = await PortalProcess.StartAsync(connection);
        using var anonymous = portal.Client();
        using var reporter = As(portal, await TokenAsync(anonymous, "phuonghaibatrung@childcare.local"));
        var directive = (await reporter.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single();
        var did = directive.GetProperty("id").GetString();
        var period = ReportScenario.CurrentQuarter((await reporter.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={did}"))!);
        var unit = (await reporter.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("orgUnitId").GetString();
        var report = await (await reporter.PostAsJsonAsync("/api/reports", new { directiveId = did, periodId = period.GetProperty("id").GetString(), orgUnitId = unit }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = report.GetProperty("id").GetString();
        var typed = JsonSerializer.Serialize(new { results = "Đang gõ dở: đã tổ chức 12 lớp tập huấn" });
        (await reporter.PutAsJsonAsync($"/api/reports/{id}/draft", new { baseVersion = report.GetProperty("version").GetUInt32(), content = typed }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Load: four readers on the dashboard while the database goes away and comes back.
        using var stop = new CancellationTokenSource();
        var ok = 0;
        var failed = 0;
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var client = As(portal, reporter.DefaultRequestHeaders.Authorization!.Parameter!);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var r = await client.GetAsync($"/api/dashboard/compliance?directiveId={did}&periodId={period.GetProperty("id").GetString()}&orgUnitId={unit}");
                    if (r.IsSuccessStatusCode) Interlocked.Increment(ref ok);
                    else Interlocked.Increment(ref failed);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToList();
        await Task.Delay(1000);
        var clock = Stopwatch.StartNew();
        cluster.Restart();
        var back = await portal.WaitHealthyAsync(TimeSpan.FromSeconds(30));
        var total = clock.Elapsed;
        await Task.Delay(1000);
        stop.Cancel();
        await Task.WhenAll(load);

        output.WriteLine($"PostgreSQL restart under load: /health back {total.TotalSeconds:0.0} s after the restart began; "
            + $"{ok} dashboard reads answered, {failed} failed while the database was away");
        total.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        var draft = await reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{id}/draft");
        JsonDocument.Parse(draft.GetProperty("content").GetString()!).RootElement.GetProperty("results").GetString()
            .ShouldBe("Đang gõ dở: đã tổ chức 12 lớp tập huấn");
        (await reporter.GetAsync($"/api/reports/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>Two writers on one report, a thousand times: one wins, the other is told (409), nothing is lost.</summary>
public sealed class RaceDrillTests(PortalFixture portal, ITestOutputHelper output) : PortalTest(portal)
{
    [Fact]
    public async Task A_thousand_two_writer_races_each_have_one_winner_and_one_409()
    {
        const int Races = 1000;
        using var s = await ReportScenario.DraftAsync(Portal);
        using var second = await Portal.SignedInAsync("phuonghaibatrung@childcare.local");
        var version = await s.VersionAsync();
        var conflicts = 0;
        var lastWinner = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Races; i++)
        {
            var a = ReportScenario.Body(s.Directive, version);
            a["indicatorValues"]![1]!["value"] = 2 * i;
            var b = ReportScenario.Body(s.Directive, version);
            b["indicatorValues"]![1]!["value"] = 2 * i + 1;
            var answers = await Task.WhenAll(s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}", a), second.PutAsJsonAsync($"/api/reports/{s.ReportId}", b));
            var codes = answers.Select(r => r.StatusCode).OrderBy(c => c).ToArray();
            codes.ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], $"race {i}");
            conflicts++;
            var winner = answers.Single(r => r.StatusCode == HttpStatusCode.OK);
            var saved = await winner.Content.ReadFromJsonAsync<JsonElement>();
            version = saved.GetProperty("version").GetUInt32();
            lastWinner = answers[0].StatusCode == HttpStatusCode.OK ? 2 * i : 2 * i + 1;
        }
        var final = await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}");
        final.GetProperty("indicatorValues").EnumerateArray().Select(v => v.GetProperty("value")).Where(v => v.ValueKind == JsonValueKind.Number)
            .Select(v => v.GetDecimal()).ShouldContain(lastWinner);
        var audit = await s.Reviewer.GetFromJsonAsync<List<JsonElement>>($"/api/reports/{s.ReportId}/audit");
        // Every winning save is in the audit (the first save adds the values, the rest change one): no update vanished.
        audit!.Count(e => e.GetProperty("entityType").GetString() == "IndicatorValue" && e.GetProperty("action").GetString() == "Modified")
            .ShouldBe(Races - 1);
        output.WriteLine($"Race drill: {Races} races, {Races} winners, {conflicts} losers answered 409, 0 lost updates, in {clock.Elapsed.TotalSeconds:0} s");
    }
}
