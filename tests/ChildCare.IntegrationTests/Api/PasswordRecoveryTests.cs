using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChildCare.Tests.Shared;

namespace ChildCare.IntegrationTests.Api;

/// <summary>A portal whose e-mail goes to a test mailbox (smtp4dev under ./test.sh, else an in-process SMTP server).</summary>
public sealed class MailingPortal : IAsyncLifetime
{
    public Mailbox Mailbox { get; private set; } = null!;

    public PortalFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Mailbox = await Mailbox.OpenAsync();
        Factory = new PortalFactory
        {
            Settings = new()
            {
                ["Email:Smtp:Host"] = Mailbox.Host,
                ["Email:Smtp:Port"] = Mailbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:PortalUrl"] = "https://childcare.example.vn",
                ["Email:IntervalMinutes"] = "600", // the reminder job stays out of the way
                ["Email:RunAtStart"] = "false", // only the mail a test causes
                ["Security:TwoFactor:RequiredRoles"] = "Analyst", // an invited analyst enrols at activation
            },
        };
        await Factory.InitializeAsync("childcare_mail");
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Mailbox.DisposeAsync();
    }
}

/// <summary>
/// Issue 18, item 5: "Quên mật khẩu". The same answer for any address; a known account gets a link by e-mail at once;
/// the link sets a new password once and ends every session of the account.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class PasswordRecoveryTests(MailingPortal portal) : IAsyncLifetime
{
    private const string Ward = "phuonghaibatrung@childcare.local";

    public Task InitializeAsync() => portal.Factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Client() => portal.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [GeneratedRegex(@"https://childcare\.example\.vn/account/reset-password\?email=[^\s&]+&token=([^\s]+)")]
    private static partial Regex ResetLink();

    /// <summary>Waits (up to 20 s) for a message to <paramref name="to"/> sent after <paramref name="skip"/> others, and reads its link's token.</summary>
    private async Task<string> TokenMailedToAsync(string to, int skip)
    {
        for (var i = 0; i < 200; i++)
        {
            var mine = (await portal.Mailbox.MessagesAsync()).Where(m => m.Recipients.Contains(to)).Skip(skip).ToList();
            if (mine.Count > 0)
            {
                var text = mine[0].Text;
                text.ShouldContain("Đặt lại mật khẩu");
                return Uri.UnescapeDataString(ResetLink().Match(text).Groups[1].Value.Trim());
            }
            await Task.Delay(100);
        }
        throw new ShouldAssertException($"no reset e-mail to {to} within 20 s");
    }

    private async Task<int> MailsToAsync(string to) => (await portal.Mailbox.MessagesAsync()).Count(m => m.Recipients.Contains(to));

    [Fact]
    public async Task An_unknown_address_and_a_known_one_get_the_same_answer_and_only_the_known_one_a_link()
    {
        using var client = Client();
        var unknown = await client.PostAsJsonAsync("/api/account/forgot-password", new { email = "khong.co@childcare.local" });
        var before = await MailsToAsync(Ward);
        var known = await client.PostAsJsonAsync("/api/account/forgot-password", new { email = Ward });
        unknown.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        known.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await unknown.Content.ReadAsStringAsync()).ShouldBe(await known.Content.ReadAsStringAsync());
        (await TokenMailedToAsync(Ward, before)).ShouldNotBeNullOrEmpty();
        (await portal.Mailbox.MessagesAsync()).ShouldNotContain(m => m.Recipients.Contains("khong.co@childcare.local"));
    }

    [Fact]
    public async Task The_mailed_link_sets_a_new_password_once_and_ends_every_session()
    {
        using var client = Client();
        var session = (await (await client.PostAsJsonAsync("/api/auth/login", new { email = Ward, password = "ChildCare@2024" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var before = await MailsToAsync(Ward);
        (await client.PostAsJsonAsync("/api/account/forgot-password", new { email = Ward })).EnsureSuccessStatusCode();
        var token = await TokenMailedToAsync(Ward, before);

        (await client.PostAsJsonAsync("/api/account/reset-password", new { email = "phuongbadinh@childcare.local", token, newPassword = "Mat-Khau-Moi@2026" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the token is the ward's, not another account's");
        var weak = await client.PostAsJsonAsync("/api/account/reset-password", new { email = Ward, token, newPassword = "ngan" });
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await weak.Content.ReadAsStringAsync()).ShouldContain("newPassword");
        (await client.PostAsJsonAsync("/api/account/reset-password", new { email = Ward, token, newPassword = "Mat-Khau-Moi@2026" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var again = await client.PostAsJsonAsync("/api/account/reset-password", new { email = Ward, token, newPassword = "Mat-Khau-Khac@2026" });
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the link is good once");
        (await again.Content.ReadAsStringAsync()).ShouldContain("đã dùng");
        using (var old = Client())
        {
            old.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session);
            (await old.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a reset signs the account out everywhere");
        }
        (await client.PostAsJsonAsync("/api/auth/login", new { email = Ward, password = "ChildCare@2024" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/auth/login", new { email = Ward, password = "Mat-Khau-Moi@2026" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_made_up_token_or_a_disabled_account_gets_the_same_reason_and_changes_nothing()
    {
        using var client = Client();
        var made = await client.PostAsJsonAsync("/api/account/reset-password", new { email = Ward, token = "CfDJ8-gia-mao", newPassword = "Mat-Khau-Moi@2026" });
        made.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var unknown = await client.PostAsJsonAsync("/api/account/reset-password", new { email = "khong.co@childcare.local", token = "x", newPassword = "Mat-Khau-Moi@2026" });
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("token")[0].GetString()
            .ShouldBe((await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("token")[0].GetString());
        (await client.PostAsJsonAsync("/api/auth/login", new { email = Ward, password = "ChildCare@2024" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [Fact]
    public async Task The_pages_walk_a_person_from_the_sign_in_page_to_a_new_password()
    {
        using var browser = portal.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await browser.GetStringAsync("/account/login")).ShouldContain("/account/forgot-password");
        var page = await browser.GetStringAsync("/account/forgot-password");
        var before = await MailsToAsync(Ward);
        var sent = await browser.PostAsync("/account/forgot-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "forgot",
            ["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value,
            ["Email"] = Ward,
        }));
        (await sent.Content.ReadAsStringAsync()).ShouldContain("thư hướng dẫn đặt lại mật khẩu đã được gửi");
        var token = await TokenMailedToAsync(Ward, before);

        var form = await browser.GetStringAsync($"/account/reset-password?email={Uri.EscapeDataString(Ward)}&token={Uri.EscapeDataString(token)}");
        form.ShouldContain(Ward);
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "reset",
            ["__RequestVerificationToken"] = Antiforgery().Match(form).Groups[1].Value,
            ["Form.Email"] = Ward,
            ["Form.Token"] = token,
            ["Form.NewPassword"] = "Mat-Khau-Moi@2026",
            ["Form.Confirm"] = "Mat-Khau-Khac@2026",
        };
        (await (await browser.PostAsync("/account/reset-password", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync()).ShouldContain("không khớp");
        fields["Form.Confirm"] = "Mat-Khau-Moi@2026";
        (await (await browser.PostAsync("/account/reset-password", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync()).ShouldContain("Đã đặt mật khẩu mới");
        (await browser.PostAsJsonAsync("/api/auth/login", new { email = Ward, password = "Mat-Khau-Moi@2026" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
