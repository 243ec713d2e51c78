using System.Text.Json;
using ChildCare.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildCare.Core.Live;

public enum LiveEventKind
{
    /// <summary>A report was created, submitted, returned or accepted: compliance, inboxes and bells change.</summary>
    ReportChanged,

    /// <summary>The org tree changed (a unit edited, a reorganisation applied or undone): caches of it are stale.</summary>
    TreeChanged,

    /// <summary>
    /// Sessions were revoked (sign-out, refresh-token reuse; with <see cref="LiveEvent.UserId"/>, every session of that
    /// account): cached "live" answers are stale, and the account's open circuits end.
    /// </summary>
    SessionsRevoked,
}

/// <summary>What changed, as small as a screen needs to decide whether to read again.</summary>
public sealed record LiveEvent(LiveEventKind Kind, Guid? DirectiveId = null, Guid? PeriodId = null, Guid? OrgUnitId = null, Guid? UserId = null);

/// <summary>
/// Live updates across every instance on the database, through PostgreSQL's LISTEN/NOTIFY (no other broker):
/// a service publishes after its change is committed; each instance's listener (a hosted service holding one
/// connection that LISTENs on <see cref="Channel"/>) raises <see cref="Received"/> for every event, its own
/// included, and open dashboards and bells read again. An event lost while a listener reconnects is a screen
/// that refreshes on the next event or reload, never lost data. See docs/decisions/0014-scale-out.md.
/// </summary>
public sealed class LiveEvents(IServiceScopeFactory scopes, ILogger<LiveEvents> logger, TimeProvider time)
{
    public const string Channel = "childcare_events";

    public event Action<LiveEvent>? Received;

    // When this instance last heard of a change to a document's period (Unix ms): what a page drawn without a
    // circuit asks (GET /api/live/changed) to know whether to read its figures again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid Directive, Guid Period), long> _lastChange = new();

    /// <summary>
    /// The moment (Unix ms, this instance's clock) the last report of this document and period changed, as heard
    /// since this instance started; 0 when none has. Every instance hears every event, so any of them answers.
    /// </summary>
    public long LastChange(Guid directiveId, Guid periodId) => _lastChange.TryGetValue((directiveId, periodId), out var at) ? at : 0;

    /// <summary>A report changed (made, sent, signed, reviewed): open dashboards, inboxes and bells on every instance read again.</summary>
    public Task ReportChangedAsync(Domain.ProgressReport report, CancellationToken ct = default) =>
        PublishAsync(new LiveEvent(LiveEventKind.ReportChanged, report.DirectiveId, report.PeriodId, report.OrgUnitId), ct);

    public async Task PublishAsync(LiveEvent e, CancellationToken ct = default)
    {
        try
        {
            // The context factory is scoped (it carries the audit's user): a short scope of our own.
            await using var scope = scopes.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
            var payload = JsonSerializer.Serialize(e);
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change itself is committed; only the screens of others refresh later.
            logger.LogWarning(ex, "Live event {Kind} not published", e.Kind);
        }
    }

    public static LiveEvent? Parse(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<LiveEvent>(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Called by the listener for each notification; a failing subscriber does not stop the others.</summary>
    public void Raise(LiveEvent e)
    {
        if (e is { Kind: LiveEventKind.ReportChanged, DirectiveId: { } directive, PeriodId: { } period })
            _lastChange[(directive, period)] = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var handler in Received?.GetInvocationList().Cast<Action<LiveEvent>>() ?? [])
        {
            try
            {
                handler(e);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A live event subscriber failed on {Kind}", e.Kind);
            }
        }
    }
}
