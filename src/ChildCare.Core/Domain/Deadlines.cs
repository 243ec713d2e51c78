namespace ChildCare.Core.Domain;

/// <summary>Due dates are calendar days in Vietnam (UTC+7, no daylight saving): a report is on time until 23:59:59 that day.</summary>
public static class Deadlines
{
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static DateTimeOffset EndOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), VietnamOffset);

    public static DateOnly TodayInVietnam(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(VietnamOffset).DateTime);

    public static bool IsLate(DateTimeOffset submittedAt, DateOnly dueOn) => submittedAt > EndOfDay(dueOn);
}
