using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChildCare.Core.Data;

/// <summary>A check or a record made on the context just before it saves, after its changes are detected.</summary>
public interface IBeforeSave
{
    void BeforeSave(DbContext context);
}

/// <summary>
/// Runs the before-save steps in order — the write guard, then the audit — on every SaveChanges, sync or async,
/// detecting the context's changes once for all of them.
/// </summary>
public sealed class BeforeSaveInterceptor(WriteGuardInterceptor guard, AuditInterceptor audit) : SaveChangesInterceptor
{
    private void Run(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        guard.BeforeSave(context);
        audit.BeforeSave(context);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) Run(context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) Run(context);
        return base.SavingChanges(eventData, result);
    }
}
