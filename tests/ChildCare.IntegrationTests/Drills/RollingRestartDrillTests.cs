using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChildCare.Tests.Shared;
using Xunit.Abstractions;

namespace ChildCare.IntegrationTests.Drills;

/// <summary>
/// A deployment's rolling restart (ADR 0014): each portal behind nginx in turn stops and starts again while callers keep
/// calling; every request is answered.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class RollingRestartDrillTests(TwoPortalsBehindNginx cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task A_rolling_restart_of_both_portals_serves_every_request_through_nginx()
    {
        using var http = new HttpClient { BaseAddress = cluster.Nginx.Address, Timeout = TimeSpan.FromSeconds(30) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = "phuonghaibatrung@childcare.local", password = "ChildCare@2024" });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await login.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>())!["accessToken"].GetString();

        // Three callers the whole time: the sign-in page (a static render), the caller's own reports (a bearer API read,
        // through the session check) and /health. Each portal in turn stops (SIGTERM: Kestrel drains) and starts again.
        var (requests, failures) = (0, new List<string>());
        using var stop = new CancellationTokenSource();
        async Task LoopAsync(Func<Task<HttpResponseMessage>> call, string name)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await call();
                    lock (failures)
                    {
                        requests++;
                        if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{name}: {(int)response.StatusCode}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
                {
                    lock (failures)
                    {
                        requests++;
                        failures.Add($"{name}: {e.GetType().Name} {e.Message}");
                    }
                }
                catch (TaskCanceledException) when (stop.IsCancellationRequested)
                {
                }
                // A caller every 40 ms, not flat out: ≈ 75 requests a second keep every moment of both restarts covered
                // (each takes seconds), where three loops flat out sent ≈ 210 a second and took CPU from the tests beside.
                try { await Task.Delay(40, stop.Token); }
                catch (TaskCanceledException) { }
            }
        }
        var loops = new[]
        {
            LoopAsync(() => http.GetAsync("/account/login", stop.Token), "sign-in page"),
            LoopAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports");
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                return http.SendAsync(request, stop.Token);
            }, "GET /api/reports"),
            LoopAsync(() => http.GetAsync("/health", stop.Token), "/health"),
        };
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < 2; n++)
        {
            await cluster.Portals[n].StopAsync(TimeSpan.FromSeconds(30));
            await cluster.RestartAsync(n);
            // nginx holds a refused instance out for fail_timeout (5 s in the configuration) after its last failure: the
            // next instance may be stopped only once the restarted one is back in rotation, as a rolling restart must wait.
            await Task.Delay(6_000);
        }
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        output.WriteLine($"rolling restart of 2 portals in {clock.Elapsed.TotalSeconds:0} s: {requests} requests through nginx, {failures.Count} failed");
        foreach (var failure in failures.Take(10)) output.WriteLine("  " + failure);
        requests.ShouldBeGreaterThan(100);
        failures.ShouldBeEmpty();
    }
}
