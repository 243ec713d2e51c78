using ChildCare.Core.Data;
using ChildCare.Core.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace ChildCare.Web.Hosting;

internal static class DatabaseInitializer
{
    /// <summary>Key of the session-level advisory lock that serialises start-up work between portal processes.</summary>
    public const long StartupLock = AdvisoryLocks.Startup;

    /// <summary>
    /// Applies migrations (Development, or Database:MigrateOnStartup), seeds reference data (every
    /// environment) and the demo accounts (Development, or DemoData:Enabled). Several portal processes
    /// may start at once on one database: the database is created by whichever gets there first, and
    /// the rest runs under a PostgreSQL advisory lock, so they migrate and seed one after the other and
    /// the later ones find everything done (the seeders are idempotent).
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        var config = app.Configuration;
        var isDev = app.Environment.IsDevelopment();
        await using var scope = app.Services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("ChildCare.Startup");
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        string connectionString;
        await using (var probe = await factory.CreateDbContextAsync(ct)) connectionString = probe.Database.GetConnectionString()!;
        var migrate = config.GetValue("Database:MigrateOnStartup", isDev);
        if (migrate) await EnsureDatabaseExistsAsync(connectionString, logger, ct);

        // Held on its own connection (not pooled) for the whole start-up; closing it releases the lock.
        await using var lockConnection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await lockConnection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLock})", lockConnection))
            await take.ExecuteNonQueryAsync(ct);

        if (migrate)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            // The history table first (CREATE TABLE IF NOT EXISTS): on a new database EF would otherwise read it, fail and log
            // "Failed executing DbCommand" as an error twice on a healthy first start.
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, pending);
                await db.Database.MigrateAsync(ct);
            }
        }

        await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync(ct);
        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>()
            .EnsureAdministratorAsync(config["Bootstrap:AdminEmail"], config["Bootstrap:AdminPassword"], ct);

        if (config.GetValue("DemoData:Enabled", isDev))
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(ct);
            if (config.GetValue("DemoData:Reports", true))
                await scope.ServiceProvider.GetRequiredService<DemoReportsSeeder>().SeedAsync(ct);
            // Straight to the console, not the log: no password is ever written to the log files.
            Console.WriteLine($"Demo accounts (password {DemoDataSeeder.Password}):");
            foreach (var a in DemoDataSeeder.Accounts) Console.WriteLine($"  {a.Email,-28} {a.Role,-14} {a.OrgUnitCode}");
        }
    }

    /// <summary>Creates the database on first run (through the maintenance database), so migrations never probe a missing one.</summary>
    private static async Task EnsureDatabaseExistsAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", target.Database!);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        logger.LogInformation("Creating database {Database}", target.Database);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"")}\" ENCODING 'UTF8'", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another portal process started at the same moment and created it first: it exists, which is what was wanted.
            logger.LogInformation("Database {Database} was created by another process starting at the same time", target.Database);
        }
    }
}
