using ChildCare.Core.Domain;

namespace ChildCare.Tests.Shared;

/// <summary>
/// The one place the integration and browser tests read the clock. The portal under test runs on
/// <see cref="TimeProvider.System"/> (its cookies must not expire in Chromium, its authenticator codes must match a
/// phone's, its seeded history ends at the last closed quarter), so the tests ask the same clock, in Vietnam's
/// calendar, rather than each computing "today" its own way (one used UTC's date and broke after 17:00 in Hà Nội).
/// Unit tests of time rules use <c>FakeTimeProvider</c> instead.
/// </summary>
public static class TestClock
{
    public static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public static DateOnly TodayInVietnam => Deadlines.TodayInVietnam(Now);
}
