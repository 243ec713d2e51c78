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
/// The compose topology on this machine (<see cref="TwoPortalsBehindNginx"/>): a person's circuit survives the loss of
/// the instance that held it. (The rolling restart, HTTP only, is a drill of the integration tests.)
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScaleOutJourneyTests(BrowserFixture browser, TwoPortalsBehindNginx cluster, ITestOutputHelper output)
    : IClassFixture<TwoPortalsBehindNginx>
{
    [Fact]
    public async Task A_ward_reporter_whose_instance_dies_carries_on_through_the_other_with_what_they_typed_and_still_signed_in()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ReducedMotion = ReducedMotion.Reduce, // app.css then stills transitions: a click never lands on a moving element
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
}
