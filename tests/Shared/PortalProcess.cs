using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChildCare.Tests.Shared;

/// <summary>
/// The portal as its own operating-system process (the built ChildCare.Web.dll), for drills that kill it
/// with SIGKILL or pull its database away: what an in-process test host cannot show.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;

    public Uri Address { get; }

    public string Log => _log.ToString();

    private readonly System.Text.StringBuilder _log = new();

    private PortalProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public static async Task<PortalProcess> StartAsync(string connectionString, IDictionary<string, string>? settings = null, int? port = null)
    {
        var root = SolutionRoot();
        var dll = Path.Combine(root, "src", "ChildCare.Web", "bin", "Debug", "net10.0", "ChildCare.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the solution first (dotnet build ChildCare.sln).", dll);
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", address.ToString().TrimEnd('/')])
        {
            WorkingDirectory = Path.Combine(root, "src", "ChildCare.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ConnectionStrings__ChildCare"] = connectionString;
        info.Environment["DemoData__Reports"] = "false";
        info.Environment["Security__SignIn__PermitPerMinute"] = "100000";
        info.Environment["Logging__File__Path"] = Path.Combine(Path.GetTempPath(), $"childcare-drill-{Guid.NewGuid():N}", "childcare-.log");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var portal = new PortalProcess(process, address);
        process.OutputDataReceived += (_, e) => { lock (portal._log) portal._log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (portal._log) portal._log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await portal.WaitHealthyAsync(TimeSpan.FromMinutes(2));
        return portal;
    }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Polls /health until it answers 200; returns how long that took.</summary>
    public async Task<TimeSpan> WaitHealthyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The portal exited ({_process.ExitCode}): {Tail()}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return clock.Elapsed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The portal was not healthy within {within}: {Tail()}");
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGTERM, as an orchestrator stops a container: Kestrel drains its requests, then the process exits.</summary>
    public async Task StopAsync(TimeSpan within)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill!.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>SIGKILL: no shutdown, no flushing, as a power cut or the OOM killer does it.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    private string Tail()
    {
        lock (_log) return string.Join(" | ", _log.ToString().Split('\n').TakeLast(8));
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string SolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChildCare.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("ChildCare.sln not found above " + AppContext.BaseDirectory);
    }
}
