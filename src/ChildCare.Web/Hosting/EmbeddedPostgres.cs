using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ChildCare.Web.Hosting;

public sealed class EmbeddedPostgresOptions
{
    /// <summary>Folder holding the cluster (data/, log, socket). Default: .data/postgres in the repository.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Folder with initdb and pg_ctl. Default: the newest /usr/lib/postgresql/*/bin, or pg_ctl on PATH.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>Loopback port; default a free one at every start.</summary>
    public int? Port { get; set; }

    public string Database { get; set; } = "childcare";

    /// <summary>Tests: no fsync (faster) and the folder is deleted on stop.</summary>
    public bool Ephemeral { get; set; }
}

public sealed class EmbeddedPostgresUnavailableException(string message) : Exception(message);

/// <summary>
/// A private PostgreSQL cluster the portal creates and runs itself from the machine's PostgreSQL
/// binaries, so `dotnet run` works with no database set up. pg_ctl puts the server in its own
/// session, so stopping the portal's process group does not reach it: the portal stops it on
/// shutdown, and a cluster left running by a killed portal is taken over on the next start.
/// As root, initdb and postgres refuse to run, so they run as the postgres user (runuser).
/// </summary>
public sealed class EmbeddedPostgres : IDisposable
{
    private const string ServiceUser = "postgres";
    private readonly string _bin;
    private readonly string _root;
    private readonly bool _ephemeral;
    private readonly bool _asServiceUser;
    private int _stopped;

    private EmbeddedPostgres(string bin, string root, bool ephemeral, bool asServiceUser, int port, string password, string database, bool tookOver)
    {
        _bin = bin;
        _root = root;
        _ephemeral = ephemeral;
        _asServiceUser = asServiceUser;
        Port = port;
        TookOver = tookOver;
        ConnectionString = $"Host=127.0.0.1;Port={port};Database={database};Username=postgres;Password={password}";
    }

    public int Port { get; }
    public string ConnectionString { get; }
    public string DataDirectory => Path.Combine(_root, "data");
    public string LogFile => Path.Combine(_root, "postgres.log");

    /// <summary>True when a server left running by an earlier portal was found and reused.</summary>
    public bool TookOver { get; }

    public static EmbeddedPostgres Start(EmbeddedPostgresOptions options, string defaultRoot, Action<string>? log = null)
    {
        log ??= _ => { };
        var bin = FindBinaries(options.BinDirectory);
        var asServiceUser = IsRoot();
        var root = Path.GetFullPath(options.DataDirectory ?? defaultRoot);
        if (asServiceUser && !TraversableByOthers(Path.GetDirectoryName(root)!))
        {
            // The postgres user cannot reach e.g. /root/...: keep the cluster in a system folder instead.
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..12].ToLowerInvariant();
            var fallback = Path.Combine("/var/lib/childcare", hash, "postgres");
            log($"{root} is not reachable by the postgres user; using {fallback}");
            root = fallback;
        }
        Directory.CreateDirectory(root);
        if (asServiceUser)
        {
            for (var dir = Path.GetDirectoryName(root); dir is not null && dir != "/"; dir = Path.GetDirectoryName(dir))
                if (!OperatingSystem.IsWindows() && !TraversableByOthers(dir) && dir.StartsWith("/var/lib/childcare", StringComparison.Ordinal))
                    File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
            Run("chown", ["-R", $"{ServiceUser}:{ServiceUser}", root], asServiceUser: false);
        }

        var passwordFile = root + ".password";
        var data = Path.Combine(root, "data");
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            InitCluster(bin, root, data, password, asServiceUser, log);
            File.WriteAllText(passwordFile, password);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        if (!File.Exists(passwordFile))
            throw new EmbeddedPostgresUnavailableException(
                $"The embedded PostgreSQL cluster in {root} has no password file ({passwordFile}). Delete {root} to start afresh.");
        var secret = File.ReadAllText(passwordFile).Trim();

        var pgCtl = Path.Combine(bin, "pg_ctl");
        var running = Run(pgCtl, ["status", "-D", data], asServiceUser, throwOnError: false).ExitCode == 0;
        if (running && ReadRunningPort(data) is { } runningPort)
        {
            log($"Taking over the embedded PostgreSQL left running on port {runningPort} ({data})");
            return new EmbeddedPostgres(bin, root, options.Ephemeral, asServiceUser, runningPort, secret, options.Database, tookOver: true);
        }

        var port = options.Port ?? FreeLoopbackPort();
        var settings = $"-c listen_addresses=127.0.0.1 -p {port} -k {root}" + (options.Ephemeral ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "");
        var start = Run(pgCtl, ["start", "-D", data, "-l", Path.Combine(root, "postgres.log"), "-w", "-t", "60", "-o", settings],
            asServiceUser, throwOnError: false);
        if (start.ExitCode != 0)
            throw new EmbeddedPostgresUnavailableException(
                $"The embedded PostgreSQL did not start (pg_ctl exit {start.ExitCode}): {start.Output.Trim()} — see {Path.Combine(root, "postgres.log")}");
        log($"Embedded PostgreSQL started on 127.0.0.1:{port} ({data})");
        return new EmbeddedPostgres(bin, root, options.Ephemeral, asServiceUser, port, secret, options.Database, tookOver: false);
    }

    /// <summary>Restarts the server in place (fast shutdown, same port and settings): what an operator's restart or a failover looks like to the portal.</summary>
    public void Restart()
    {
        var settings = $"-c listen_addresses=127.0.0.1 -p {Port} -k {_root}" + (_ephemeral ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "");
        Run(Path.Combine(_bin, "pg_ctl"), ["restart", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "-l", LogFile, "-o", settings], _asServiceUser);
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended, data is safe). Safe to call twice.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        Run(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], _asServiceUser, throwOnError: false);
        if (_ephemeral)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
                File.Delete(_root + ".password");
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    public void Dispose() => Stop();

    public static string FindBinaries(string? configured, IReadOnlyList<string>? candidates = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (File.Exists(Path.Combine(configured, "pg_ctl"))) return configured;
            throw new EmbeddedPostgresUnavailableException($"EmbeddedPostgres:BinDirectory '{configured}' has no pg_ctl.");
        }
        candidates ??= DefaultCandidates();
        var found = candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")));
        return found ?? throw new EmbeddedPostgresUnavailableException(
            "No PostgreSQL server binaries (initdb, pg_ctl) were found, and no connection string is set.\n" +
            "  Either install PostgreSQL, e.g. `sudo apt-get install postgresql` (Debian/Ubuntu) — the portal then runs its own private cluster,\n" +
            "  or point the portal at a database: export ConnectionStrings__ChildCare=\"Host=...;Database=childcare;Username=...;Password=...\"\n" +
            "  (EmbeddedPostgres:BinDirectory can name a folder holding pg_ctl and initdb).");
    }

    private static List<string> DefaultCandidates()
    {
        var candidates = new List<string>();
        foreach (var pattern in new[] { ("/usr/lib/postgresql", "bin"), ("/usr/local/pgsql", "") })
        {
            if (!Directory.Exists(pattern.Item1)) continue;
            if (pattern.Item2.Length == 0) candidates.Add(Path.Combine(pattern.Item1, "bin"));
            else candidates.AddRange(Directory.GetDirectories(pattern.Item1)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, pattern.Item2)));
        }
        candidates.AddRange(Directory.Exists("/usr") ? Directory.GetDirectories("/usr", "pgsql-*").OrderDescending().Select(d => Path.Combine(d, "bin")) : []);
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates;
    }

    private static void InitCluster(string bin, string root, string data, string password, bool asServiceUser, Action<string> log)
    {
        log($"Creating the embedded PostgreSQL cluster in {data}");
        var pwFile = Path.Combine(root, ".initdb-pw");
        File.WriteAllText(pwFile, password);
        try
        {
            if (asServiceUser) Run("chown", [$"{ServiceUser}:{ServiceUser}", pwFile], asServiceUser: false);
            string[] common = ["-D", data, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={pwFile}", "-E", "UTF8"];
            var result = Run(Path.Combine(bin, "initdb"), [.. common, "--locale=C.UTF-8"], asServiceUser, throwOnError: false);
            if (result.ExitCode != 0)
            {
                if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
                result = Run(Path.Combine(bin, "initdb"), [.. common, "--no-locale"], asServiceUser, throwOnError: false);
            }
            if (result.ExitCode != 0)
                throw new EmbeddedPostgresUnavailableException($"initdb failed: {result.Output.Trim()}");
        }
        finally
        {
            File.Delete(pwFile);
        }
    }

    private static int? ReadRunningPort(string data)
    {
        // postmaster.pid: line 4 is the port the running server listens on.
        var pidFile = Path.Combine(data, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3].Trim(), out var port) ? port : null;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool TraversableByOthers(string directory)
    {
        for (var dir = directory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (!Directory.Exists(dir) || OperatingSystem.IsWindows()) continue;
            if ((File.GetUnixFileMode(dir) & UnixFileMode.OtherExecute) == 0) return false;
        }
        return true;
    }

    // Environment.UserName reads the effective user id on Unix.
    private static bool IsRoot() => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private static (int ExitCode, string Output) Run(string file, IReadOnlyList<string> args, bool asServiceUser, bool throwOnError = true)
    {
        var psi = new ProcessStartInfo
        {
            FileName = asServiceUser ? "runuser" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (asServiceUser)
        {
            foreach (var a in new[] { "-u", ServiceUser, "--", file }) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new EmbeddedPostgresUnavailableException($"Could not start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new EmbeddedPostgresUnavailableException($"{file} did not finish in 120 s");
        }
        var output = stdout.Result + stderr.Result;
        if (throwOnError && process.ExitCode != 0)
            throw new EmbeddedPostgresUnavailableException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {output}");
        return (process.ExitCode, output);
    }
}
