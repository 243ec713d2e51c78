using System.Globalization;
using ChildCare.Core.Domain;

namespace ChildCare.UnitTests.Domain;

public class DeadlinesTests
{
    private static readonly DateOnly Due = new(2026, 10, 10);
    private static readonly DateTimeOffset Sent = new(2026, 10, 9, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false, "2026-10-10", false)] // nothing sent, on the due day itself: not yet
    [InlineData(false, "2026-10-11", true)]  // nothing sent (no report or a draft), the day after: overdue
    [InlineData(true, "2026-10-11", false)]  // sent once (submitted, returned, accepted): never overdue
    public void Overdue_means_never_sent_after_the_due_day(bool sent, string today, bool overdue) =>
        Deadlines.IsOverdue(sent ? Sent : null, Due, DateOnly.Parse(today, CultureInfo.InvariantCulture)).ShouldBe(overdue);
}
