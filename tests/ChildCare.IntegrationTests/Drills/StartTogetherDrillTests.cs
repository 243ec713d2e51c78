using ChildCare.Tests.Shared;
using Npgsql;
using Xunit.Abstractions;

namespace ChildCare.IntegrationTests.Drills;

/// <summary>Two portal processes started at the same moment on one (not yet created) database: both come up, the seed is there once.</summary>
[Collection(ProcessCollection.Name)]
public sealed class StartTogetherDrillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_portals_started_together_both_become_healthy_with_one_copy_of_the_seed()
    {
        var name = $"childcare_together_{Guid.NewGuid():N}"[..40];
        var connection = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = name }.ConnectionString;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var started = await Task.WhenAll(PortalProcess.StartAsync(connection), PortalProcess.StartAsync(connection));
            output.WriteLine($"Two portals started together: both healthy after {clock.Elapsed.TotalSeconds:0.0} s");
            // A healthy first start on a new database logs no error (EF used to log its probe of the missing history table).
            foreach (var portal in started)
            {
                portal.Log.ShouldContain(" INF] ", Case.Sensitive, "the portal's console log is read");
                portal.Log.Split('\n').Where(l => l.Contains(" ERR] ", StringComparison.Ordinal)).ShouldBeEmpty();
            }
            foreach (var portal in started) await portal.DisposeAsync();

            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            async Task<long> CountAsync(string sql)
            {
                await using var command = new NpgsqlCommand(sql, db);
                return (long)(await command.ExecuteScalarAsync())!;
            }
            (await CountAsync("""SELECT count(*) FROM "AspNetUsers" WHERE "Email" = 'admin@childcare.local'""")).ShouldBe(1);
            (await CountAsync("SELECT count(*) FROM directives")).ShouldBe(1);
            (await CountAsync("SELECT count(*) - count(DISTINCT (\"DirectiveId\", \"Code\")) FROM reporting_periods")).ShouldBe(0);
            (await CountAsync("SELECT count(*) - count(DISTINCT \"SeedKey\") FROM reorganisations WHERE \"SeedKey\" IS NOT NULL")).ShouldBe(0);
            (await CountAsync("""SELECT count(*) FROM "__EFMigrationsHistory" """)).ShouldBeGreaterThan(0);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }
}
