using System.Diagnostics;
using System.Globalization;
using ChildCare.Web.Hosting;
using Npgsql;

namespace ChildCare.IntegrationTests.Hosting;

/// <summary>The portal's private PostgreSQL: created once, kept between runs, stopped with the portal, taken over when left running.</summary>
[Collection(ProcessCollection.Name)]
public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"childcare-embedded-{Guid.NewGuid():N}"[..40]);

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static bool IsRunning(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return false;
        var pid = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
        try
        {
            return !Process.GetProcessById(pid).HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Data_survives_a_restart_and_the_server_stops_with_the_portal()
    {
        var first = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = _folder }, _folder);
        await CountAsync(first.ConnectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (1), (2); SELECT 1");
        first.Stop();
        IsRunning(first.DataDirectory).ShouldBeFalse();

        var second = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = _folder }, _folder);
        try
        {
            second.TookOver.ShouldBeFalse();
            (await CountAsync(second.ConnectionString, "SELECT count(*) FROM kept")).ShouldBe(2);
        }
        finally
        {
            second.Stop();
        }
    }

    [Fact]
    public async Task A_cluster_left_running_by_a_killed_portal_is_taken_over()
    {
        var orphan = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = _folder }, _folder);
        // The portal "dies" without stopping it: the server keeps running in its own session.
        var next = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = _folder }, _folder);
        try
        {
            next.TookOver.ShouldBeTrue();
            next.Port.ShouldBe(orphan.Port);
            (await CountAsync(next.ConnectionString, "SELECT 42")).ShouldBe(42);
        }
        finally
        {
            next.Stop();
        }
        IsRunning(next.DataDirectory).ShouldBeFalse();
    }

    [Fact]
    public void Missing_binaries_give_one_clear_message_about_installing_or_a_connection_string()
    {
        var ex = Should.Throw<EmbeddedPostgresUnavailableException>(() => EmbeddedPostgres.FindBinaries(null, ["/nonexistent/bin"]));
        ex.Message.ShouldContain("apt-get install postgresql");
        ex.Message.ShouldContain("ConnectionStrings__ChildCare");
        EmbeddedPostgres.FindBinaries(null).ShouldEndWith("bin");
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
            File.Delete(_folder + ".password");
        }
        catch (UnauthorizedAccessException) { }
    }
}
