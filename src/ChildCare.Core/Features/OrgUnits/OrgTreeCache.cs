namespace ChildCare.Core.Features.OrgUnits;

/// <summary>
/// A generation number for everything cached from the org tree (expected reporters per period and
/// scope): a reorganisation or an administrator's change bumps it, so no cache outlives the tree it
/// was read from. Across instances the change travels as a TreeChanged live event (PostgreSQL
/// LISTEN/NOTIFY): every instance's listener bumps its own generation; the one-minute expiry bounds an event
/// lost while a listener reconnects.
/// </summary>
public sealed class OrgTreeCache
{
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public void Changed() => Interlocked.Increment(ref _generation);
}
