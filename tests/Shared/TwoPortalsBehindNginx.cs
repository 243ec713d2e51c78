using System.Net;
using System.Net.Sockets;

namespace ChildCare.Tests.Shared;

/// <summary>
/// Production's shape on this machine (ADR 0014): two portal processes on one database, started together as a
/// deployment does, and Debian's nginx in front with the repository's configuration. The portals name nginx as their
/// one proxy (ForwardedHeaders__KnownProxies=127.0.0.1) and allow 20 sign-ins a minute per client.
/// </summary>
public sealed class TwoPortalsBehindNginx : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["ForwardedHeaders:KnownProxies"] = "127.0.0.1",
        ["Security:SignIn:PermitPerMinute"] = "20",
    };

    public string Connection { get; private set; } = "";

    public PortalProcess[] Portals { get; } = new PortalProcess[2];

    public NginxProcess Nginx { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connection = await TestPostgres.CreateDatabaseAsync("childcare_nginx");
        var started = await Task.WhenAll(PortalProcess.StartAsync(Connection, Settings), PortalProcess.StartAsync(Connection, Settings));
        started.CopyTo(Portals, 0);
        Nginx = await NginxProcess.StartAsync(Portals.Select(p => p.Address));
    }

    /// <summary>Starts portal <paramref name="n"/> again on its port (after a kill or a stop).</summary>
    public async Task RestartAsync(int n)
    {
        var port = Portals[n].Address.Port;
        await Portals[n].DisposeAsync();
        Portals[n] = await PortalProcess.StartAsync(Connection, Settings, port);
    }

    /// <summary>The portal that answered the last request whose path starts with <paramref name="path"/>, by nginx's log.</summary>
    public int InstanceServing(string path)
    {
        var line = Nginx.AccessLog().Last(l => l.Split(' ')[1].StartsWith(path, StringComparison.Ordinal));
        var upstream = line.Split(' ')[^1].Split(',')[^1].Trim();
        return Array.FindIndex(Portals, p => $"{p.Address.Host}:{p.Address.Port}" == upstream);
    }

    /// <summary>A client whose connections come from <paramref name="local"/> (any 127.x address is this machine).</summary>
    public static HttpClient From(string local, Uri address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(local), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

    public async Task DisposeAsync()
    {
        if (Nginx is not null) await Nginx.DisposeAsync();
        foreach (var portal in Portals.OfType<PortalProcess>()) await portal.DisposeAsync();
        if (Connection.Length > 0) await TestPostgres.DropDatabaseAsync(Connection);
    }
}
