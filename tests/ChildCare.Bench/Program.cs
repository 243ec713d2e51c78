// Dashboard benchmark at national scale. Not a test: it prints figures.
//
//   dotnet run -c Release --project tests/ChildCare.Bench [-- --iterations 30]
//
// It starts a throw-away PostgreSQL (or uses CHILDCARE_BENCH_PG, a connection string without a
// database), migrates a fresh database, seeds the reference data, then generates the nation: 63
// provinces, ~700 district committees, ~10,000 grassroots units, 12 quarters of reports from every
// district and province with all 25 indicators. It then times the dashboard service (national and
// provincial compliance and indicator aggregates, as the API runs them) against the same aggregates
// written by hand in SQL, and prints p50/p95 and their ratio.
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

            var verbose = args.Contains("--sql");
            var services = new ServiceCollection()
                .AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
                    .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", verbose ? LogLevel.Information : LogLevel.Warning))
                .AddChildCareCore(cs).BuildServiceProvider();
            await using (var scope = services.CreateAsyncScope())
            {
                var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
                await db.Database.MigrateAsync();
                await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
            }

            var generate = Stopwatch.StartNew();
            var world = await NationalGenerator.GenerateAsync(cs);
            Console.WriteLine($"Generated in {generate.Elapsed.TotalSeconds:N1} s: {world.Provinces} provinces, {world.Districts} districts, " +
                              $"{world.Grassroots} grassroots units, {world.Reports:N0} reports, {world.IndicatorValues:N0} indicator values, {world.Periods} quarters");

            await using var benchScope = services.CreateAsyncScope();
            benchScope.ServiceProvider.GetRequiredService<CurrentUserHolder>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, world.AnalystId.ToString()), new Claim(ClaimTypes.Name, "bench@childcare.local")], "bench"));
            var dashboards = benchScope.ServiceProvider.GetRequiredService<DashboardService>();
            var nation = new DashboardQuery(world.DirectiveId, world.LastPeriodId, world.NationId);
            var province = new DashboardQuery(world.DirectiveId, world.LastPeriodId, world.HanoiId);

            await using var sql = new NpgsqlConnection(cs);
            await sql.OpenAsync();
            var rows = new List<(string Name, Timing Service, Timing Sql)>
            {
                ("national compliance", await Timing.Of(iterations, () => dashboards.ComplianceAsync(nation)), await Timing.Of(iterations, () => HandSql.ComplianceAsync(sql, nation, "/TW/", OrgUnitKind.ProvincialCommittee))),
                ("national indicators", await Timing.Of(iterations, () => dashboards.IndicatorsAsync(nation)), await Timing.Of(iterations, () => HandSql.IndicatorsAsync(sql, nation, "/TW/", OrgUnitKind.ProvincialCommittee))),
                ("provincial compliance", await Timing.Of(iterations, () => dashboards.ComplianceAsync(province)), await Timing.Of(iterations, () => HandSql.ComplianceAsync(sql, province, "/TW/P01/", OrgUnitKind.DistrictCommittee))),
                ("provincial indicators", await Timing.Of(iterations, () => dashboards.IndicatorsAsync(province)), await Timing.Of(iterations, () => HandSql.IndicatorsAsync(sql, province, "/TW/P01/", OrgUnitKind.DistrictCommittee))),
            };
            Console.WriteLine();
            Console.WriteLine($"{"query (" + iterations + " runs each)",-28} {"service p50",12} {"p95",8} {"hand SQL p50",13} {"p95",8} {"ratio p95",10}");
            foreach (var (name, service, hand) in rows)
                Console.WriteLine($"{name,-28} {service.P50,10:N1}ms {service.P95,6:N1}ms {hand.P50,11:N1}ms {hand.P95,6:N1}ms {service.P95 / hand.P95,9:N2}x");

            // A national annual export (the last four generated quarters) per format: time, allocations, size.
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
                Console.WriteLine($"{"national dashboard page",-28} {page.P50,10:N0}ms {page.P95,6:N0}ms   (navigation to interactive, figures shown, headless Chromium)");

            // The figures must agree, not just be fast.
            var check = await dashboards.IndicatorsAsync(nation);
            var handCheck = await HandSql.IndicatorSumsAsync(sql, nation, "/TW/", OrgUnitKind.ProvincialCommittee);
            var mismatches = check.Count(i => handCheck.TryGetValue(i.IndicatorId, out var h) && (i.Numerator ?? i.Value) != (h.Numerator ?? h.Value));
            Console.WriteLine($"\nservice and hand SQL agree on {check.Count - mismatches}/{check.Count} national indicator aggregates");
        }
        finally
        {
            cluster?.Stop();
        }
    }
}
