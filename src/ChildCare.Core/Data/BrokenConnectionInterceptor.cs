using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ChildCare.Core.Data;

/// <summary>
/// When PostgreSQL restarts, every idle connection in Npgsql's pool is dead, and each would fail the
/// next request that draws it. The first such failure clears the pool, so one request (which the page
/// or client retries) pays for the restart instead of one per pooled connection.
/// </summary>
public sealed class BrokenConnectionInterceptor : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ClearIfBroken(eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ClearIfBroken(eventData.Exception);
        return Task.CompletedTask;
    }

    private static void ClearIfBroken(Exception exception)
    {
        // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now; or the socket closed under us.
        if (exception is PostgresException { SqlState: "57P01" or "57P02" or "57P03" }
            || exception is NpgsqlException { IsTransient: true } and not PostgresException)
            NpgsqlConnection.ClearAllPools();
    }
}
