using System.Threading.Channels;

namespace ChildCare.Core.Features.Notifications;

/// <summary>
/// "Mail is waiting in the outbox": writers that must not wait for the e-mail job's next run (invitations) kick it after
/// their commit; the host's e-mail job sends the outbox at once (<see cref="EmailJobService.FlushAsync"/>). Kicks while a
/// send is running fold into one more pass.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Kick() => _channel.Writer.TryWrite(true);

    public ValueTask<bool> WaitAsync(CancellationToken ct) => _channel.Reader.ReadAsync(ct);
}
