using System.Globalization;
using ChildCare.Core.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChildCare.UnitTests.Security;

public class SignInFailuresTests
{
    private sealed class Limits(SignInLimits value) : IOptionsMonitor<SignInLimits>
    {
        public SignInLimits CurrentValue => value;
        public SignInLimits Get(string? name) => value;
        public IDisposable? OnChange(Action<SignInLimits, string?> listener) => null;
    }

    private static readonly Guid Account = Guid.NewGuid();

    [Fact]
    public void An_attacker_locks_only_their_own_client_out_of_the_account_for_a_while()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T08:00:00Z", CultureInfo.InvariantCulture));
        var failures = new SignInFailures(new Limits(new SignInLimits { FailuresBeforeLockout = 5, LockoutMinutes = 15 }), clock);
        var attacker = (Account, "203.0.113.9");
        var owner = (Account, "198.51.100.4");

        for (var i = 0; i < 4; i++) failures.Fail(attacker).ShouldBeFalse();
        failures.IsLockedOut(attacker).ShouldBeFalse();
        failures.Fail(attacker).ShouldBeTrue();
        failures.IsLockedOut(attacker).ShouldBeTrue();
        failures.IsLockedOut(owner).ShouldBeFalse();
        failures.StateOf(Account).ShouldBe((true, 5));

        clock.Advance(TimeSpan.FromMinutes(16));
        failures.IsLockedOut(attacker).ShouldBeFalse();
    }

    [Fact]
    public void An_administrator_unlock_clears_every_client_of_the_account()
    {
        var failures = new SignInFailures(new Limits(new SignInLimits { FailuresBeforeLockout = 1 }), TimeProvider.System);
        failures.Fail((Account, "a"));
        failures.Fail((Account, "b"));
        failures.ResetAccount(Account);
        failures.StateOf(Account).ShouldBe((false, 0));
    }
}
