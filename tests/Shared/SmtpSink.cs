using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChildCare.Tests.Shared;

/// <summary>
/// A small SMTP server on a loopback port that keeps every message it is given (RFC 5321's plain conversation: EHLO,
/// MAIL, RCPT, DATA, QUIT). The portal's MailKit client talks real SMTP to it; tests read what arrived.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<MailMessage> _messages = [];
    private readonly Task _loop;

    public SmtpSink()
    {
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<MailMessage> Messages
    {
        get
        {
            lock (_messages) return [.. _messages];
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            // Stopped (even before the loop first waited: "Not listening"): the sink is closing.
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, new UTF8Encoding(false));
            var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink ready");
            var (from, recipients) = ("", new List<string>());
            while (await reader.ReadLineAsync() is { } line)
            {
                var command = line.ToUpperInvariant();
                if (command.StartsWith("EHLO", StringComparison.Ordinal)) await writer.WriteAsync("250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                else if (command.StartsWith("MAIL FROM:", StringComparison.Ordinal)) { from = line[10..].Trim(); recipients = []; await writer.WriteLineAsync("250 ok"); }
                else if (command.StartsWith("RCPT TO:", StringComparison.Ordinal)) { recipients.Add(line[8..].Trim().Trim('<', '>')); await writer.WriteLineAsync("250 ok"); }
                else if (command == "DATA")
                {
                    await writer.WriteLineAsync("354 go on");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    lock (_messages) _messages.Add(new MailMessage(from, recipients, data.ToString()));
                    await writer.WriteLineAsync("250 kept");
                }
                else if (command == "QUIT") { await writer.WriteLineAsync("221 bye"); return; }
                else await writer.WriteLineAsync("250 ok");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
