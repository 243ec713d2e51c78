using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildCare.Bench;

/// <summary>
/// Time from navigation to a national dashboard that is interactive (circuit live, figures shown) in
/// headless Chromium, against the portal on the generated database.
/// </summary>
internal static class PageTiming
{
    private sealed class Portal(string cs) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:ChildCare", cs);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            // The bench's analyst has no authenticator: the timing is of the dashboard, not of the second factor.
            builder.UseSetting("Security:TwoFactor:RequiredRoles", "");
            builder.UseSetting("Logging:File:Path", Path.Combine(Path.GetTempPath(), $"childcare-bench-logs-{Environment.UserName}-{Environment.ProcessId}", "bench-.log"));
        }
    }

    public static async Task<Timing?> DashboardAsync(string cs, World world, string password, int iterations)
    {
        var chromium = Environment.GetEnvironmentVariable("CHILDCARE_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Console.WriteLine($"(no Chromium at {chromium}: page timing skipped)");
            return null;
        }
        // The factory looks for the web project's folder; outside a test project it must be told.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ChildCare.sln"))) root = root.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CHILDCARE_WEB", Path.Combine(root!.FullName, "src", "ChildCare.Web"));
        await using var portal = new Portal(cs);
        portal.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        portal.StartServer();
        var address = portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync("bench@childcare.local");
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(address.TrimEnd('/') + "/");

        var url = $"/dashboard?orgUnitId={world.NationId}&periodId={world.LastPeriodId}";
        return await Timing.Of(iterations, async () =>
        {
            // The dashboard is drawn on the server (streamed, no circuit): its figures are shown when the cards are.
            await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
            await page.GetByTestId("compliance-cards").WaitForAsync();
            return 0;
        });
    }
}
