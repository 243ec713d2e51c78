using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChildCare.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;

namespace ChildCare.IntegrationTests.Api;

/// <summary>
/// Second security review, findings 2, 5, 6 and 10: every credential change ends every session of the account at once
/// (bearer access tokens, refresh tokens, the browser's cookie); sensitive account changes need the current password or
/// a current code; the batch accept is for reviewers and tells "not found" and "not yours" apart by nothing.
/// </summary>
public sealed partial class SessionRevocationTests(PortalFixture portal) : PortalTest(portal)
{
    private const string Ward = "phuonghaibatrung@childcare.local";
    private const string Password = "ChildCare@2024";

    /// <summary>One API sign-in: its access token and refresh token.</summary>
    private sealed record Tokens(string Access, string Refresh);

    private async Task<Tokens> SignInAsync(string email, string password = Password, string? code = null)
    {
        using var client = Portal.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password, twoFactorCode = code });
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new(json.GetProperty("accessToken").GetString()!, json.GetProperty("refreshToken").GetString()!);
    }

    private HttpClient Bearer(string token)
    {
        var client = Portal.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser's sign-in through the statically rendered form: the client keeps the cookie.</summary>
    private async Task<HttpClient> CookieSignInAsync(string email, string password = Password)
    {
        var browser = Portal.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        (await browser.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private async Task<Guid> UserIdAsync(HttpClient admin, string email) =>
        (await admin.GetFromJsonAsync<List<JsonElement>>($"/api/users?search={email}"))!.Single(u => u.GetProperty("email").GetString() == email)
            .GetProperty("id").GetGuid();

    private async Task<HttpStatusCode> RefreshAsync(string refreshToken)
    {
        using var client = Portal.Anonymous();
        return (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken })).StatusCode;
    }

    /// <summary>Signs the ward in twice (two tokens, a cookie), runs the change, and checks that all three died at once.</summary>
    private async Task EverySessionEndsAsync(Func<Task> change, string? password = null)
    {
        var first = await SignInAsync(Ward, password ?? Password);
        var second = await SignInAsync(Ward, password ?? Password);
        using var browser = await CookieSignInAsync(Ward, password ?? Password);
        using (var before = Bearer(first.Access)) (await before.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await change();

        using var a = Bearer(first.Access);
        using var b = Bearer(second.Access);
        (await a.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "an access token issued before the change");
        (await b.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "another sign-in's access token");
        (await RefreshAsync(second.Refresh)).ShouldBe(HttpStatusCode.Unauthorized, "a refresh token issued before the change");
        (await browser.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the browser's cookie");
        var page = await browser.GetAsync("/");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a page with the old cookie goes to sign in, never an error");
        page.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task An_administrators_password_reset_ends_every_session_of_the_account_at_once()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var id = await UserIdAsync(admin, Ward);
        await EverySessionEndsAsync(async () =>
            (await admin.PostAsJsonAsync($"/api/users/{id}/reset-password", new { newPassword = "Mat-Khau-Moi@2026" })).EnsureSuccessStatusCode());
        (await SignInAsync(Ward, "Mat-Khau-Moi@2026")).Access.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_sessions_and_its_open_pages_show_the_sign_in_page()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var id = await UserIdAsync(admin, Ward);
        await EverySessionEndsAsync(async () => (await admin.PostAsync($"/api/users/{id}/disable", null)).EnsureSuccessStatusCode());
    }

    [Fact]
    public async Task A_new_role_or_unit_ends_every_session_and_a_new_name_does_not()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var id = await UserIdAsync(admin, Ward);
        var user = await admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}");
        var unit = user.GetProperty("orgUnitId").GetGuid();

        var kept = await SignInAsync(Ward);
        (await admin.PutAsJsonAsync($"/api/users/{id}", new { fullName = "Tên mới", role = "Reporter", orgUnitId = unit })).EnsureSuccessStatusCode();
        using (var still = Bearer(kept.Access)) (await still.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "a new name changes no right");

        await EverySessionEndsAsync(async () =>
            (await admin.PutAsJsonAsync($"/api/users/{id}", new { fullName = "Tên mới", role = "Reviewer", orgUnitId = unit })).EnsureSuccessStatusCode());
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_cookie_access_and_refresh_token_of_the_account()
    {
        await EverySessionEndsAsync(async () =>
        {
            var tokens = await SignInAsync(Ward);
            using var me = Bearer(tokens.Access);
            (await me.PostAsync("/api/account/sessions/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await me.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the caller's own token too");
        });
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password_and_ends_every_session()
    {
        var tokens = await SignInAsync(Ward);
        using var me = Bearer(tokens.Access);
        var missing = await me.PostAsJsonAsync("/api/account/password", new { newPassword = "Mat-Khau-Moi@2026" });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("currentPassword");
        (await me.PostAsJsonAsync("/api/account/password", new { currentPassword = "Sai-mat-khau-1", newPassword = "Mat-Khau-Moi@2026" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await me.PostAsJsonAsync("/api/account/password", new { currentPassword = Password, newPassword = "ngan" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await me.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "refused changes end nothing");

        await EverySessionEndsAsync(async () =>
            (await me.PostAsJsonAsync("/api/account/password", new { currentPassword = Password, newPassword = "Mat-Khau-Moi@2026" }))
                .StatusCode.ShouldBe(HttpStatusCode.NoContent));
        using var anonymous = Portal.Anonymous();
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = Ward, password = Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SignInAsync(Ward, "Mat-Khau-Moi@2026")).Access.ShouldNotBeNullOrEmpty();
    }

    private static string Code(string key, int stepsAhead = 0) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(TestClock.Now.UtcDateTime.AddSeconds(30 * stepsAhead));

    [Fact]
    public async Task Two_factor_cannot_be_turned_off_or_copied_with_a_session_alone_and_turning_it_off_ends_every_session()
    {
        var tokens = await SignInAsync(Ward);
        using var me = Bearer(tokens.Access);
        var key = (await (await me.PostAsJsonAsync("/api/account/2fa", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        (await me.PostAsJsonAsync("/api/account/2fa", new { enable = true, twoFactorCode = Code(key) })).EnsureSuccessStatusCode();

        // A session alone: no key, no new codes, no switching off.
        var state = await (await me.PostAsJsonAsync("/api/account/2fa", new { })).Content.ReadFromJsonAsync<JsonElement>();
        state.GetProperty("isTwoFactorEnabled").GetBoolean().ShouldBeTrue();
        state.GetProperty("sharedKey").ValueKind.ShouldBe(JsonValueKind.Null, "the key of an enrolled account is not shown to a session alone");
        (await me.PostAsJsonAsync("/api/account/2fa", new { enable = false })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await me.PostAsJsonAsync("/api/account/2fa", new { resetRecoveryCodes = true })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await me.PostAsJsonAsync("/api/account/2fa", new { resetSharedKey = true })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await me.PostAsJsonAsync("/api/account/2fa", new { enable = false, currentPassword = "Sai-mat-khau-1" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // With the password: the key again and new recovery codes.
        var proven = await (await me.PostAsJsonAsync("/api/account/2fa", new { currentPassword = Password })).Content.ReadFromJsonAsync<JsonElement>();
        proven.GetProperty("sharedKey").GetString().ShouldBe(key);
        var codes = await (await me.PostAsJsonAsync("/api/account/2fa", new { resetRecoveryCodes = true, currentPassword = Password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        codes.GetProperty("recoveryCodes").GetArrayLength().ShouldBe(10);

        // Off with a current code (codes are good once, each a later step): every session of the account ends.
        var second = await SignInAsync(Ward, code: Code(key, 1));
        var off = await me.PostAsJsonAsync("/api/account/2fa", new { enable = false, twoFactorCode = Code(key, 2) });
        off.StatusCode.ShouldBe(HttpStatusCode.OK, await off.Content.ReadAsStringAsync());
        (await me.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the session that turned it off");
        using (var other = Bearer(second.Access)) (await other.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(second.Refresh)).ShouldBe(HttpStatusCode.Unauthorized);
        (await SignInAsync(Ward)).Access.ShouldNotBeNullOrEmpty("two-factor is off: the password alone signs in");
    }

    [Fact]
    public async Task Wrong_proofs_lock_the_accounts_step_up_and_second_step_whatever_the_address()
    {
        var tokens = await SignInAsync(Ward);
        using var me = Bearer(tokens.Access);
        for (var i = 0; i < 5; i++)
            (await me.PostAsJsonAsync("/api/account/password", new { currentPassword = $"Sai-mat-khau-{i}", newPassword = "Mat-Khau-Moi@2026" }))
                .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var locked = await me.PostAsJsonAsync("/api/account/password", new { currentPassword = Password, newPassword = "Mat-Khau-Moi@2026" });
        locked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await locked.Content.ReadAsStringAsync()).ShouldContain("tạm khóa");
    }

    [Fact]
    public async Task Batch_accept_is_for_reviewers_and_answers_not_found_and_not_yours_alike()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        (await s.Reporter.PostAsJsonAsync("/api/reports/accept", new { reportIds = new[] { s.ReportId } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        (await admin.PostAsJsonAsync("/api/reports/accept", new { reportIds = new[] { s.ReportId } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Another province's reviewer: the city's report and a report that does not exist get the same reason.
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var results = await (await s.Reviewer.PostAsJsonAsync("/api/reports/accept",
            new { reportIds = new[] { Guid.Parse("00000000-0000-7000-8000-00000000dead") } })).Content.ReadFromJsonAsync<List<JsonElement>>();
        var other = await (await analyst.PostAsJsonAsync("/api/reports/accept", new { reportIds = new[] { s.ReportId } })).Content.ReadFromJsonAsync<List<JsonElement>>();
        results!.Single().GetProperty("succeeded").GetBoolean().ShouldBeFalse();
        other!.Single().GetProperty("succeeded").GetBoolean().ShouldBeFalse();
        results!.Single().GetProperty("error").GetString().ShouldBe(other!.Single().GetProperty("error").GetString());
    }
}
