using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Npgsql;

namespace ChildCare.Bench;

/// <summary>
/// Load figures of issue 12 against the running topology of <c>scripts/cluster.sh</c> (two portals, nginx, one
/// PostgreSQL), in one run — <c>scripts/load.sh</c> starts it with the raw yardstick endpoints on and calls this:
/// <list type="number">
/// <item>API throughput of the national compliance and indicators against the raw endpoint (one hand-written statement
/// building the same JSON, same process), with wrk, after checking both give the same figures;</item>
/// <item>memory per idle circuit after a full GC: N dashboards on portal 1, N report forms on portal 2 (Chromium);</item>
/// <item>a soak: U commune reporters filing through nginx for M minutes (read, save, draft, notifications), p95 per
/// endpoint, errors, both portals' memory over time;</item>
/// <item>the quarter-end burst: every commune committee (3,321) signs in and submits through nginx within B minutes.</item>
/// </list>
/// Simulated users come from 250 loopback addresses (127.0.0.2–251) so nginx's client-address hash spreads them over
/// both instances, as real offices' addresses do.
/// </summary>
internal static class LoadRun
{
    private const string Password = "ChildCare@2024";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Sample(string Endpoint, double Ms, bool Ok, string? Error)
    {
        /// <summary>When the answer came (a Stopwatch timestamp): a soak's steady state is told from its arrival.</summary>
        public long At { get; } = Stopwatch.GetTimestamp();
    }

    public static async Task RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        int IntArg(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var nginx = new Uri(Arg("--nginx", "http://127.0.0.1:5200"));
        var portals = new[] { new Uri(Arg("--portal1", "http://127.0.0.1:5201")), new Uri(Arg("--portal2", "http://127.0.0.1:5202")) };
        var connection = Arg("--connection", "Host=127.0.0.1;Port=5239;Database=childcare;Username=postgres");
        var pidFolder = Arg("--pids", "/var/tmp/childcare-cluster-root");
        var (wrkSeconds, circuits, soakUsers, soakMinutes, burstMinutes) =
            (IntArg("--wrk-seconds", 15), IntArg("--circuits", 100), IntArg("--soak-users", 300), IntArg("--soak-minutes", 10), IntArg("--burst-minutes", 10));
        var burstUsers = IntArg("--burst-users", int.MaxValue);
        // A soak user's pause between two rounds (read, save, draft, notifications), in seconds: "10-20" is a person typing
        // and saving now and then; "2-4" drives the machine to its ceiling.
        var think = Arg("--think", "10-20").Split('-').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        // Over how many minutes a soak's reporters arrive (sign in, open their report): offices start their day at
        // different times; 1 is a storm.
        var arrive = IntArg("--arrive-minutes", 1);
        var skip = args.SkipWhile(a => a != "--skip").Skip(1).FirstOrDefault()?.Split(',') ?? [];

        var ids = await IdsAsync(connection);
        using var analyst = await SignInAsync(portals[0], "tuyengiao@childcare.local", null);
        Console.WriteLine($"Load run {DateTime.Now:yyyy-MM-dd HH:mm}: nginx {nginx}, portals {portals[0]} {portals[1]}; {Environment.ProcessorCount} cores");
        Console.WriteLine($"  document 28-CT/TW, dashboards on {ids.DashboardPeriod}, reports for {ids.CurrentPeriod}; {ids.Communes.Count:N0} commune committees");

        if (!skip.Contains("api")) await ApiRatioAsync(analyst.Client, portals[0], connection, ids, wrkSeconds);
        if (!skip.Contains("circuits"))
        {
            using var admin = await SignInAsync(portals[0], "admin@childcare.local", null);
            await CircuitsAsync(portals, ids, circuits, admin.Token);
        }
        var users = await EnsureUsersAsync(connection, ids);
        if (!skip.Contains("soak")) await SoakAsync(nginx, portals, pidFolder, ids, users.Take(soakUsers).ToList(), TimeSpan.FromMinutes(soakMinutes), (think[0], think[^1]),
            TimeSpan.FromMinutes(arrive));
        if (!skip.Contains("burst")) await BurstAsync(nginx, ids, users.Take(burstUsers).ToList(), TimeSpan.FromMinutes(burstMinutes));
    }

    // ---- the world -------------------------------------------------------------------------------------------------

    private sealed record Ids(Guid DirectiveId, Guid NationId, Guid DashboardPeriodId, string DashboardPeriod, Guid CurrentPeriodId, string CurrentPeriod,
        List<(Guid Id, string Code)> Communes);

    private static async Task<Ids> IdsAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        async Task<List<object[]>> RowsAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, db);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<object[]>();
            while (await reader.ReadAsync())
            {
                var row = new object[reader.FieldCount];
                reader.GetValues(row);
                rows.Add(row);
            }
            return rows;
        }
        var directive = (Guid)(await RowsAsync("""SELECT "Id" FROM directives WHERE "Code" = '28-CT/TW' AND "IssuerUnitId" IS NULL"""))[0][0];
        var nation = (Guid)(await RowsAsync("""SELECT "Id" FROM org_units WHERE "ParentId" IS NULL AND "Kind" = 'CentralCommittee' LIMIT 1"""))[0][0];
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var current = (await RowsAsync($"""
            SELECT "Id", "Code" FROM reporting_periods WHERE "DirectiveId" = '{directive}' AND "Kind" = 'Quarter' AND "StartsOn" <= '{today}' AND "EndsOn" >= '{today}'
            """))[0];
        var closed = (await RowsAsync($"""
            SELECT "Id", "Code" FROM reporting_periods WHERE "DirectiveId" = '{directive}' AND "Kind" = 'Quarter' AND "EndsOn" < '{today}' ORDER BY "EndsOn" DESC LIMIT 1
            """))[0];
        var communes = (await RowsAsync($"""
            SELECT v."OrgUnitId", v."Code" FROM org_unit_versions v
            WHERE v."Kind" = 'GrassrootsCommittee' AND v."Depth" = 2 AND (v."ValidFrom" IS NULL OR v."ValidFrom" <= '{today}') AND (v."ValidTo" IS NULL OR v."ValidTo" >= '{today}')
            ORDER BY v."Code"
            """)).Select(r => ((Guid)r[0], (string)r[1])).ToList();
        return new Ids(directive, nation, (Guid)closed[0], (string)closed[1], (Guid)current[0], (string)current[1], communes);
    }

    /// <summary>One reporter account per commune committee (load-CODE@childcare.local), cloned from the demo reporter's row.</summary>
    private static async Task<List<(string Email, Guid UnitId)>> EnsureUsersAsync(string connection, Ids ids)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var columns = new List<string>();
        await using (var command = new NpgsqlCommand("""SELECT column_name FROM information_schema.columns WHERE table_name = 'AspNetUsers' ORDER BY ordinal_position""", db))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        var replaced = new Dictionary<string, string>
        {
            ["Id"] = "gen_random_uuid()",
            ["UserName"] = "'load-' || lower(c.code) || '@childcare.local'",
            ["NormalizedUserName"] = "upper('load-' || c.code || '@childcare.local')",
            ["Email"] = "'load-' || lower(c.code) || '@childcare.local'",
            ["NormalizedEmail"] = "upper('load-' || c.code || '@childcare.local')",
            ["SecurityStamp"] = "upper(replace(gen_random_uuid()::text, '-', ''))",
            ["ConcurrencyStamp"] = "gen_random_uuid()::text",
            ["OrgUnitId"] = "c.id",
            ["FullName"] = "'Cán bộ báo cáo ' || c.code",
            ["PreferredDirectiveId"] = "NULL",
        };
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select(c => replaced.GetValueOrDefault(c) ?? $"t.\"{c}\""));
        var sql = $"""
            WITH c(id, code) AS (SELECT * FROM unnest(@ids, @codes)),
                 t AS (SELECT * FROM "AspNetUsers" WHERE "NormalizedEmail" = 'PHUONGHAIBATRUNG@CHILDCARE.LOCAL')
            INSERT INTO "AspNetUsers" ({list})
            SELECT {values} FROM c, t
            WHERE NOT EXISTS (SELECT 1 FROM "AspNetUsers" x WHERE x."NormalizedEmail" = upper('load-' || c.code || '@childcare.local'));
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
            SELECT u."Id", r."RoleId" FROM "AspNetUsers" u,
                   (SELECT "RoleId" FROM "AspNetUserRoles" ur JOIN "AspNetUsers" t ON t."Id" = ur."UserId" WHERE t."NormalizedEmail" = 'PHUONGHAIBATRUNG@CHILDCARE.LOCAL') r
            WHERE u."NormalizedEmail" LIKE 'LOAD-%' AND NOT EXISTS (SELECT 1 FROM "AspNetUserRoles" x WHERE x."UserId" = u."Id" AND x."RoleId" = r."RoleId");
            """;
        await using (var command = new NpgsqlCommand(sql, db))
        {
            command.Parameters.AddWithValue("ids", ids.Communes.Select(c => c.Id).ToArray());
            command.Parameters.AddWithValue("codes", ids.Communes.Select(c => c.Code).ToArray());
            await command.ExecuteNonQueryAsync();
        }
        return ids.Communes.Select(c => ($"load-{c.Code.ToLowerInvariant()}@childcare.local", c.Id)).ToList();
    }

    // ---- clients ---------------------------------------------------------------------------------------------------

    private sealed record SignedIn(HttpClient Client, string Token) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    /// <summary>A client whose connections leave from <paramref name="source"/> (a loopback address), bearer-signed-in.</summary>
    private static async Task<SignedIn> SignInAsync(Uri baseAddress, string email, IPAddress? source, Action<Sample>? record = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(30), MaxConnectionsPerServer = 4 };
        if (source is not null)
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        record?.Invoke(new Sample("POST /api/auth/login", clock.Elapsed.TotalMilliseconds, response.IsSuccessStatusCode,
            response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode}"));
        if (!response.IsSuccessStatusCode)
        {
            client.Dispose();
            throw new HttpRequestException($"sign-in of {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new SignedIn(client, token);
    }

    private static IPAddress SourceFor(int user) => new([127, 0, 0, (byte)(2 + user % 250)]);

    /// <summary>Sends, times and records one request; returns the response body as JSON (or null when it failed).</summary>
    private static async Task<JsonElement?> CallAsync(HttpClient client, string name, HttpRequestMessage request, Action<Sample> record)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var ms = clock.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                record(new Sample(name, ms, false, $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 160)]}"));
                return null;
            }
            record(new Sample(name, ms, true, null));
            return body.Length == 0 ? default(JsonElement) : JsonSerializer.Deserialize<JsonElement>(body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            record(new Sample(name, clock.Elapsed.TotalMilliseconds, false, e.GetType().Name + " " + e.Message));
            return null;
        }
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Send(HttpMethod method, string url, object? body) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body, options: Json) };

    // ---- 1. API against the raw statement ------------------------------------------------------------------------

    private static async Task ApiRatioAsync(HttpClient analyst, Uri portal, string connection, Ids ids, int seconds)
    {
        var query = $"directiveId={ids.DirectiveId}&periodId={ids.DashboardPeriodId}&orgUnitId={ids.NationId}";
        var (yardstick, rawAddress) = await RawYardstick.StartAsync(connection);
        await using var _ = yardstick;
        using var rawClient = new HttpClient { BaseAddress = rawAddress };
        Console.WriteLine();
        Console.WriteLine($"1. API against one hand-written statement (portal 1 directly; the statement served by the bench at {rawAddress}, no authentication; " +
                          $"wrk 2 threads, 16 connections, {seconds} s each; national, {ids.DashboardPeriod})");
        // The yardstick must answer the same: compare the figures before timing anything.
        var api = await analyst.GetFromJsonAsync<JsonElement>($"/api/dashboard/compliance?{query}");
        var raw = await rawClient.GetFromJsonAsync<JsonElement>($"/bench/raw/compliance?{query}");
        var fields = new[] { "expected", "onTime", "late", "returned", "missing", "accepted", "submitted", "plansIssued" };
        var differ = fields.Where(f => api.GetProperty(f).GetInt32() != raw.GetProperty(f).GetInt32()).ToList();
        var unitStatus = (JsonElement j) => j.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("orgUnitId").GetString() + u.GetProperty("status").GetString()).Order();
        if (!unitStatus(api).SequenceEqual(unitStatus(raw))) differ.Add("units");
        var apiIndicators = await analyst.GetFromJsonAsync<JsonElement>($"/api/dashboard/indicators?{query}");
        var rawIndicators = await rawClient.GetFromJsonAsync<JsonElement>($"/bench/raw/indicators?{query}");
        string Key(JsonElement i) => $"{i.GetProperty("indicatorId").GetString()} {(i.GetProperty("value").ValueKind == JsonValueKind.Number ? Math.Round(i.GetProperty("value").GetDecimal(), 4) : null)} {i.GetProperty("status").GetString()} {i.GetProperty("reportingUnits").GetInt32()}";
        var indicatorsAgree = apiIndicators.EnumerateArray().Select(Key).Order().SequenceEqual(rawIndicators.EnumerateArray().Select(Key).Order());
        if (!indicatorsAgree)
        {
            differ.Add("indicators");
            var rawKeys = rawIndicators.EnumerateArray().Select(Key).ToHashSet();
            foreach (var key in apiIndicators.EnumerateArray().Select(Key).Where(k => !rawKeys.Contains(k)).Take(3))
                Console.WriteLine($"   API {key} ≠ raw {rawIndicators.EnumerateArray().Select(Key).FirstOrDefault(k => k[..36] == key[..36])}");
        }
        Console.WriteLine($"   same figures from both: {(differ.Count == 0 ? "yes" : "NO: " + string.Join(", ", differ))} " +
                          $"({api.GetProperty("expected").GetInt32()} provinces, {api.GetProperty("submitted").GetInt32()} submitted; {apiIndicators.GetArrayLength()} indicators); " +
                          $"JSON {JsonSerializer.Serialize(api).Length:N0} / {raw.GetRawText().Length:N0} bytes (compliance API / raw)");
        var token = analyst.DefaultRequestHeaders.Authorization!.Parameter!;
        Console.WriteLine($"   {"request",-34} {"req/s",8} {"p50",8} {"p90",8} {"p99",8}   ratio API/raw");
        foreach (var what in new[] { "compliance", "indicators" })
        {
            var a = await WrkAsync(new Uri(portal, $"/api/dashboard/{what}?{query}"), token, seconds);
            var r = await WrkAsync(new Uri(rawAddress, $"/bench/raw/{what}?{query}"), token, seconds);
            Console.WriteLine($"   {"GET /api/dashboard/" + what,-34} {a.Rps,8:N0} {a.P50,8} {a.P90,8} {a.P99,8}   {a.Rps / r.Rps:N2}");
            Console.WriteLine($"   {"  raw statement",-34} {r.Rps,8:N0} {r.P50,8} {r.P90,8} {r.P99,8}   (errors: API {a.Errors}, raw {r.Errors})");
        }
    }

    private sealed record WrkResult(double Rps, string P50, string P90, string P99, int Errors);

    private static async Task<WrkResult> WrkAsync(Uri url, string token, int seconds)
    {
        var info = new ProcessStartInfo("wrk", ["-t2", "-c16", $"-d{seconds}s", "--latency", "-H", $"Authorization: Bearer {token}", url.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk)");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        string Find(string prefix) => output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] ?? "?";
        var rps = double.Parse(Find("Requests/sec:"), CultureInfo.InvariantCulture);
        var non2xx = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Non-2xx", StringComparison.Ordinal));
        var errors = non2xx is null ? 0 : int.Parse(non2xx.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
        return new WrkResult(rps, Find("50%"), Find("90%"), Find("99%"), errors);
    }

    // ---- 2. circuits ----------------------------------------------------------------------------------------------

    private static async Task CircuitsAsync(Uri[] portals, Ids ids, int count, string analystToken)
    {
        Console.WriteLine();
        Console.WriteLine($"2. Memory per idle circuit: {count} pages each, headless Chromium, after a full compacting GC in the portal");
        var chromium = Environment.GetEnvironmentVariable("CHILDCARE_CHROMIUM") ?? "/usr/bin/chromium";
        using var playwright = await Playwright.CreateAsync();
        // The reporter's report of the current quarter (created if missing): the form measured on portal 2.
        using var reporter = await SignInAsync(portals[1], "phuonghaibatrung@childcare.local", null);
        var unit = (await reporter.Client.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("orgUnitId").GetString();
        var ensured = await reporter.Client.PostAsJsonAsync("/api/reports", new { directiveId = ids.DirectiveId, periodId = ids.CurrentPeriodId, orgUnitId = unit });
        var reportId = (await ensured.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var cases = new[]
        {
            ("national dashboard", portals[0], "tuyengiao@childcare.local",
                $"/dashboard?directiveId={ids.DirectiveId}&orgUnitId={ids.NationId}&periodId={ids.DashboardPeriodId}", analystToken),
            ("report form", portals[1], "phuonghaibatrung@childcare.local", $"/reports/{reportId}", reporter.Token),
        };
        foreach (var (name, portal, email, url, token) in cases)
        {
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run",
                    "--renderer-process-limit=6"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.ToString(), Locale = "vi-VN" });
            context.SetDefaultTimeout(120_000);
            var first = await context.NewPageAsync();
            await first.GotoAsync("/account/login");
            await first.GetByLabel("E-mail").FillAsync(email);
            await first.GetByLabel("Mật khẩu").FillAsync(Password);
            await first.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            await first.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
            // A few circuits first, so what is measured is the circuits, not the first render's caches.
            var pages = new List<IPage> { first };
            async Task OpenAsync()
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(url);
                await page.Locator("[data-interactive=true]").WaitForAsync();
                pages.Add(page);
            }
            await first.GotoAsync(url);
            await first.Locator("[data-interactive=true]").WaitForAsync();
            for (var i = 0; i < 4; i++) await OpenAsync();
            await Task.Delay(5_000);
            var before = await MemoryAsync(portal, token);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++) await OpenAsync();
            var opened = clock.Elapsed;
            await Task.Delay(10_000); // idle
            var after = await MemoryAsync(portal, token);
            var live = 0;
            foreach (var page in pages) live += await page.Locator("[data-interactive=true]").CountAsync();
            Console.WriteLine($"   {name,-20} {count} circuits opened in {opened.TotalSeconds:N0} s ({live} pages live): managed heap {Mb(before.Managed)} → {Mb(after.Managed)}, " +
                              $"{(after.Managed - before.Managed) / count / 1024.0:N0} KB per circuit; working set {Mb(before.WorkingSet)} → {Mb(after.WorkingSet)}, " +
                              $"{(after.WorkingSet - before.WorkingSet) / count / 1024.0:N0} KB per circuit");
        }
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:N1} MB";

    private static async Task<(long Managed, long WorkingSet)> MemoryAsync(Uri portal, string token)
    {
        using var client = new HttpClient { BaseAddress = portal, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var m = await client.GetFromJsonAsync<JsonElement>("/api/admin/runtime?gc=true");
        return (m.GetProperty("managedBytes").GetInt64(), m.GetProperty("workingSetBytes").GetInt64());
    }

    // ---- 3. soak --------------------------------------------------------------------------------------------------

    private static JsonObject ReportBody(JsonElement report, int round)
    {
        var areas = new JsonArray(report.GetProperty("taskAreas").EnumerateArray().Select(a => (JsonNode)new JsonObject
        {
            ["taskAreaId"] = a.GetProperty("taskAreaId").GetString(),
            ["status"] = "OnTrack",
            ["percentComplete"] = Math.Min(100, 20 + round * 5),
            ["results"] = $"Đã tổ chức {round + 3} buổi tuyên truyền về chăm sóc, giáo dục và bảo vệ trẻ em (lần cập nhật {round}).",
            ["difficulties"] = "Kinh phí và nhân lực còn hạn chế.",
            ["proposals"] = "Đề nghị tỉnh hỗ trợ tài liệu tuyên truyền.",
        }).ToArray());
        var values = new JsonArray(report.GetProperty("indicatorValues").EnumerateArray().Select(v => (JsonNode)(v.GetProperty("aggregation").GetString() == "Rate"
            ? new JsonObject { ["indicatorId"] = v.GetProperty("indicatorId").GetString(), ["numerator"] = 90 + round % 10, ["denominator"] = 100 }
            : new JsonObject { ["indicatorId"] = v.GetProperty("indicatorId").GetString(), ["value"] = 10 + round })).ToArray());
        return new JsonObject { ["version"] = report.GetProperty("version").GetUInt32(), ["taskAreas"] = areas, ["indicatorValues"] = values };
    }

    private static async Task SoakAsync(Uri nginx, Uri[] portals, string pidFolder, Ids ids, List<(string Email, Guid UnitId)> users, TimeSpan length,
        (int From, int To) think, TimeSpan arrival)
    {
        Console.WriteLine();
        Console.WriteLine($"3. Soak: {users.Count} commune reporters through nginx for {length.TotalMinutes:N0} min, arriving over the first {arrival.TotalMinutes:N0} min, each every " +
                          $"{think.From}–{think.To} s: read the report, save it, write the draft buffer, read notifications (and sign in, open the report once)");
        var samples = new ConcurrentBag<Sample>();
        var memory = new List<string>();
        using var stop = new CancellationTokenSource(length);
        var pids = portals.Select((_, i) => Path.Combine(pidFolder, $"portal{i + 1}.pid")).Select(f => File.Exists(f) ? int.Parse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture) : 0).ToArray();
        string Rss() => string.Join(" / ", pids.Select(pid => pid > 0 && File.Exists($"/proc/{pid}/status")
            ? Mb(long.Parse(File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024)
            : "?"));
        memory.Add($"start {Rss()}");
        var sampler = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(1), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                lock (memory) memory.Add($"{clock.Elapsed.TotalMinutes:N0} min {Rss()}");
            }
        });
        var clock = Stopwatch.StartNew();
        var started = Stopwatch.GetTimestamp();
        var tasks = users.Select((user, i) => Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)arrival.TotalMilliseconds))); // users arrive over the arrival window
            using var me = await SignInAsync(nginx, user.Email, SourceFor(i), samples.Add);
            var ensured = await CallAsync(me.Client, "POST /api/reports", Send(HttpMethod.Post, "/api/reports",
                new { directiveId = ids.DirectiveId, periodId = ids.CurrentPeriodId, orgUnitId = user.UnitId }), samples.Add);
            if (ensured is not { } created) return;
            var id = created.GetProperty("id").GetString();
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                if (await CallAsync(me.Client, "GET /api/reports/{id}", Get($"/api/reports/{id}"), samples.Add) is not { } report) continue;
                if (report.GetProperty("status").GetString() is not ("Draft" or "Returned")) break;
                var body = ReportBody(report, round);
                await CallAsync(me.Client, "PUT /api/reports/{id}/draft", Send(HttpMethod.Put, $"/api/reports/{id}/draft",
                    new { baseVersion = report.GetProperty("version").GetUInt32(), content = body.ToJsonString() }), samples.Add);
                await CallAsync(me.Client, "PUT /api/reports/{id}", Send(HttpMethod.Put, $"/api/reports/{id}", body), samples.Add);
                await CallAsync(me.Client, "GET /api/notifications", Get("/api/notifications"), samples.Add);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(think.From * 1000, think.To * 1000 + 1)), stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        })).ToList();
        await Task.WhenAll(tasks);
        await sampler;
        memory.Add($"end {Rss()}");
        Report(samples, clock.Elapsed);
        // Everyone has arrived (and the last sign-ins have answered): the machine as it holds the reporters it has.
        var settled = started + (long)((arrival + TimeSpan.FromSeconds(30)).TotalSeconds * Stopwatch.Frequency);
        if (clock.Elapsed > arrival + TimeSpan.FromMinutes(1))
        {
            Console.WriteLine($"   steady state, from {arrival.TotalMinutes + 0.5:N1} min (everyone arrived):");
            Report(samples.Where(x => x.At >= settled), clock.Elapsed - arrival - TimeSpan.FromSeconds(30));
        }
        Console.WriteLine($"   resident memory of portal 1 / portal 2: {string.Join("; ", memory)}");
    }

    // ---- 4. burst -------------------------------------------------------------------------------------------------

    private static async Task BurstAsync(Uri nginx, Ids ids, List<(string Email, Guid UnitId)> users, TimeSpan window)
    {
        Console.WriteLine();
        Console.WriteLine($"4. Quarter-end burst: {users.Count:N0} commune committees sign in and submit {ids.CurrentPeriod} through nginx, arriving evenly over {window.TotalMinutes:N0} min");
        var samples = new ConcurrentBag<Sample>();
        var (submitted, already) = (0, 0);
        var clock = Stopwatch.StartNew();
        var tasks = users.Select((user, i) => Task.Run(async () =>
        {
            await Task.Delay(window * i / users.Count);
            SignedIn me;
            try
            {
                me = await SignInAsync(nginx, user.Email, SourceFor(i), samples.Add);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return;
            }
            using (me)
            {
                if (await CallAsync(me.Client, "POST /api/reports", Send(HttpMethod.Post, "/api/reports",
                        new { directiveId = ids.DirectiveId, periodId = ids.CurrentPeriodId, orgUnitId = user.UnitId }), samples.Add) is not { } report) return;
                if (report.GetProperty("status").GetString() is not ("Draft" or "Returned"))
                {
                    Interlocked.Increment(ref already);
                    return;
                }
                var id = report.GetProperty("id").GetString();
                if (await CallAsync(me.Client, "PUT /api/reports/{id}", Send(HttpMethod.Put, $"/api/reports/{id}", ReportBody(report, 7)), samples.Add) is not { } saved) return;
                if (await CallAsync(me.Client, "POST /api/reports/{id}/submit", Send(HttpMethod.Post, $"/api/reports/{id}/submit", null), samples.Add) is not null)
                    Interlocked.Increment(ref submitted);
            }
        })).ToList();
        await Task.WhenAll(tasks);
        Report(samples, clock.Elapsed);
        Console.WriteLine($"   submitted {submitted:N0} of {users.Count:N0} ({already} had already been submitted before the burst) in {clock.Elapsed.TotalMinutes:N1} min");
    }

    private static void Report(IEnumerable<Sample> all, TimeSpan elapsed)
    {
        var samples = all.ToList();
        Console.WriteLine($"   {samples.Count:N0} requests in {elapsed.TotalMinutes:N1} min ({samples.Count / elapsed.TotalSeconds:N1}/s), errors {samples.Count(s => !s.Ok)}");
        Console.WriteLine($"   {"endpoint",-34} {"requests",9} {"errors",7} {"p50",8} {"p95",8} {"p99",8} {"max",8}");
        foreach (var group in samples.GroupBy(s => s.Endpoint).OrderBy(g => g.Key))
        {
            var ms = group.Select(s => s.Ms).Order().ToArray();
            double P(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
            Console.WriteLine($"   {group.Key,-34} {ms.Length,9:N0} {group.Count(s => !s.Ok),7} {P(0.5),6:N0}ms {P(0.95),6:N0}ms {P(0.99),6:N0}ms {ms[^1],6:N0}ms");
        }
        foreach (var error in samples.Where(s => !s.Ok).GroupBy(s => s.Endpoint + ": " + s.Error).Take(8))
            Console.WriteLine($"     {error.Count()} × {error.Key}");
    }
}
