using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ChildCare.Web.Hosting;

/// <summary>How many Blazor circuits this instance holds open now: for <c>GET /api/admin/runtime</c> and the capacity runs.</summary>
public sealed class CircuitCounter : CircuitHandler
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}

/// <summary>What <c>GET /api/admin/runtime</c> answers: open circuits, the managed heap and the process's working set.</summary>
public sealed record RuntimeFigures(int Circuits, long ManagedBytes, long WorkingSetBytes);

internal static class RuntimeEndpoint
{
    /// <summary>
    /// For operators and the capacity runs (administrators only): with <c>gc=true</c> a full, compacting collection runs
    /// first (three times, with finalizers), so the managed heap is what is live — memory per circuit.
    /// </summary>
    public static void MapRuntimeEndpoint(this RouteGroupBuilder api) =>
        api.MapGet("/admin/runtime", (bool? gc, CircuitCounter circuits) =>
        {
            if (gc == true)
                for (var i = 0; i < 3; i++)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                }
            return new RuntimeFigures(circuits.Open, GC.GetTotalMemory(forceFullCollection: gc == true), Environment.WorkingSet);
        }).RequireAuthorization(ChildCare.Core.Security.Policies.Administer).WithTags("Vận hành")
            .WithSummary("Số phiên Blazor đang mở, bộ nhớ managed và working set của tiến trình (gc=true: thu gom toàn bộ trước)");
}
