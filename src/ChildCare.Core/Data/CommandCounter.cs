using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChildCare.Core.Data;

/// <summary>
/// Counts the database commands (round trips) a piece of work sends, for the tests that hold each hot path to its
/// budget (autosave, save, submit: issue 20). Off unless <see cref="CountAsync{T}"/> runs: the count lives in the
/// work's async flow, so concurrent requests never mix.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private static readonly AsyncLocal<StrongBox<int>?> Current = new();

    /// <summary>Runs the work and says how many commands it sent (a SaveChanges batch, with its audit rows, is one).</summary>
    public static async Task<(T Result, int Commands)> CountAsync<T>(Func<Task<T>> work)
    {
        var count = new StrongBox<int>();
        Current.Value = count;
        try
        {
            var result = await work();
            return (result, count.Value);
        }
        finally
        {
            Current.Value = null;
        }
    }

    private static void Tick()
    {
        if (Current.Value is { } count) Interlocked.Increment(ref count.Value);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Tick();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Tick();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Tick();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Tick();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Tick();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        Tick();
        return ValueTask.FromResult(result);
    }
}
