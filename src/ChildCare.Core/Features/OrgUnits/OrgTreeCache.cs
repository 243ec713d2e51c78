namespace ChildCare.Core.Features.OrgUnits;

/// <summary>
/// A generation number for everything cached from the org tree (expected reporters per period and
/// scope): a reorganisation or an administrator's change bumps it, so no cache outlives the tree it
/// was read from. One process only: with several instances each bumps its own on its own changes,
/// and the one-minute expiry bounds the others.
/// </summary>
public sealed class OrgTreeCache
{
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public void Changed() => Interlocked.Increment(ref _generation);
}
