using ChildCare.Core.Data;
using ChildCare.Core.Features.OrgUnits;
using ChildCare.Core.Live;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChildCare.Web.Hosting;

/// <summary>
/// Holds one connection that LISTENs on the live-events channel and raises each notification in this instance;
/// a tree change from any instance also invalidates this instance's tree caches, a revocation its cached session
/// answers. Reconnects after a failure
/// (the database restarting, a dropped connection) within a few seconds.
/// </summary>
internal sealed class LiveEventListener(IServiceScopeFactory scopes, LiveEvents live, OrgTreeCache tree,
    ILogger<LiveEventListener> logger) : BackgroundService
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(stoppingToken))
            connectionString = db.Database.GetConnectionString()!;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, args) =>
                {
                    if (LiveEvents.Parse(args.Payload) is not { } e) return;
                    if (e.Kind == LiveEventKind.TreeChanged) tree.Changed();
                    if (e.Kind == LiveEventKind.SessionsRevoked) ChildCare.Core.Security.AccountSessions.Forget();
                    live.Raise(e);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {LiveEvents.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Live events listener lost its connection ({Reason}); reconnecting in {Delay}", ex.Message, RetryAfter);
                try
                {
                    await Task.Delay(RetryAfter, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
