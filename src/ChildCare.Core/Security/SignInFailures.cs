using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChildCare.Core.Security;

/// <summary>Sign-in throttling, read from <c>Security:SignIn</c>.</summary>
public sealed class SignInLimits
{
    /// <summary>Attempts per client IP and minute on /api/auth/* and the sign-in form, then 429 with Retry-After.</summary>
    public int PermitPerMinute { get; set; } = 20;

    /// <summary>Wrong passwords or codes for one account from one client before that pair waits <see cref="LockoutMinutes"/>.</summary>
    public int FailuresBeforeLockout { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;
}

/// <summary>Failed sign-ins per (account, client) in a sliding window; a pair over the limit waits.</summary>
public sealed class SignInFailures(IOptionsMonitor<SignInLimits> limits, TimeProvider time)
{
    private readonly ConcurrentDictionary<(Guid, string), (int Count, DateTimeOffset Since, DateTimeOffset? Until)> _failures = new();

    public bool IsLockedOut((Guid, string) key) =>
        _failures.TryGetValue(key, out var f) && f.Until is { } until && until > time.GetUtcNow();

    /// <summary>Counts a failure; true when it locks the pair out.</summary>
    public bool Fail((Guid, string) key)
    {
        var now = time.GetUtcNow();
        var l = limits.CurrentValue;
        var window = TimeSpan.FromMinutes(l.LockoutMinutes);
        if (_failures.Count > 100_000) Sweep(now);
        var f = _failures.AddOrUpdate(key, _ => (1, now, null), (_, old) =>
        {
            var count = now - old.Since > window || old.Until is { } u && u <= now ? 1 : old.Count + 1;
            var since = count == 1 ? now : old.Since;
            return (count, since, count >= l.FailuresBeforeLockout ? now + window : null);
        });
        return f.Until is not null && f.Count == l.FailuresBeforeLockout;
    }

    public void Reset((Guid, string) key) => _failures.TryRemove(key, out _);

    /// <summary>Whether some client is locked out of the account now, and the failures counted against it.</summary>
    public (bool LockedOut, int Failures) StateOf(Guid userId)
    {
        var now = time.GetUtcNow();
        var mine = _failures.Where(f => f.Key.Item1 == userId).Select(f => f.Value).ToList();
        return (mine.Any(f => f.Until > now), mine.Sum(f => f.Count));
    }

    /// <summary>Forgets every failure (tests start from a clean slate).</summary>
    public void Clear() => _failures.Clear();

    /// <summary>An administrator's "unlock": every client of the account may try again.</summary>
    public void ResetAccount(Guid userId)
    {
        foreach (var key in _failures.Keys.Where(k => k.Item1 == userId)) _failures.TryRemove(key, out _);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, f) in _failures)
            if (f.Until is null ? now - f.Since > TimeSpan.FromHours(1) : f.Until < now) _failures.TryRemove(key, out _);
    }
}
