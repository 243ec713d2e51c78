using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
        problem.GetProperty("detail").GetString().ShouldBe("E-mail hoặc mật khẩu không đúng.");
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_against_the_right_password()
    {
        using var client = Portal.Anonymous();
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/auth/login", new { email = "badinh@childcare.local", password = $"wrong-{i}" });

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "badinh@childcare.local", password = "ChildCare@2024" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("tạm khóa");
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

        // Serilog's file sink flushes as it writes; read with sharing since the host still holds it open.
        var logs = Directory.GetFiles(Portal.Factory.LogFolder, "*.log");
        logs.ShouldNotBeEmpty();
        var text = string.Concat(logs.Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }));
        text.ShouldContain("/api/directives");
        text.ShouldNotContain("ChildCare@2024");
        text.ShouldNotContain(token[..40]);
    }
}
