using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

/// <summary>Issue 18, item 5: "Quên mật khẩu?" from the sign-in page to a new password, through the e-mailed link.</summary>
public sealed partial class PasswordRecoveryJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Ward = "phuonghaibatrung@childcare.local";

    [GeneratedRegex(@"(/account/reset-password\?email=[^\s&]+&token=[^\s]+)")]
    private static partial Regex Link();

    /// <summary>
    /// The reset link of a message to the ward that was not in the mailbox before (the test SMTP server keeps other
    /// tests' mail, in no promised order, reminders to the ward among them).
    /// </summary>
    private async Task<string> LinkMailedAsync(IReadOnlySet<string> before)
    {
        for (var i = 0; i < 200; i++)
        {
            var link = (await Fixture.Mailbox.MessagesAsync()).Where(m => m.Recipients.Contains(Ward) && !before.Contains(m.Data))
                .Select(m => Link().Match(m.Text)).FirstOrDefault(m => m.Success);
            if (link is not null) return link.Groups[1].Value.Trim();
            await Task.Delay(100);
        }
        throw new ShouldAssertException("no reset e-mail within 20 s");
    }

    [Fact]
    public async Task A_ward_officer_who_forgot_the_password_sets_a_new_one_from_the_emailed_link_and_signs_in()
    {
        // 1. On the sign-in page: "Quên mật khẩu?", the e-mail, "Gửi liên kết".
        var before = (await Fixture.Mailbox.MessagesAsync()).Select(m => m.Data).ToHashSet();
        await Page.GotoAsync("/account/login");
        await Page.GetByTestId("forgot-password-link").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Quên mật khẩu" })).ToBeVisibleAsync();
        await Page.GetByLabel("E-mail").FillAsync(Ward);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Gửi liên kết" }).ClickAsync();
        await Expect(Page.GetByTestId("forgot-password-sent")).ToContainTextAsync("thư hướng dẫn");
        await ScreenshotAsync("50-forgot-password-sent", "forgot-password");

        // 2. The e-mail's link opens the page for a new password; two different entries are refused.
        await Page.GotoAsync(await LinkMailedAsync(before));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Đặt mật khẩu mới" })).ToBeVisibleAsync();
        await Page.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync("Mat-Khau-Moi@2026");
        await Page.GetByLabel("Nhập lại mật khẩu mới").FillAsync("Mat-Khau-Khac@2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu" }).ClickAsync();
        await Expect(Page.GetByTestId("reset-password-error")).ToContainTextAsync("không khớp");
        await Page.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync("Mat-Khau-Moi@2026");
        await Page.GetByLabel("Nhập lại mật khẩu mới").FillAsync("Mat-Khau-Moi@2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu" }).ClickAsync();
        await Expect(Page.GetByTestId("reset-password-done")).ToBeVisibleAsync();

        // 3. The old password no longer signs in; the new one does.
        await SignInThroughFormAsync(Ward);
        await Expect(Page.GetByTestId("login-error")).ToBeVisibleAsync();
        await SignInThroughFormAsync(Ward, "Mat-Khau-Moi@2026");
        await Expect(Page.GetByTestId("current-user")).ToContainTextAsync(Ward);
    }
}
