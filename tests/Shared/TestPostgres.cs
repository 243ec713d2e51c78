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

    public static async Task<string> CreateDatabaseAsync(string prefix, string? server = null)
    {
        server ??= ServerConnectionString;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
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

    private static (string, EmbeddedPostgres?) StartServer()
    {
        var configured = Environment.GetEnvironmentVariable("CHILDCARE_TEST_PG");
        if (!string.IsNullOrWhiteSpace(configured)) return (configured, null);
        var folder = Path.Combine(Path.GetTempPath(), $"childcare-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        var cluster = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { Ephemeral = true, DataDirectory = folder }, folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        var server = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "postgres" };
        return (server.ConnectionString, cluster);
    }
}
