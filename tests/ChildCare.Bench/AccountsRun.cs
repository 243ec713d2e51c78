using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChildCare.Core.Seed;

namespace ChildCare.Bench;

/// <summary>
/// The nation's people (issue 18, item 8): a fresh portal (migrate and seed timed), then every commune of the 34
/// provinces onboarded through the API from lists of 3,321 rows — three rounds (two reporters and a reviewer each) to
/// ≈ 10,000 accounts, preview and apply timed — then the reads a province and the centre make at that size, over HTTP:
/// the org tree, the unit picker (accent-blind), the users list (paged, searched; the centre's and a province's), the
/// onboarding view (the nation's and Nghệ An's).
///
///   dotnet run -c Release --project tests/ChildCare.Bench -- --accounts [--iterations 30]
/// </summary>
internal static class AccountsRun
{
    public static async Task RunAsync(string cs, int iterations)
    {
        var start = Stopwatch.StartNew();
        await using var portal = new BenchPortal(cs);
        using var anonymous = portal.CreateClient();
        Console.WriteLine($"{"first start (migrate, seed nation and demo)",-52} {start.Elapsed.TotalSeconds,8:N1} s");

        async Task<HttpClient> SignedInAsync(string email)
        {
            var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = "ChildCare@2024" });
            login.EnsureSuccessStatusCode();
            var client = portal.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
            return client;
        }
        using var admin = await SignedInAsync("admin@childcare.local");
        using var province = await SignedInAsync("quantri.nghean@childcare.local");

        var communes = Nation2025.Communes().ToList();
        foreach (var (round, role) in new[] { (1, "Reporter"), (2, "Reporter"), (3, "Reviewer") })
        {
            var csv = new StringBuilder("unitCode,fullName,email,role,phone\n");
            foreach (var c in communes)
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{c.Code},Văn phòng {c.PartyCommittee} {round},vp{round}.{c.GsoCode}@childcare.local,{role},09{c.GsoCode.PadLeft(8, '0')}\n");
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var watch = Stopwatch.StartNew();
            var previewResponse = await admin.PostAsync("/api/users/imports", new MultipartFormDataContent { { file, "file", $"ca-nuoc-{round}.csv" } });
            previewResponse.EnsureSuccessStatusCode();
            var preview = await previewResponse.Content.ReadFromJsonAsync<JsonElement>();
            var previewed = watch.Elapsed;
            watch.Restart();
            var applied = await admin.PostAsync($"/api/users/imports/{preview.GetProperty("id").GetGuid()}/apply", null);
            applied.EnsureSuccessStatusCode();
            var created = (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32();
            Console.WriteLine($"{$"list {round}: {communes.Count:N0} rows ({role})",-52} preview {previewed.TotalSeconds,5:N1} s ({preview.GetProperty("summary").GetProperty("ok").GetInt32():N0} ok), apply {watch.Elapsed.TotalSeconds,5:N1} s ({created:N0} created, each invited)");
        }
        var ngheAn = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/org-units?search=P40&take=5000"))!.Single(u => u.GetProperty("code").GetString() == "P40").GetProperty("id").GetGuid();
        var today = ChildCare.Core.Domain.Deadlines.TodayInVietnam(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Console.WriteLine();
        Console.WriteLine($"{"read over HTTP (" + iterations + " runs each)",-52} {"p50 ms",8} {"p95 ms",8}  size");
        var reads = new (string Label, HttpClient Client, string Path)[]
        {
            ("org tree: every unit today (the tree page's data)", admin, $"/api/org-units?asOf={today}&take=5000"),
            ("unit picker: \"hoa\" (finds Hòa and Hoà), 30", admin, "/api/org-units?search=hoa&take=30"),
            ("unit picker: \"Hòa Bình\", 30", admin, "/api/org-units?search=H%C3%B2a%20B%C3%ACnh&take=30"),
            ("users: centre, first page of 25", admin, "/api/users?take=25"),
            ("users: centre, search \"16681\"", admin, "/api/users?search=16681&take=25"),
            ("users: centre, awaiting activation, page 40", admin, "/api/users?filter=AwaitingActivation&skip=975&take=25"),
            ("users: Nghệ An's unit administrator, first page", province, "/api/users?take=25"),
            ("onboarding: the nation (34 provinces)", admin, "/api/onboarding"),
            ("onboarding: Nghệ An (130 communes)", province, $"/api/onboarding?orgUnitId={ngheAn}"),
        };
        foreach (var (label, client, path) in reads)
        {
            var size = 0;
            var timing = await Timing.Of(iterations, async () =>
            {
                var response = await client.GetAsync(path);
                response.EnsureSuccessStatusCode();
                size = (await response.Content.ReadAsByteArrayAsync()).Length;
                return size;
            });
            Console.WriteLine($"{label,-52} {timing.P50,8:N1} {timing.P95,8:N1}  {size / 1024.0,6:N0} KB");
        }
        var total = (await admin.GetFromJsonAsync<JsonElement>("/api/onboarding")).GetProperty("units").EnumerateArray()
            .Sum(u => u.GetProperty("below").GetProperty("expectedUnits").GetInt32());
        Console.WriteLine($"(accounts: {await CountAsync(cs):N0}; onboarding of the nation covers {total:N0} communes)");
    }

    private static async Task<long> CountAsync(string cs)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cs);
        await connection.OpenAsync();
        return (long)(await new Npgsql.NpgsqlCommand("SELECT count(*) FROM \"AspNetUsers\"", connection).ExecuteScalarAsync())!;
    }
}
