using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ChildCare.Tests.Shared;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

/// <summary>
/// The compose topology on this machine: two portal processes on one database and Debian's nginx in front with the
/// repository's configuration (ADR 0014). The portals are started together, as a deployment does.
/// </summary>
public sealed class TwoPortalsBehindNginx : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new() { ["ForwardedHeaders:KnownProxies"] = "127.0.0.1" };

    public string Connection { get; private set; } = "";

    public PortalProcess[] Portals { get; } = new PortalProcess[2];

    public NginxProcess Nginx { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connection = await TestPostgres.CreateDatabaseAsync("childcare_e2e_nginx");
        var started = await Task.WhenAll(PortalProcess.StartAsync(Connection, Settings), PortalProcess.StartAsync(Connection, Settings));
        started.CopyTo(Portals, 0);
        Nginx = await NginxProcess.StartAsync(Portals.Select(p => p.Address));
    }

    /// <summary>Starts portal <paramref name="n"/> again on its port (after a kill or a stop).</summary>
    public async Task RestartAsync(int n)
    {
        var port = Portals[n].Address.Port;
        await Portals[n].DisposeAsync();
        Portals[n] = await PortalProcess.StartAsync(Connection, Settings, port);
    }

    /// <summary>The portal that answered the last request whose path starts with <paramref name="path"/>, by nginx's log.</summary>
    public int InstanceServing(string path)
    {
        var line = Nginx.AccessLog().Last(l => l.Split(' ')[1].StartsWith(path, StringComparison.Ordinal));
        var upstream = line.Split(' ')[^1].Split(',')[^1].Trim();
        return Array.FindIndex(Portals, p => $"{p.Address.Host}:{p.Address.Port}" == upstream);
    }

    public async Task DisposeAsync()
    {
        if (Nginx is not null) await Nginx.DisposeAsync();
        foreach (var portal in Portals.OfType<PortalProcess>()) await portal.DisposeAsync();
        if (Connection.Length > 0) await TestPostgres.DropDatabaseAsync(Connection);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class ScaleOutJourneyTests(BrowserFixture browser, TwoPortalsBehindNginx cluster, ITestOutputHelper output)
    : IClassFixture<TwoPortalsBehindNginx>
{
    [Fact]
    public async Task A_ward_reporter_whose_instance_dies_carries_on_through_the_other_with_what_they_typed_and_still_signed_in()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = cluster.Nginx.Address.ToString(),
            Locale = "vi-VN",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();

        // 1. Through nginx, the ward's reporter signs in, opens this quarter's report and types; the draft buffer keeps it.
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync("phuonghaibatrung@childcare.local");
        await page.GetByLabel("Mật khẩu").FillAsync("ChildCare@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GotoAsync("/reports");
        await BrowserTest.WaitForReadyAsync(page);
        await page.GetByTestId("period-row").First.GetByTestId("start-report").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        var reportUrl = page.Url;
        await BrowserTest.WaitForReadyAsync(page);
        const string typed = "Phường đã tổ chức 9 buổi truyền thông về phòng, chống xâm hại trẻ em cho 1.250 phụ huynh";
        await page.GetByTestId("area-form").First.GetByLabel("Kết quả đạt được").FillAsync(typed);
        await Expect(page.GetByTestId("autosave-state")).ToContainTextAsync("Bản nháp tự lưu", new() { Timeout = 10_000 });

        // 2. The instance holding their circuit dies (SIGKILL: a crash, the OOM killer, a lost machine).
        var serving = cluster.InstanceServing("/_blazor");
        serving.ShouldBeInRange(0, 1);
        output.WriteLine($"circuit on portal {serving + 1} ({cluster.Portals[serving].Address}); killing it");
        cluster.Portals[serving].Kill();

        // 3. The page says the connection is lost; the reconnect reaches the other instance through nginx, which has no
        //    such circuit: the page reloads there (by itself, or from the dialog's link).
        var reload = page.Locator("#components-reconnect-modal a[data-reload]:visible");
        var restored = page.GetByTestId("draft-restored");
        await Expect(reload.Or(restored).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        if (await restored.CountAsync() == 0) await reload.First.ClickAsync();

        // 4. Same report, still signed in (the cookie is valid on the other instance), and what they typed is back.
        await Expect(restored).ToBeVisibleAsync(new() { Timeout = 30_000 });
        page.Url.ShouldBe(reportUrl);
        await BrowserTest.WaitForReadyAsync(page);
        await Expect(page.GetByTestId("area-form").First.GetByLabel("Kết quả đạt được")).ToHaveValueAsync(typed);
        cluster.InstanceServing("/_blazor").ShouldBe(1 - serving);

        // 5. Saving lands through the surviving instance.
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByText("Đã lưu báo cáo.")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await BrowserTest.WaitForReadyAsync(page);
        await Expect(page.GetByTestId("area-form").First.GetByLabel("Kết quả đạt được")).ToHaveValueAsync(typed);

        await cluster.RestartAsync(serving);
    }

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
