using System.Net.Http.Json;
using System.Text.Json;

namespace ChildCare.Tests.Shared;

/// <summary>A message as the SMTP server received it: envelope sender and recipients, and the raw data (headers and body).</summary>
public sealed record MailMessage(string From, IReadOnlyList<string> Recipients, string Data)
{
    /// <summary>The subject and the plain-text body, decoded (quoted-printable or base64) by MimeKit.</summary>
    public string Text
    {
        get
        {
            var message = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Data)));
            return message.Subject + "\n" + message.TextBody;
        }
    }
}

/// <summary>
/// The SMTP server the e-mail tests talk to. Under ./test.sh it is smtp4dev (a real SMTP server that keeps messages for
/// viewing, started by test.sh: CHILDCARE_SMTP4DEV="host:smtpPort|webUrl"), emptied at the start of each test and read
/// through its API; without it, <see cref="SmtpSink"/> in this process.
/// </summary>
public abstract class Mailbox : IAsyncDisposable
{
    public abstract string Host { get; }

    public abstract int Port { get; }

    /// <summary>Every message received since this mailbox was opened, oldest first.</summary>
    public abstract Task<IReadOnlyList<MailMessage>> MessagesAsync();

    public abstract ValueTask DisposeAsync();

    public static async Task<Mailbox> OpenAsync()
    {
        var smtp4dev = Environment.GetEnvironmentVariable("CHILDCARE_SMTP4DEV");
        if (string.IsNullOrEmpty(smtp4dev)) return new Sink();
        var parts = smtp4dev.Split('|');
        var address = parts[0].Split(':');
        var mailbox = new Smtp4dev(address[0], int.Parse(address[1], System.Globalization.CultureInfo.InvariantCulture), new Uri(parts[1]));
        await mailbox.ClearAsync();
        return mailbox;
    }

    private sealed class Sink : Mailbox
    {
        private readonly SmtpSink _sink = new();

        public override string Host => "127.0.0.1";

        public override int Port => _sink.Port;

        public override Task<IReadOnlyList<MailMessage>> MessagesAsync() =>
            Task.FromResult(_sink.Messages);

        public override ValueTask DisposeAsync() => _sink.DisposeAsync();
    }

    private sealed class Smtp4dev(string host, int port, Uri web) : Mailbox
    {
        private readonly HttpClient _http = new() { BaseAddress = web, Timeout = TimeSpan.FromSeconds(30) };

        public override string Host => host;

        public override int Port => port;

        public async Task ClearAsync() => (await _http.DeleteAsync("api/messages/*")).EnsureSuccessStatusCode();

        public override async Task<IReadOnlyList<MailMessage>> MessagesAsync()
        {
            var page = await _http.GetFromJsonAsync<JsonElement>("api/messages?pageSize=1000");
            var messages = new List<(DateTimeOffset At, MailMessage Message)>();
            foreach (var m in page.GetProperty("results").EnumerateArray())
            {
                var id = m.GetProperty("id").GetString();
                var data = await _http.GetStringAsync($"api/messages/{id}/raw");
                var to = m.GetProperty("to").EnumerateArray().Select(t => t.GetString()!).ToList();
                messages.Add((m.GetProperty("receivedDate").GetDateTimeOffset(), new MailMessage(m.GetProperty("from").GetString()!, to, data)));
            }
            return messages.OrderBy(m => m.At).Select(m => m.Message).ToList();
        }

        public override ValueTask DisposeAsync()
        {
            _http.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
