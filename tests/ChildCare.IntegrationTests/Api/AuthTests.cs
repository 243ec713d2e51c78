using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Web.Security;

namespace ChildCare.IntegrationTests.Api;

public sealed class AuthTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task Login_with_the_demo_password_returns_a_bearer_token()
    {
        using var client = Portal.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "haibatrung@childcare.local", password = "ChildCare@2024" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("accessToken").GetString().ShouldNotBeNullOrWhiteSpace();
        body.GetProperty("refreshToken").GetString().ShouldNotBeNullOrWhiteSpace();
        body.GetProperty("expiresIn").GetInt32().ShouldBe(3600);
    }

    [Fact]
    public async Task Login_with_a_wrong_password_is_401_with_a_Vietnamese_message()
    {
        using var client = Portal.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "haibatrung@childcare.local", password = "wrong-Password1" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().ShouldBe(SignInCheck.FailedMessage);
        problem.GetProperty("detail").GetString()!.ShouldStartWith("E-mail hoặc mật khẩu không đúng.");
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_that_client_out_of_the_account_with_the_answer_a_wrong_password_gets()
    {
        using var client = Portal.Anonymous();
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/auth/login", new { email = "badinh@childcare.local", password = $"wrong-{i}" });

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "badinh@childcare.local", password = "ChildCare@2024" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe(SignInCheck.FailedMessage);
        // Another account from the same client is not affected.
        (await client.PostAsJsonAsync("/api/auth/login", new { email = "hanoi@childcare.local", password = "ChildCare@2024" })).StatusCode
            .ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_disabled_and_locked_accounts_get_the_same_answer_as_a_wrong_password()
    {
        using var client = Portal.Anonymous();
        async Task<string> DetailAsync(string email, string password)
        {
            var r = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
            r.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        }
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var badinh = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/users?search=badinh"))!
            .Single(u => u.GetProperty("email").GetString() == "badinh@childcare.local").GetProperty("id").GetString();
        (await admin.PostAsync($"/api/users/{badinh}/disable", null)).EnsureSuccessStatusCode();

        var answers = new[]
        {
            await DetailAsync("khong-co-ai@childcare.local", "Sai-mat-khau1"),
            await DetailAsync("haibatrung@childcare.local", "Sai-mat-khau1"),
            await DetailAsync("badinh@childcare.local", "Sai-mat-khau1"),
        };
        answers.Distinct().ShouldHaveSingleItem().ShouldBe(SignInCheck.FailedMessage);
        // Only the right password tells a disabled account that it is disabled.
        (await DetailAsync("badinh@childcare.local", "ChildCare@2024")).ShouldContain("vô hiệu hóa");
    }

    [Fact]
    public async Task A_refresh_token_is_good_once_and_its_reuse_revokes_the_sign_in()
    {
        using var client = Portal.Anonymous();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email = "hanoi@childcare.local", password = "ChildCare@2024" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var first = login.GetProperty("refreshToken").GetString();

        var rotated = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first });
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        second.ShouldNotBe(first);

        // The first token again: refused, and the whole sign-in (the rotated token too) is revoked as stolen.
        (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_revokes_the_access_and_refresh_tokens()
    {
        using var client = Portal.Anonymous();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email = "hanoi@childcare.local", password = "ChildCare@2024" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await client.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = null;
        (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token()
    {
        using var client = Portal.Anonymous();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email = "hanoi@childcare.local", password = "ChildCare@2024" }))
            .Content.ReadFromJsonAsync<JsonElement>();

        var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString().ShouldNotBeNullOrWhiteSpace();
        (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_me_endpoint_tells_who_is_signed_in_and_their_unit()
    {
        using var client = await Portal.SignedInAsync("haibatrung@childcare.local");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");

        me.GetProperty("email").GetString().ShouldBe("haibatrung@childcare.local");
        me.GetProperty("orgUnitName").GetString().ShouldBe("Quận ủy Hai Bà Trưng");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Reporter"]);
        me.GetProperty("isNational").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Passwords_and_tokens_never_reach_the_log_file()
    {
        using var client = await Portal.SignedInAsync("haibatrung@childcare.local");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        (await client.GetAsync("/api/directives")).EnsureSuccessStatusCode();

        var text = await Portal.Factory.ReadLogAsync(waitFor: "/api/directives");
        text.ShouldContain("/api/directives");
        text.ShouldNotContain("ChildCare@2024");
        text.ShouldNotContain(token[..40]);
    }
}
