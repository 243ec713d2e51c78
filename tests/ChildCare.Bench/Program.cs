// Dashboard benchmark at national scale. Not a test: it prints figures.
//
//   dotnet run -c Release --project tests/ChildCare.Bench [-- --iterations 30]
//
// It starts a throw-away PostgreSQL (or uses CHILDCARE_BENCH_PG, a connection string without a
// database), migrates a fresh database, seeds the reference data (which applies the 2025 reform), then
// generates the nation in both shapes: until 30/6/2025 63 provinces, ~700 district committees and
// ~10,000 grassroots units under them; since 1/7/2025 34 provinces and 3,321 commune committees
// directly under them. 12 quarters of reports come from every unit that reports in each (districts
// and provinces, then communes and provinces), with all 25 indicators. It then times the dashboard
// service (national and provincial compliance and indicator aggregates, as the API runs them) against
// the same aggregates written by hand in SQL, on today's shape and on a 2024 quarter, and prints
// p50/p95 and their ratio.
//
// With --signin it instead times failed sign-ins by account state (SignInTiming). With --reorganisation [--rows N] it
// drafts, applies and reverts the 1/7/2025 package and a synthetic one at the limits (ReorganisationRun). With --accounts it onboards
// ≈ 10,000 accounts from lists and times the account and onboarding reads at that size (AccountsRun). With --load it measures the
// running two-portal topology instead (LoadRun; scripts/load.sh starts it and passes the addresses).
using System.Diagnostics;
using System.Security.Claims;
using ChildCare.Bench;
using ChildCare.Core;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Dashboards;
using ChildCare.Core.Security;
using ChildCare.Core.Seed;
using ChildCare.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChildCare.Bench;

// An explicit entry point: top-level statements would make a second `Program`, clashing with the portal's.
internal static class BenchMain
{
    public static async Task Main(string[] args)
    {
        // --sql prints every command the service runs, with its duration.
        if (args.Contains("--generate"))
        {
            // The nation's today's shape in a database a running portal already migrated and seeded (scripts/load.sh).
            var target = args.SkipWhile(a => a != "--connection").Skip(1).Single();
            var clock = Stopwatch.StartNew();
            var generated = await NationalGenerator.GenerateAsync(target, closedOnly: true);
            Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:N1} s: {generated.GeneratedUnits:N0} units, {generated.Reports:N0} reports of the closed quarters, " +
                              $"{generated.IndicatorValues:N0} indicator values; today {generated.Today.Provinces} provinces, {generated.Today.LocalUnits:N0} communes");
            return;
        }
        if (args.Contains("--load"))
        {
            await LoadRun.RunAsync(args);
            return;
        }
        var iterations = args.SkipWhile(a => a != "--iterations").Skip(1).Select(int.Parse).DefaultIfEmpty(30).First();
        EmbeddedPostgres? cluster = null;
        var server = Environment.GetEnvironmentVariable("CHILDCARE_BENCH_PG");
        if (string.IsNullOrWhiteSpace(server))
        {
            var folder = Path.Combine(Path.GetTempPath(), $"childcare-bench-{Guid.NewGuid():N}"[..36]);
            cluster = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = folder, Ephemeral = true }, folder);
            server = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "postgres" }.ConnectionString;
        }
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = "childcare_bench" }.ConnectionString;
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await new NpgsqlCommand("DROP DATABASE IF EXISTS childcare_bench WITH (FORCE)", admin).ExecuteNonQueryAsync();
                await new NpgsqlCommand("CREATE DATABASE childcare_bench", admin).ExecuteNonQueryAsync();
            }

            if (args.Contains("--signin"))
            {
                await SignInTiming.RunAsync(cs, args.Contains("--iterations") ? iterations : 100);
                return;
            }
            if (args.Contains("--accounts"))
            {
                await AccountsRun.RunAsync(cs, iterations);
                return;
            }
            if (args.Contains("--reorganisation"))
            {
                await ReorganisationRun.RunAsync(cs, args);
                return;
            }

            var verbose = args.Contains("--sql");
            var services = new ServiceCollection()
                .AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
                    .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", verbose ? LogLevel.Information : LogLevel.Warning))
                // What the host gives the portal and the signing keys ask for (where a seal's key files are kept).
                .AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
                {
                    EnvironmentName = "Production",
                    ApplicationName = "ChildCare.Bench",
                    ContentRootPath = AppContext.BaseDirectory,
                })
                .AddChildCareCore(cs).BuildServiceProvider();
            await using (var scope = services.CreateAsyncScope())
            {
                var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
                await db.Database.MigrateAsync();
                await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
            }

            var generate = Stopwatch.StartNew();
            var world = await NationalGenerator.GenerateAsync(cs);
            Console.WriteLine($"Generated in {generate.Elapsed.TotalSeconds:N1} s: {world.GeneratedUnits:N0} units, {world.Reports:N0} reports, " +
                              $"{world.IndicatorValues:N0} indicator values, {world.Quarters.Count} quarters ({world.Quarters[0]} to {world.Quarters[^1]})");
            foreach (var (label, shape) in new[] { ("2024 shape", world.Before), ("today's shape", world.Today) })
                Console.WriteLine($"  {label,-14} {shape.PeriodCode}: {shape.Provinces} provinces, {shape.LocalUnits:N0} {Plural(shape.LocalKind)} reporting " +
                                  $"(Hà Nội {shape.HanoiUnits})");
            Console.WriteLine($"  {world.Grassroots2024:N0} grassroots units under the 2024 districts (they do not report)");

            await using var benchScope = services.CreateAsyncScope();
            benchScope.ServiceProvider.GetRequiredService<CurrentUserHolder>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, world.AnalystId.ToString()), new Claim(ClaimTypes.Name, "bench@childcare.local")], "bench"));
            var dashboards = benchScope.ServiceProvider.GetRequiredService<DashboardService>();

            await using var sql = new NpgsqlConnection(cs);
            await sql.OpenAsync();
            Console.WriteLine();
            Console.WriteLine($"{"query (" + iterations + " runs each)",-28} {"service p50",12} {"p95",8} {"hand SQL p50",13} {"p95",8} {"ratio p95",10}");
            // Today's shape is what the dashboards mostly serve; the 2024 line shows the same calls on the old tree.
            foreach (var (label, shape) in new[] { ("today's shape", world.Today), ("2024 shape", world.Before) })
            {
                Console.WriteLine($"{label}, {shape.PeriodCode} (nation: {shape.Provinces} provinces; Hà Nội: {shape.HanoiUnits} {Plural(shape.LocalKind)})");
                var (nation, province) = (shape.National, shape.Provincial);
                var rows = new List<(string Name, Timing Service, Timing Sql)>
                {
                    ("national compliance", await Timing.Of(iterations, () => dashboards.ComplianceAsync(nation)),
                        await Timing.Of(iterations, () => HandSql.ComplianceAsync(sql, nation, world.ReportingKinds, world.ReportingLevels))),
                    ("national indicators", await Timing.Of(iterations, () => dashboards.IndicatorsAsync(nation)),
                        await Timing.Of(iterations, () => HandSql.IndicatorsAsync(sql, nation, world.ReportingKinds, world.ReportingLevels))),
                    ("provincial compliance", await Timing.Of(iterations, () => dashboards.ComplianceAsync(province)),
                        await Timing.Of(iterations, () => HandSql.ComplianceAsync(sql, province, world.ReportingKinds, world.ReportingLevels))),
                    ("provincial indicators", await Timing.Of(iterations, () => dashboards.IndicatorsAsync(province)),
                        await Timing.Of(iterations, () => HandSql.IndicatorsAsync(sql, province, world.ReportingKinds, world.ReportingLevels))),
                };
                foreach (var (name, service, hand) in rows)
                    Console.WriteLine($"{name,-28} {service.P50,10:N1}ms {service.P95,6:N1}ms {hand.P50,11:N1}ms {hand.P95,6:N1}ms {service.P95 / hand.P95,9:N2}x");
            }

            // A national annual export (the four quarters up to the latest closed one, all in today's shape) per format: time, allocations, size.
            var exports = benchScope.ServiceProvider.GetRequiredService<ChildCare.Core.Features.Exports.SummaryExportService>();
            var request = new ChildCare.Core.Features.Exports.SummaryRequest(world.DirectiveId, world.YearStartPeriodId, world.LastPeriodId, world.NationId);
            Console.WriteLine();
            Console.WriteLine($"{"national annual export",-28} {"p50",10} {"p95",8} {"allocated",12} {"size",10}");
            foreach (var format in Enum.GetValues<ChildCare.Core.Features.Exports.ExportFormat>())
            {
                await exports.ExportAsync(request, format); // warm up
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var size = 0;
                var timing = await Timing.Of(5, async () => { size = (await exports.ExportAsync(request, format)).Content.Length; return size; });
                var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (5 + 3);
                Console.WriteLine($"{format,-28} {timing.P50,8:N0}ms {timing.P95,6:N0}ms {allocated / 1048576.0,9:N1} MB {size / 1024.0,7:N0} KB");
            }
            Console.WriteLine($"{"peak working set",-28} {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,8:N0} MB (whole bench process)");
            Console.WriteLine();

            var page = await PageTiming.DashboardAsync(cs, world, World.AnalystPassword, Math.Min(iterations, 20));
            if (page is not null)
                Console.WriteLine($"{"national dashboard page",-28} {page.P50,10:N0}ms {page.P95,6:N0}ms   (navigation to the figures shown: a static page, streamed; headless Chromium)");

            // The figures must agree, not just be fast: the same units expected, the same sums.
            Console.WriteLine();
            foreach (var (label, query) in new[]
                     {
                         ($"national {world.Today.PeriodCode}", world.Today.National), ($"Hà Nội {world.Today.PeriodCode}", world.Today.Provincial),
                         ($"national {world.Before.PeriodCode}", world.Before.National), ($"Hà Nội {world.Before.PeriodCode}", world.Before.Provincial),
                     })
            {
                var expected = (await dashboards.ComplianceAsync(query)).Expected;
                var handExpected = await HandSql.ComplianceAsync(sql, query, world.ReportingKinds, world.ReportingLevels);
                var check = await dashboards.IndicatorsAsync(query);
                var handCheck = await HandSql.IndicatorSumsAsync(sql, query, world.ReportingKinds, world.ReportingLevels);
                var mismatches = check.Count(i =>
                    (i.Numerator ?? i.Value) != (handCheck.TryGetValue(i.IndicatorId, out var h) ? h.Numerator ?? h.Value : null));
                Console.WriteLine($"{label,-16} service / hand SQL: {expected}/{handExpected} units expected, agree on {check.Count - mismatches}/{check.Count} indicator aggregates");
            }
        }
        finally
        {
            cluster?.Stop();
        }
    }

    private static string Plural(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.DistrictCommittee => "districts",
        OrgUnitKind.GrassrootsCommittee => "communes",
        _ => kind.ToString(),
    };
}
