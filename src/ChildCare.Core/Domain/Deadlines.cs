namespace ChildCare.Core.Domain;

/// <summary>Due dates are calendar days in Vietnam (UTC+7, no daylight saving): a report is on time until 23:59:59 that day.</summary>
public static class Deadlines
{
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static DateTimeOffset EndOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), VietnamOffset);

    public static DateOnly TodayInVietnam(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(VietnamOffset).DateTime);

    public static bool IsLate(DateTimeOffset submittedAt, DateOnly dueOn) => submittedAt > EndOfDay(dueOn);

    /// <summary>
    /// The one overdue rule, for the unit's own page, the reviewer's inbox, the dashboards and the
    /// notifications alike: a unit is overdue when, after its due day (Vietnam time), it has never sent the
    /// period's report — no report, or a draft never submitted. A report sent back for corrections is not
    /// overdue: it was sent, and on time or late was judged on its first submission.
    /// In SQL: <c>r."FirstSubmittedAt" IS NULL AND @today &gt; @due</c> (a missing report joins as NULL).
    /// </summary>
    public static bool IsOverdue(DateTimeOffset? firstSubmittedAt, DateOnly dueOn, DateOnly today) => firstSubmittedAt is null && today > dueOn;
}
