using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Tests.Shared;
using OtpNet;

namespace ChildCare.IntegrationTests.Api;

/// <summary>A portal as production runs it: 20 sign-in attempts a minute per client, two-factor required of administrators, keys encrypted.</summary>
public sealed class ProductionSignInPortal : IAsyncLifetime
{
    public string CertificatePath { get; } = MakeCertificate();

    public PortalFactory Factory { get; }

    public ProductionSignInPortal() => Factory = new()
    {
        Settings = new()
        {
            ["Security:SignIn:PermitPerMinute"] = "20",
            ["Security:TwoFactor:RequiredRoles"] = "Administrator",
            ["DataProtection:CertificatePath"] = CertificatePath,
            ["DataProtection:CertificatePassword"] = "kiem-thu",
        },
    };

    /// <summary>A self-signed certificate as an operator would make with openssl (README), as a .pfx file.</summary>
    private static string MakeCertificate()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=ChildCare DataProtection", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TestClock.Now.AddDays(-1), TestClock.Now.AddYears(10));
        var path = Path.Combine(Path.GetTempPath(), $"childcare-dp-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "kiem-thu"));
        return path;
    }

    public Task InitializeAsync() => Factory.InitializeAsync("childcare_signin");

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Two-factor sign-in (issue 10, "what to build" 1) and the sign-in rate limit (table, 4).</summary>
[Collection(PortalCollection.Name)]
public sealed class SignInHardeningTests(ProductionSignInPortal portal) : IClassFixture<ProductionSignInPortal>, IAsyncLifetime
{
    /// <summary>A client at its own address: the rate limit and lockout are per client, and each test is its own client.</summary>
    private HttpClient Client([System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var address = IPAddress.Parse($"10.0.{(test.GetHashCode() & 0x7f) + 1}.{(test.Length % 200) + 1}");
        return ClientAt(address);
    }

    private HttpClient ClientAt(IPAddress address)
    {
        var handler = portal.Factory.Server.CreateHandler(context => context.Connection.RemoteIpAddress = address);
        return new HttpClient(handler) { BaseAddress = portal.Factory.Server.BaseAddress };
    }

    /// <summary>A sign-in that claims, in all three headers a proxy might set, to come from somewhere else each time.</summary>
    private static HttpRequestMessage Forged(object body, int i)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", $"10.9.{i}.{i + 1}");
        request.Headers.Add("Forwarded", $"for=10.8.{i}.{i + 1};proto=https");
        request.Headers.Add("X-Real-IP", $"10.7.{i}.{i + 1}");
        return request;
    }

    public Task InitializeAsync() => portal.Factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Code(string key, int stepsAhead = 0) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(TestClock.Now.UtcDateTime.AddSeconds(30 * stepsAhead));

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, object body) => await client.PostAsJsonAsync("/api/auth/login", body);

    [Fact]
    public async Task An_account_with_two_factor_needs_its_code_and_each_code_and_recovery_code_works_once()
    {
        using var client = Client();
        var token = (await (await LoginAsync(client, new { email = "hanoi@childcare.local", password = "ChildCare@2024" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var setup = await (await client.PostAsJsonAsync("/api/account/2fa", new { })).Content.ReadFromJsonAsync<JsonElement>();
        setup.GetProperty("isTwoFactorEnabled").GetBoolean().ShouldBeFalse();
        var key = setup.GetProperty("sharedKey").GetString()!;

        (await client.PostAsJsonAsync("/api/account/2fa", new { enable = true, twoFactorCode = "000000" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var on = await (await client.PostAsJsonAsync("/api/account/2fa", new { enable = true, twoFactorCode = Code(key) })).Content.ReadFromJsonAsync<JsonElement>();
        on.GetProperty("isTwoFactorEnabled").GetBoolean().ShouldBeTrue();
        var recovery = on.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        recovery.Count.ShouldBe(10);
        client.DefaultRequestHeaders.Authorization = null;

        var passwordOnly = await LoginAsync(client, new { email = "hanoi@childcare.local", password = "ChildCare@2024" });
        passwordOnly.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = await passwordOnly.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("RequiresTwoFactor");
        problem.GetProperty("detail").GetString()!.ShouldContain("xác thực hai bước");

        var next = Code(key, 1);
        (await LoginAsync(client, new { email = "hanoi@childcare.local", password = "ChildCare@2024", twoFactorCode = next })).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The same code again (or an older one) is refused: a code is good once.
        (await LoginAsync(client, new { email = "hanoi@childcare.local", password = "ChildCare@2024", twoFactorCode = next })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginAsync(client, new { email = "hanoi@childcare.local", password = "ChildCare@2024", twoFactorCode = Code(key) })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await LoginAsync(client, new { email = "hanoi@childcare.local", password = "ChildCare@2024", twoFactorRecoveryCode = recovery[0] })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await LoginAsync(client, new { email = "hanoi@childcare.local", password = "ChildCare@2024", twoFactorRecoveryCode = recovery[0] })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // A wrong password with a right code tells nothing more than a wrong password.
        var wrong = await LoginAsync(client, new { email = "hanoi@childcare.local", password = "Sai-mat-khau1", twoFactorCode = Code(key, 2) });
        (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe(Web.Security.SignInCheck.FailedMessage);
    }

    [Fact]
    public async Task A_role_that_requires_two_factor_may_only_enrol_until_it_has()
    {
        using var client = Client();
        var token = (await (await LoginAsync(client, new { email = "admin@childcare.local", password = "ChildCare@2024" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var refused = await client.GetAsync("/api/users");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("RequiresTwoFactorSetup");

        var key = (await (await client.PostAsJsonAsync("/api/account/2fa", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        (await client.PostAsJsonAsync("/api/account/2fa", new { enable = true, twoFactorCode = Code(key) })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/account/2fa", new { enable = false })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        client.DefaultRequestHeaders.Authorization = null;
        var again = await (await LoginAsync(client, new { email = "admin@childcare.local", password = "ChildCare@2024", twoFactorCode = Code(key, 1) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", again.GetProperty("accessToken").GetString());
        (await client.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The page route too: a browser session without two-factor is sent to enrol.
        using var browser = Client();
        (await browser.GetAsync("/account/two-factor")).StatusCode.ShouldBe(HttpStatusCode.Redirect); // anonymous: to sign in first
    }

    [Fact]
    public async Task Forty_sign_ins_in_a_row_from_one_client_meet_429_with_retry_after()
    {
        using var client = Client();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 40; i++)
            answers.Add(await LoginAsync(client, new { email = $"x{i}@example.vn", password = "Sai-mat-khau1" }));

        answers.Take(20).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Unauthorized);
        var limited = answers.Skip(20).ToList();
        limited.ShouldAllBe(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        int.Parse(limited[0].Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        (await limited[0].Content.ReadAsStringAsync()).ShouldContain("thử lại sau");
        // Other pages are not limited.
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DataProtection_keys_are_stored_encrypted_with_the_configured_certificate()
    {
        using var client = Client();
        (await LoginAsync(client, new { email = "hanoi@childcare.local", password = "ChildCare@2024" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = new Npgsql.NpgsqlConnection(portal.Factory.ConnectionString);
        await db.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT \"Xml\" FROM \"DataProtectionKeys\"", db);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => k.Contains("encryptedSecret") && !k.Contains("unencrypted form"));
    }

    [Fact] // second review, finding 1
    public async Task Forged_forwarding_headers_do_not_move_a_client_out_of_its_rate_limit()
    {
        using var client = Client();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var request = Forged(new { email = $"khong-co{i}@example.vn", password = "Sai-mat-khau1" }, i);
            answers.Add((await client.SendAsync(request)).StatusCode);
        }
        answers.Take(20).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        answers.Skip(20).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests, "no proxy is named: the headers are the client's own words");
    }

    [Fact] // second review, finding 1
    public async Task Forged_forwarding_headers_do_not_escape_the_lockout_of_an_account_from_a_client()
    {
        using var client = Client();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = Forged(new { email = "hanoi@childcare.local", password = $"Sai-mat-khau{i}" }, i);
            (await client.SendAsync(wrong)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        using var right = Forged(new { email = "hanoi@childcare.local", password = "ChildCare@2024" }, 99);
        var answer = await client.SendAsync(right);
        answer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "five wrong passwords from this client locked it out of the account, whatever it claims");
        // Another client still signs in: the lockout is the pair's, not the owner's.
        using var owner = ClientAt(IPAddress.Parse("10.200.0.1"));
        (await LoginAsync(owner, new { email = "hanoi@childcare.local", password = "ChildCare@2024" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact] // second review, finding 1: code guessing is limited per account, not only per address
    public async Task Wrong_two_factor_codes_from_many_addresses_close_the_accounts_second_step()
    {
        using var client = Client();
        var token = (await (await LoginAsync(client, new { email = "hanoi@childcare.local", password = "ChildCare@2024" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var key = (await (await client.PostAsJsonAsync("/api/account/2fa", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        (await client.PostAsJsonAsync("/api/account/2fa", new { enable = true, twoFactorCode = Code(key) })).EnsureSuccessStatusCode();

        // Five guesses, each from another address: each address is under its own limits, the account counts them all.
        for (var i = 0; i < 5; i++)
        {
            using var guesser = ClientAt(IPAddress.Parse($"10.77.{i}.1"));
            (await LoginAsync(guesser, new { email = "hanoi@childcare.local", password = "ChildCare@2024", twoFactorCode = "000000" }))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        using var owner = ClientAt(IPAddress.Parse("10.77.200.1"));
        var refused = await LoginAsync(owner, new { email = "hanoi@childcare.local", password = "ChildCare@2024", twoFactorCode = Code(key, 1) });
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the right code, but the second step is closed for a while");
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("tạm khóa");
    }

    [Fact] // second review, finding 9
    public async Task A_claimed_https_scheme_is_not_believed_without_a_named_proxy()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{Guid.NewGuid()}/submit");
        request.Headers.Add("Cookie", "ChildCare.Auth=anything");
        request.Headers.Add("Origin", "https://localhost");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the request came over http: an https Origin is another site");
        (await response.Content.ReadAsStringAsync()).ShouldContain("CSRF");
    }
}
