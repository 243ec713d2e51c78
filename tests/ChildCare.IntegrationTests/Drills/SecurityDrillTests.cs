using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ChildCare.Tests.Shared;
using OtpNet;
using Xunit.Abstractions;

namespace ChildCare.IntegrationTests.Drills;

/// <summary>
/// Production's shape: two portal processes on one database behind nginx, which is the one proxy they name
/// (ForwardedHeaders__KnownProxies=127.0.0.1), 20 sign-ins a minute per client. Clients connect from other loopback
/// addresses (127.0.0.2 …), so nginx's X-Forwarded-For carries a real, different client.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SecurityDrillTests(TwoPortalsBehindNginx cluster, ITestOutputHelper output)
{
    private const string Password = "ChildCare@2024";

    private static HttpRequestMessage ForgedLogin(string email, string password, int i)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", $"10.9.{i}.{i + 1}");
        request.Headers.Add("Forwarded", $"for=10.8.{i}.{i + 1}");
        request.Headers.Add("X-Real-IP", $"10.7.{i}.{i + 1}");
        return request;
    }

    private static async Task<List<HttpStatusCode>> ThirtyForgedSignInsAsync(HttpClient client, string tag)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var request = ForgedLogin($"{tag}{i}@example.vn", "Sai-mat-khau1", i);
            answers.Add((await client.SendAsync(request)).StatusCode);
        }
        return answers;
    }

    [Fact]
    public async Task Forged_forwarding_headers_meet_the_rate_limit_through_the_proxy_and_directly()
    {
        // Through nginx: the portal believes nginx's right-most entry (the real client, 127.0.0.2), not what the client wrote.
        using (var viaProxy = TwoPortalsBehindNginx.From("127.0.0.2", cluster.Nginx.Address))
        {
            var answers = await ThirtyForgedSignInsAsync(viaProxy, "qua-proxy");
            output.WriteLine($"through nginx: {answers.Count(a => a == HttpStatusCode.Unauthorized)} × 401, {answers.Count(a => a == HttpStatusCode.TooManyRequests)} × 429");
            answers.Take(20).ShouldAllBe(a => a == HttpStatusCode.Unauthorized);
            answers.Skip(20).ShouldAllBe(a => a == HttpStatusCode.TooManyRequests);
        }
        // Straight to a portal from an address that is not the named proxy: the headers are not believed at all.
        using var direct = TwoPortalsBehindNginx.From("127.0.0.3", cluster.Portals[1].Address);
        var straight = await ThirtyForgedSignInsAsync(direct, "truc-tiep");
        output.WriteLine($"directly: {straight.Count(a => a == HttpStatusCode.Unauthorized)} × 401, {straight.Count(a => a == HttpStatusCode.TooManyRequests)} × 429");
        straight.Take(20).ShouldAllBe(a => a == HttpStatusCode.Unauthorized);
        straight.Skip(20).ShouldAllBe(a => a == HttpStatusCode.TooManyRequests);
    }

    private static async Task<string> TokenAsync(HttpClient client, string email, string password = Password, string? code = null)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password, twoFactorCode = code });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static HttpClient As(string local, Uri address, string token)
    {
        var client = TwoPortalsBehindNginx.From(local, address);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>How long after the change each instance refused the token it had accepted before (polled every 20 ms, up to 10 s).</summary>
    private static async Task<TimeSpan> RefusedAfterAsync(HttpClient client, Stopwatch since)
    {
        while (since.Elapsed < TimeSpan.FromSeconds(10))
        {
            if ((await client.GetAsync("/api/me")).StatusCode == HttpStatusCode.Unauthorized) return since.Elapsed;
            await Task.Delay(20);
        }
        return TimeSpan.MaxValue;
    }

    private async Task OldTokensDieOnBothInstancesAsync(string what, string email, Func<Task> change, Func<int, string?>? code = null)
    {
        var (a, b) = (cluster.Portals[0].Address, cluster.Portals[1].Address);
        using var signIn = TwoPortalsBehindNginx.From("127.0.0.5", a);
        using var signInB = TwoPortalsBehindNginx.From("127.0.0.5", b);
        using var onA = As("127.0.0.5", a, await TokenAsync(signIn, email, code: code?.Invoke(1)));
        using var onB = As("127.0.0.5", b, await TokenAsync(signInB, email, code: code?.Invoke(2)));
        (await onA.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await onB.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK); // cached as live on B from here

        var clock = Stopwatch.StartNew();
        await change();
        var afterA = await RefusedAfterAsync(onA, clock);
        var afterB = await RefusedAfterAsync(onB, clock);
        output.WriteLine($"{what}: the old token refused on the instance that made the change after {afterA.TotalMilliseconds:0} ms, on the other after {afterB.TotalMilliseconds:0} ms");
        // Without the revocation event, B would answer from its 30-second cache: 10 s tells the two apart on any machine.
        afterA.ShouldBeLessThan(TimeSpan.FromSeconds(10), $"{what}: instance A");
        afterB.ShouldBeLessThan(TimeSpan.FromSeconds(10), $"{what}: instance B (the live event)");
    }

    [Fact]
    public async Task Reset_disable_and_two_factor_off_end_old_tokens_on_both_instances()
    {
        var a = cluster.Portals[0].Address;
        using var anonymous = TwoPortalsBehindNginx.From("127.0.0.4", a);
        using var admin = As("127.0.0.4", a, await TokenAsync(anonymous, "admin@childcare.local"));
        async Task<string> IdOf(string email) =>
            (await admin.GetFromJsonAsync<List<JsonElement>>($"/api/users?search={email}"))!.Single(u => u.GetProperty("email").GetString() == email)
                .GetProperty("id").GetString()!;

        var ward = "phuonghaibatrung@childcare.local";
        var wardId = await IdOf(ward);
        await OldTokensDieOnBothInstancesAsync("password reset", ward, async () =>
            (await admin.PostAsJsonAsync($"/api/users/{wardId}/reset-password", new { newPassword = Password })).EnsureSuccessStatusCode());

        var other = "phuongbadinh@childcare.local";
        var otherId = await IdOf(other);
        await OldTokensDieOnBothInstancesAsync("account disabled", other, async () =>
            (await admin.PostAsync($"/api/users/{otherId}/disable", null)).EnsureSuccessStatusCode());

        // Two-factor on for the city's reviewer, then off (with the password as proof).
        var city = "hanoi@childcare.local";
        using var cityClient = As("127.0.0.6", a, await TokenAsync(TwoPortalsBehindNginx.From("127.0.0.6", a), city));
        var key = (await (await cityClient.PostAsJsonAsync("/api/account/2fa", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        string Code(int step) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step));
        (await cityClient.PostAsJsonAsync("/api/account/2fa", new { enable = true, twoFactorCode = Code(0) })).EnsureSuccessStatusCode();
        // Codes are good once and in order (steps 1 and 2 for the two sign-ins): the proof for turning it off is the password.
        await OldTokensDieOnBothInstancesAsync("two-factor off", city, async () =>
            (await cityClient.PostAsJsonAsync("/api/account/2fa", new { enable = false, currentPassword = Password })).EnsureSuccessStatusCode(),
            code: Code);
    }
}
