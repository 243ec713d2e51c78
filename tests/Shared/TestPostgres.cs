using ChildCare.Web.Hosting;
using Npgsql;

namespace ChildCare.Tests.Shared;

/// <summary>
/// The PostgreSQL server for one test process: CHILDCARE_TEST_PG (a connection string without a
/// database) when set, otherwise a throw-away cluster the tests start themselves, as the portal does.
/// Each test run gets its own database, dropped at the end.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<(string Server, EmbeddedPostgres? Cluster)> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ServerConnectionString => Server.Value.Server;

    /// <summary>
    /// A new database on <paramref name="server"/> (default: the tests' shared one). There it is, unless
    /// <paramref name="seeded"/> is false, a copy of a database the portal has already migrated and seeded (the nation's
    /// tree, the 2025 reform, the demo accounts): PostgreSQL copies the files in well under a second, where every
    /// portal seeding its own took 8–10 s. The portal started on it finds the work done, as on its second start.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, string? server = null, bool seeded = true)
    {
        var template = seeded && server is null ? await SeededTemplateAsync() : null;
        server ??= ServerConnectionString;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(250); // a connection of the portal that seeded the template is still closing
            }
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    /// <summary>Once per test process: a portal started on an empty database migrates and seeds it, and stops.</summary>
    private static async Task<string> SeededTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var maker = new PortalFactory { KeepDatabase = true, Seeded = false, TakeSnapshot = false, Settings = { ["Email:RunAtStart"] = "false" } };
            await maker.InitializeAsync("childcare_template");
            var name = new NpgsqlConnectionStringBuilder(maker.ConnectionString).Database!;
            await maker.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            // Keys are each portal's own (a test checks they are encrypted with the certificate it configures).
            await using (var connection = new NpgsqlConnection(maker.ConnectionString))
            {
                await connection.OpenAsync();
                await using var clear = new NpgsqlCommand("DELETE FROM \"DataProtectionKeys\"", connection);
                await clear.ExecuteNonQueryAsync();
            }
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropQuietly(name);
            return _template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static void DropQuietly(string name)
    {
        try
        {
            using var connection = new NpgsqlConnection(ServerConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The throw-away cluster may already be gone with the process; a configured server keeps one stale copy.
        }
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Clusters of test runs that were killed (their ProcessExit never ran, so their ephemeral folder stayed): the
    /// folder names the test process; when it is gone, the folder goes too. Hundreds of them once filled a disk.
    /// </summary>
    private static void SweepStaleClusters()
    {
        foreach (var stale in Directory.EnumerateFileSystemEntries(Path.GetTempPath(), "childcare-tests-*"))
        {
            var parts = Path.GetFileName(stale).Split('-');
            if (parts.Length < 4 || !int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var pid) || IsAlive(pid)) continue;
            try
            {
                if (Directory.Exists(stale)) Directory.Delete(stale, recursive: true);
                else File.Delete(stale); // the cluster's password file beside it
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another run is sweeping it, or a file is still held: the next start tries again.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static (string, EmbeddedPostgres?) StartServer()
    {
        var configured = Environment.GetEnvironmentVariable("CHILDCARE_TEST_PG");
        if (!string.IsNullOrWhiteSpace(configured)) return (configured, null);
        SweepStaleClusters();
        var folder = Path.Combine(Path.GetTempPath(), $"childcare-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        var cluster = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { Ephemeral = true, DataDirectory = folder }, folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        var server = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "postgres" };
        return (server.ConnectionString, cluster);
    }
}
