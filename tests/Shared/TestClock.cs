using ChildCare.Core.Domain;

namespace ChildCare.Tests.Shared;

/// <summary>
/// The one place the integration and browser tests read the clock. The portal under test runs on a
/// <see cref="SettableClock"/> that follows the system clock unless a test sets it (<c>Portal.Factory.Clock</c>: deadlines,
/// tokens and codes on chosen dates), and every reset puts it back — so outside such a test this is the portal's "now" too,
/// in Vietnam's calendar, rather than each test computing "today" its own way (one used UTC's date and broke after 17:00 in Hà Nội).
/// Unit tests of time rules use <c>FakeTimeProvider</c> instead.
/// </summary>
public static class TestClock
{
    public static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public static DateOnly TodayInVietnam => Deadlines.TodayInVietnam(Now);
}
