using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChildCare.Bench;

/// <summary>
/// Whether a failed sign-in tells anything about the account (issue 10, item 5): the answer and its time
/// for an unknown e-mail, a wrong password, a disabled account and a locked-out client, side by side.
///
///   dotnet run -c Release --project tests/ChildCare.Bench -- --signin [--iterations 100]
/// </summary>
internal static class SignInTiming
{
    public static async Task RunAsync(string cs, int iterations)
    {
        await using var portal = new BenchPortal(cs);
        using var client = portal.CreateClient();
        async Task<(int Status, string Detail)> LoginAsync(string email, string password)
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
            var body = await response.Content.ReadAsStringAsync();
            var detail = body.StartsWith('{') && JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
            return ((int)response.StatusCode, detail);
        }

        var admin = await client.PostAsJsonAsync("/api/auth/login", new { email = "admin@childcare.local", password = "ChildCare@2024" });
        var token = (await admin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var adminClient = portal.CreateClient();
        adminClient.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var badinh = (await adminClient.GetFromJsonAsync<List<JsonElement>>("/api/users?search=badinh"))!
            .Single(u => u.GetProperty("email").GetString() == "badinh@childcare.local").GetProperty("id").GetString();
        (await adminClient.PostAsync($"/api/users/{badinh}/disable", null)).EnsureSuccessStatusCode();
        for (var i = 0; i < 5; i++) await LoginAsync("haibatrung@childcare.local", $"Sai-{i}-mat-khau"); // this client is now locked out of it

        var cases = new (string Label, string Email)[]
        {
            ("unknown e-mail", "khong-ton-tai@childcare.local"),
            ("existing account, wrong password", "hanoi@childcare.local"),
            ("disabled account, wrong password", "badinh@childcare.local"),
            ("locked out (this client), wrong password", "haibatrung@childcare.local"),
        };
        Console.WriteLine($"{"failed sign-in (" + iterations + " each)",-44} {"p50 ms",8} {"p95 ms",8}  answer");
        var answers = new HashSet<string>();
        foreach (var (label, email) in cases)
        {
            for (var i = 0; i < 5; i++) await LoginAsync(email, "Sai-mat-khau-1"); // warm up
            var samples = new List<double>();
            string answer = "";
            for (var i = 0; i < iterations; i++)
            {
                var watch = Stopwatch.StartNew();
                var (status, detail) = await LoginAsync(email, "Sai-mat-khau-1");
                samples.Add(watch.Elapsed.TotalMilliseconds);
                answer = $"{status} {detail}";
            }
            samples.Sort();
            answers.Add(answer);
            Console.WriteLine($"{label,-44} {samples[samples.Count / 2],8:N1} {samples[(int)(samples.Count * 0.95) - 1],8:N1}  {answer[..Math.Min(answer.Length, 40)]}…");
        }
        Console.WriteLine(answers.Count == 1 ? "One answer for all four." : $"{answers.Count} different answers: an account's state shows!");
        (await adminClient.PostAsync($"/api/users/{badinh}/enable", null)).EnsureSuccessStatusCode();
    }
}
