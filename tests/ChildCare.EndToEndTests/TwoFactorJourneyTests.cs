using ChildCare.Tests.Shared;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

public sealed class TwoFactorJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static string Code(string key, int stepsAhead = 0) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "").ToUpperInvariant())).ComputeTotp(TestClock.Now.UtcDateTime.AddSeconds(30 * stepsAhead));

    [Fact]
    public async Task A_provincial_reviewer_turns_on_two_factor_with_an_authenticator_then_signs_in_with_a_code()
    {
        // 1. Sign in with the password and open the two-factor page from the shield in the header.
        await SignInAsync("hanoi@childcare.local");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Xác thực hai bước" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Xác thực hai bước" })).ToBeVisibleAsync();

        // 2. The page shows a QR code for the authenticator app and the key to type by hand.
        await Expect(Page.GetByTestId("twofactor-qr")).ToBeVisibleAsync();
        var key = (await Page.GetByTestId("twofactor-key").InnerTextAsync()).Trim();
        key.Replace(" ", "").Length.ShouldBeGreaterThanOrEqualTo(16);
        await ScreenshotAsync("30-two-factor-enrol");

        // 3. A wrong code is refused with a Vietnamese message; the right one turns it on and shows ten recovery codes.
        await Page.GetByLabel("Mã xác thực").FillAsync("000000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Bật xác thực hai bước" }).ClickAsync();
        await Expect(Page.GetByTestId("twofactor-error")).ToContainTextAsync("Mã xác thực không đúng");
        await Page.GetByLabel("Mã xác thực").FillAsync(Code(key));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Bật xác thực hai bước" }).ClickAsync();
        await Expect(Page.GetByTestId("twofactor-enabled")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await ScreenshotAsync("31-two-factor-recovery-codes");
        await Page.GetByTestId("twofactor-continue").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Văn bản đang theo dõi" })).ToBeVisibleAsync();

        // 4. Sign out; signing in again asks for the code after the password.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await SignInThroughFormAsync("hanoi@childcare.local");
        await Expect(Page.GetByTestId("login-code-step")).ToBeVisibleAsync();
        await ScreenshotAsync("32-sign-in-code-step");
        await Page.GetByLabel("Mã xác thực").FillAsync(Code(key, 1));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Văn bản đang theo dõi" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("current-user")).ToContainTextAsync("hanoi@childcare.local");
    }
}
