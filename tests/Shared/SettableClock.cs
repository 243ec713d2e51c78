namespace ChildCare.Tests.Shared;

/// <summary>
/// The portal's clock under test (its <see cref="TimeProvider"/>): it follows the system clock until a test sets it —
/// <see cref="Freeze"/> stops it on a chosen instant, <see cref="Set"/> moves it there and lets it run, <see cref="Advance"/>
/// moves it on — so deadlines, tokens, cookies and codes are tested on chosen dates. <c>PortalFactory.ResetAsync</c> puts
/// it back on the system clock. Timers keep real time (the base class's), so background jobs run as they would.
/// </summary>
public sealed class SettableClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _frozenAt;
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _frozenAt ?? System.GetUtcNow() + _offset;
    }

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>Stops the clock on <paramref name="at"/> until the next change.</summary>
    public void Freeze(DateTimeOffset at)
    {
        lock (_gate) _frozenAt = at.ToUniversalTime();
    }

    /// <summary>Puts the clock on <paramref name="at"/> and lets it run from there.</summary>
    public void Set(DateTimeOffset at)
    {
        lock (_gate)
        {
            _frozenAt = null;
            _offset = at - System.GetUtcNow();
        }
    }

    /// <summary>Moves the clock on by <paramref name="by"/> (frozen, it stays frozen at the new instant).</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            if (_frozenAt is { } frozen) _frozenAt = frozen + by;
            else _offset += by;
        }
    }

    /// <summary>Back on the system clock.</summary>
    public void Follow()
    {
        lock (_gate)
        {
            _frozenAt = null;
            _offset = TimeSpan.Zero;
        }
    }

    /// <summary>The portal's calendar day in Vietnam, as its deadlines read it.</summary>
    public DateOnly TodayInVietnam => ChildCare.Core.Domain.Deadlines.TodayInVietnam(GetUtcNow());
}
