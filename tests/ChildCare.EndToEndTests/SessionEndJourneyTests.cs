using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

/// <summary>
/// Second security review, findings 2 and 5: when every session of an account ends (an administrator disables it, or
/// its owner signs out everywhere), a page open in a browser goes to the sign-in page at once — never an error page.
/// </summary>
public sealed partial class SessionEndJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [GeneratedRegex("/account/login")]
    private static partial Regex SignInPage();

    private async Task<HttpClient> AdminApiAsync()
    {
        var http = new HttpClient { BaseAddress = Fixture.Portal.ServerAddress };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = "admin@childcare.local", password = "ChildCare@2024" });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    [Fact]
    public async Task A_ward_officers_open_page_shows_the_sign_in_page_when_an_administrator_disables_the_account()
    {
        // 1. The ward's officer signs in and opens this quarter's report (a live page: the form keeps a circuit; pages
        //    that only read have none, and their next click meets the sign-in page).
        await SignInAsync("phuonghaibatrung@childcare.local");
        await Page.GotoAsync("/reports");
        await WaitForInteractiveAsync();
        await Page.GetByTestId("period-row").First.Locator("[data-testid=start-report], a").First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reports/[0-9a-f-]{36}$"));
        await WaitForInteractiveAsync();

        // 2. An administrator disables the account (here through the API, as the users page does).
        using var admin = await AdminApiAsync();
        var user = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/users?search=phuonghaibatrung"))!.Single();
        (await admin.PostAsync($"/api/users/{user.GetProperty("id").GetString()}/disable", null)).EnsureSuccessStatusCode();

        // 3. The open page goes to the sign-in page by itself; reloading it stays there; signing in again is refused.
        await Expect(Page).ToHaveURLAsync(SignInPage(), new() { Timeout = 10_000 });
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(SignInPage());
        await SignInThroughFormAsync("phuonghaibatrung@childcare.local");
        await Expect(Page.GetByTestId("login-error")).ToContainTextAsync("vô hiệu hóa");
        await ScreenshotAsync("40-disabled-account-sign-in");
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_session_in_another_browser_too()
    {
        // 1. The city's reviewer is signed in on two machines (two browser contexts); the second has the org tree open.
        await using var other = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ReducedMotion = ReducedMotion.Reduce, // app.css then stills transitions: a click never lands on a moving element
            BaseURL = Fixture.Portal.ServerAddress.ToString(),
            Locale = "vi-VN",
        });
        var second = await other.NewPageAsync();
        await second.GotoAsync("/account/login");
        await second.GetByLabel("E-mail").FillAsync("hanoi@childcare.local");
        await second.GetByLabel("Mật khẩu").FillAsync("ChildCare@2024");
        await second.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Fixture.Portal.SeedHistoryAsync();
        await second.GotoAsync("/review");
        await second.GetByTestId("inbox-row").GetByRole(AriaRole.Link).First.ClickAsync(); // a report open: a live page, over a circuit
        await second.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/reports/[0-9a-f-]{36}$"));
        await BrowserTest.WaitForReadyAsync(second);

        // 2. On the first, the account page: "Đăng xuất khỏi mọi thiết bị".
        await SignInAsync("hanoi@childcare.local");
        await Page.GotoAsync("/account/two-factor");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Phiên đăng nhập" })).ToBeVisibleAsync();
        await ScreenshotAsync("41-account-sessions", "account-sessions");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất khỏi mọi thiết bị" }).ClickAsync();

        // 3. This browser is at the sign-in page, which says why; the other one's open page follows by itself.
        await Expect(Page).ToHaveURLAsync(SignInPage());
        await Expect(Page.GetByTestId("login-sessions-ended")).ToContainTextAsync("Mọi phiên đăng nhập");
        await Expect(second).ToHaveURLAsync(SignInPage(), new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task Turning_two_factor_off_on_the_account_page_asks_for_the_password_then_ends_every_session()
    {
        // 1. Two-factor on for the city's reviewer (through the page, as in the two-factor journey).
        await SignInAsync("hanoi@childcare.local");
        await Page.GotoAsync("/account/two-factor");
        var key = (await Page.GetByTestId("twofactor-key").InnerTextAsync()).Trim();
        await Page.GetByLabel("Mã xác thực", new() { Exact = true }).FillAsync(
            new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key.Replace(" ", "").ToUpperInvariant())).ComputeTotp(ChildCare.Tests.Shared.TestClock.Now.UtcDateTime));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Bật xác thực hai bước" }).ClickAsync();
        await Page.GetByTestId("twofactor-continue").ClickAsync();
        await Page.GotoAsync("/account/two-factor");
        await Expect(Page.GetByTestId("twofactor-on")).ToBeVisibleAsync();

        // 2. A wrong password is refused with a Vietnamese message; two-factor stays on.
        await Page.Locator("#disable-proof").FillAsync("Sai-mat-khau-1");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tắt xác thực hai bước" }).ClickAsync();
        await Expect(Page.GetByTestId("twofactor-error")).ToContainTextAsync("không đúng");
        await Expect(Page.GetByTestId("twofactor-on")).ToBeVisibleAsync();
        await ScreenshotAsync("42-two-factor-off-needs-proof");

        // 3. The password: two-factor is off and every session has ended; the password alone signs in again.
        await Page.Locator("#disable-proof").FillAsync("ChildCare@2024");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tắt xác thực hai bước" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(SignInPage());
        await Expect(Page.GetByTestId("login-sessions-ended")).ToBeVisibleAsync();
        await SignInThroughFormAsync("hanoi@childcare.local");
        await Expect(Page.GetByTestId("current-user")).ToContainTextAsync("hanoi@childcare.local");
    }
}
