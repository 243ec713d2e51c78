using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChildCare.Core.Data;

/// <summary>Runs <see cref="BeforeSave"/> on the context before every SaveChanges, sync or async.</summary>
public abstract class BeforeSaveInterceptor : SaveChangesInterceptor
{
    protected abstract void BeforeSave(DbContext context);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) BeforeSave(context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) BeforeSave(context);
        return base.SavingChanges(eventData, result);
    }
}
