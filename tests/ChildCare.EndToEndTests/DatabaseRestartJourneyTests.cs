using System.Text.RegularExpressions;
using ChildCare.Tests.Shared;
using ChildCare.Web.Hosting;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

/// <summary>A portal on its own PostgreSQL, which the journey restarts.</summary>
public sealed class RestartableDatabasePortal : IAsyncLifetime
{
    public EmbeddedPostgres Cluster { get; } = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { Ephemeral = true, Database = "postgres" },
        Path.Combine(Path.GetTempPath(), $"childcare-e2e-restart-{Guid.NewGuid():N}"));

    public PortalFactory Portal { get; }

    public RestartableDatabasePortal() =>
        Portal = new PortalFactory { RealServer = true, DatabaseServer = new NpgsqlConnectionStringBuilder(Cluster.ConnectionString) { Database = "postgres" }.ConnectionString };

    public Task InitializeAsync() => Portal.InitializeAsync("childcare_e2e_restart");

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        Cluster.Dispose();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class DatabaseRestartJourneyTests(BrowserFixture browser, RestartableDatabasePortal portal) : IClassFixture<RestartableDatabasePortal>
{
    [Fact]
    public async Task A_ward_keeps_typing_through_a_database_restart_and_its_save_lands()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ReducedMotion = ReducedMotion.Reduce, // app.css then stills transitions: a click never lands on a moving element
            BaseURL = portal.Portal.ServerAddress.ToString(),
            Locale = "vi-VN",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();

        // 1. The ward's reporter opens this quarter's report and starts typing; the draft buffer keeps it.
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync("phuonghaibatrung@childcare.local");
        await page.GetByLabel("Mật khẩu").FillAsync("ChildCare@2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GotoAsync("/reports");
        await BrowserTest.WaitForReadyAsync(page);
        var row = page.GetByTestId("period-row").First;
        await row.GetByTestId("start-report").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        await BrowserTest.WaitForReadyAsync(page);
        var results = page.GetByTestId("area-form").First.GetByLabel("Kết quả đạt được");
        await results.FillAsync("Phường đã tổ chức 12 lớp tập huấn");
        await Expect(page.GetByTestId("autosave-state")).ToContainTextAsync("Bản nháp tự lưu", new() { Timeout = 10_000 });

        // 2. PostgreSQL restarts (an operator's restart, a failover). The page stays open; the user keeps typing.
        portal.Cluster.Restart();
        await results.FillAsync("Phường đã tổ chức 12 lớp tập huấn cho 480 cán bộ, đảng viên");

        // 3. Saving works once the database is back (at worst the first try says so in Vietnamese, and the
        //    next lands); the page never breaks, and the text is the report's after a reload.
        await page.GetByTestId("save").ClickAsync();
        var saved = page.GetByText("Đã lưu báo cáo.");
        var away = page.GetByText("Tạm thời không kết nối được cơ sở dữ liệu");
        await Expect(saved.Or(away).First).ToBeVisibleAsync();
        if (await away.CountAsync() > 0)
        {
            await page.GetByTestId("save").ClickAsync();
            await Expect(saved).ToBeVisibleAsync();
        }
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await page.ReloadAsync();
        await BrowserTest.WaitForReadyAsync(page);
        await Expect(page.GetByTestId("area-form").First.GetByLabel("Kết quả đạt được"))
            .ToHaveValueAsync("Phường đã tổ chức 12 lớp tập huấn cho 480 cán bộ, đảng viên");
    }
}
