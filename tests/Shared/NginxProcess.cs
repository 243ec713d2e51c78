using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChildCare.Tests.Shared;

/// <summary>
/// Debian's nginx in front of portal processes, with the repository's configuration (deploy/nginx/childcare.conf:
/// sticky by client address, WebSockets, forwarded headers), as <c>scripts/cluster.sh</c> runs it. Its access log
/// names the instance that answered each request (<c>$upstream_addr</c>), so a drill can find and kill it.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    public Uri Address { get; }

    private NginxProcess(Process process, Uri address, string folder)
    {
        _process = process;
        Address = address;
        _folder = folder;
    }

    public static string? Binary() =>
        new[] { "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx" }.FirstOrDefault(File.Exists);

    public static async Task<NginxProcess> StartAsync(IEnumerable<Uri> upstreams)
    {
        var binary = Binary() ?? throw new FileNotFoundException("nginx is not installed (./test.sh installs nginx-light).");
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"childcare-nginx-{Guid.NewGuid():N}")).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "tmp"));
        var port = FreePort();
        var servers = string.Join('\n', upstreams.Select(u => $"    server {u.Host}:{u.Port} max_fails=2 fail_timeout=5s;"));
        // The placeholders stand on lines of their own (the file's comments name them too).
        var site = (await File.ReadAllTextAsync(Path.Combine(PortalProcess.SolutionRoot(), "deploy", "nginx", "childcare.conf")))
            .Replace("__LISTEN__", $"127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("\n__UPSTREAM_SERVERS__\n", "\n" + servers + "\n", StringComparison.Ordinal);
        var config = $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                log_format upstream '$request_method $uri $status $upstream_addr';
                access_log {{folder}}/access.log upstream;
                client_body_temp_path {{folder}}/tmp;
                proxy_temp_path {{folder}}/tmp;
            {{site}}
            }
            """;
        var file = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(file, config);
        var info = new ProcessStartInfo(binary, ["-c", file, "-p", folder, "-g", "daemon off;"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("nginx did not start");
        var nginx = new NginxProcess(process, new Uri($"http://127.0.0.1:{port}"), folder);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException("nginx exited: " + await process.StandardError.ReadToEndAsync());
            try
            {
                if ((await client.GetAsync(new Uri(nginx.Address, "/health"))).StatusCode == HttpStatusCode.OK) return nginx;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("nginx did not answer /health within 10 s");
    }

    /// <summary>The access log's lines: "METHOD uri status upstream-address(es)".</summary>
    public IReadOnlyList<string> AccessLog()
    {
        var path = Path.Combine(_folder, "access.log");
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
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
}
