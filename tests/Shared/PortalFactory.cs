using ChildCare.Core.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace ChildCare.Tests.Shared;

/// <summary>
/// The portal as built, on its own database of the test PostgreSQL, with migrations, reference data
/// and demo accounts. <see cref="ResetAsync"/> puts every table back as the seed left it (a copy taken once,
/// see <see cref="DatabaseSnapshot"/>), so each test starts from the same state.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>, IAsyncDisposable
{
    private DatabaseSnapshot? _snapshot, _withHistory, _current;

    private static readonly string[] NotRestored = ["__EFMigrationsHistory", "DataProtectionKeys"];

    public string ConnectionString { get; private set; } = "";

    /// <summary>The portal's clock: the system's until a test sets it (<see cref="SettableClock"/>); every reset puts it back.</summary>
    public SettableClock Clock { get; } = new();

    public string LogFolder { get; } = Path.Combine(Path.GetTempPath(), $"childcare-test-logs-{Guid.NewGuid():N}");

    /// <summary>Set for browser tests: the portal then listens on a real loopback port (<see cref="ServerAddress"/>).</summary>
    public bool RealServer { get; init; }

    public Uri ServerAddress { get; private set; } = new("http://localhost");

    /// <summary>Another PostgreSQL server (a connection string without a database) than the tests' shared one, e.g. one a drill restarts.</summary>
    public string? DatabaseServer { get; init; }

    /// <summary>Start from a copy of the seeded database (<see cref="TestPostgres.CreateDatabaseAsync"/>); false: seed an empty one.</summary>
    public bool Seeded { get; init; } = true;

    /// <summary>Keep the database when the portal stops (the seeded template is made this way).</summary>
    public bool KeepDatabase { get; init; }

    /// <summary>Take the copy <see cref="ResetAsync"/> restores (not needed by a portal that only seeds).</summary>
    public bool TakeSnapshot { get; init; } = true;

    /// <summary>Configuration a test class needs on top of the defaults (e.g. a low sign-in rate limit).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    public async Task InitializeAsync(string prefix)
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(prefix, DatabaseServer, Seeded);
        if (RealServer)
        {
            UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
            StartServer();
            var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            ServerAddress = new Uri(addresses.First());
        }
        _ = Services; // starts the host: migrations and seed run in Program
        if (TakeSnapshot) _current = _snapshot = await DatabaseSnapshot.TakeAsync(ConnectionString, NotRestored);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ChildCare", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("DemoData:Reports", "false"); // tests that want the report history seed it themselves
        builder.UseSetting("Logging:File:Path", Path.Combine(LogFolder, "childcare-.log"));
        // Tests sign in hundreds of times a minute from one address; the limit has its own tests (with Settings below).
        builder.UseSetting("Security:SignIn:PermitPerMinute", "100000");
        // No role requires two-factor unless a test says so.
        builder.UseSetting("Security:TwoFactor:RequiredRoles", "");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>
    /// The portal's log files as they are now, read with sharing (the host holds them open). With <paramref name="waitFor"/>,
    /// read again for up to ten seconds until it appears: a request is logged when it completes, which may be a moment
    /// after its client has the answer.
    /// </summary>
    public async Task<string> ReadLogAsync(string? waitFor = null)
    {
        string Read() => string.Concat(Directory.GetFiles(LogFolder, "*.log").Order(StringComparer.Ordinal).Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream, System.Text.Encoding.UTF8).ReadToEnd();
        }));
        var text = Read();
        for (var waited = 0; waitFor is not null && !text.Contains(waitFor, StringComparison.Ordinal) && waited < 100; waited++)
        {
            await Task.Delay(100);
            text = Read();
        }
        return text;
    }

    public async Task ResetAsync()
    {
        await _snapshot!.RestoreAsync(ConnectionString, everything: _current != _snapshot);
        _current = _snapshot;
        Clock.Follow();
        Forget();
    }

    /// <summary>
    /// The demo report history (<see cref="ChildCare.Core.Seed.DemoReportsSeeder"/>, 1,299 reports over eleven quarters)
    /// on top of the seed, as the first step of a test that reads it: seeded once (6–9 s), kept in a second copy, and
    /// put back from that copy for every later test (well under a second). Call it right after the reset, before the
    /// test changes anything: it replaces the whole database.
    /// </summary>
    public async Task SeedHistoryAsync()
    {
        if (_withHistory is null)
        {
            await ResetAsync();
            await using (var scope = Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<ChildCare.Core.Seed.DemoReportsSeeder>().SeedAsync();
            _withHistory = await DatabaseSnapshot.TakeAsync(ConnectionString, NotRestored, "test_snapshot_history");
        }
        else
        {
            await _withHistory.RestoreAsync(ConnectionString, everything: _current != _withHistory);
        }
        _current = _withHistory;
        Forget();
    }

    private void Forget()
    {
        // What this process remembers of the data it just replaced.
        Services.GetRequiredService<ChildCare.Core.Security.SignInFailures>().Clear();
        Services.GetRequiredService<ChildCare.Core.Features.OrgUnits.OrgTreeCache>().Changed();
        ChildCare.Core.Security.AccountSessions.Forget();
        if (Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>() is Microsoft.Extensions.Caching.Memory.MemoryCache memory) memory.Clear();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ConnectionString.Length > 0 && DatabaseServer is null && !KeepDatabase) await TestPostgres.DropDatabaseAsync(ConnectionString);
        GC.SuppressFinalize(this);
    }
}
