using ChildCare.Core.Data;
using ChildCare.Core.Seed;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Web.Hosting;

/// <summary>
/// Keeps reporting periods generated four quarters ahead and closes those past their deadline, every few hours.
/// With several instances on one database it runs on one at a time: each tick takes a transaction-scoped advisory
/// try-lock (<see cref="AdvisoryLocks.PeriodMaintenance"/>) and an instance that does not get it skips the tick.
/// </summary>
internal sealed class PeriodMaintenance(IServiceScopeFactory scopeFactory, TimeProvider time, ILogger<PeriodMaintenance> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var seeder = scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>();
                var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
                await using var db = await factory.CreateDbContextAsync(stoppingToken);
                await using var tx = await db.Database.BeginTransactionAsync(stoppingToken);
                var mine = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({AdvisoryLocks.PeriodMaintenance}) AS \"Value\"")
                    .SingleAsync(stoppingToken);
                if (!mine)
                {
                    logger.LogInformation("Period maintenance skipped: another instance is running it");
                    continue;
                }
                foreach (var directive in await db.Directives.ToListAsync(stoppingToken))
                    await seeder.EnsurePeriodsAsync(db, directive, stoppingToken);
                await db.SaveChangesAsync(stoppingToken);
                await tx.CommitAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Period maintenance failed; retrying in {Interval}", Interval);
            }
        }
    }
}
