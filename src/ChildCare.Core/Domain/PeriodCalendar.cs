namespace ChildCare.Core.Domain;

/// <summary>Period maths: quarters, their data windows and due dates.</summary>
public static class PeriodCalendar
{
    /// <summary>Days after a period's end by which a reporting unit's report is due to its parent.</summary>
    public const int UnitDueDays = 10;

    /// <summary>Days after a period's end by which a province's report is due to the centre.</summary>
    public const int ProvinceDueDays = 20;

    private static readonly string[] Roman = ["I", "II", "III", "IV"];

    public static (int Year, int Quarter) QuarterOf(DateOnly day) => (day.Year, (day.Month - 1) / 3 + 1);

    public static DateOnly QuarterStart(int year, int quarter) => new(year, (quarter - 1) * 3 + 1, 1);

    public static DateOnly QuarterEnd(int year, int quarter) => QuarterStart(year, quarter).AddMonths(3).AddDays(-1);

    public static string QuarterCode(int year, int quarter) => $"{year}-Q{quarter}";

    public static string QuarterName(int year, int quarter) => $"Quý {Roman[quarter - 1]}/{year}";

    public static (int Year, int Quarter) Next((int Year, int Quarter) q) =>
        q.Quarter == 4 ? (q.Year + 1, 1) : (q.Year, q.Quarter + 1);

    /// <summary>
    /// The data a period's reports cover. Calendar: the period itself. Decree 09/2019: from the 15th
    /// of the month before the period starts to the 14th of its last month.
    /// </summary>
    public static (DateOnly From, DateOnly To) DataWindowOf(DateOnly startsOn, DateOnly endsOn, DataWindow window) =>
        window switch
        {
            DataWindow.Decree09 => (new DateOnly(startsOn.Year, startsOn.Month, 15).AddMonths(-1),
                new DateOnly(endsOn.Year, endsOn.Month, 14)),
            _ => (startsOn, endsOn),
        };

    public static ReportingPeriod NewQuarter(Directive directive, int year, int quarter)
    {
        var start = QuarterStart(year, quarter);
        var end = QuarterEnd(year, quarter);
        var (from, to) = DataWindowOf(start, end, directive.DataWindow);
        return new ReportingPeriod(directive, QuarterCode(year, quarter), QuarterName(year, quarter), PeriodKind.Quarter,
            start, end, from, to, end.AddDays(UnitDueDays), end.AddDays(ProvinceDueDays));
    }

    /// <summary>Every quarter from <paramref name="first"/> up to and including the quarter <paramref name="aheadQuarters"/> after today's.</summary>
    public static IEnumerable<(int Year, int Quarter)> QuartersThrough((int Year, int Quarter) first, DateOnly today, int aheadQuarters)
    {
        var last = QuarterOf(today);
        for (var i = 0; i < aheadQuarters; i++) last = Next(last);
        for (var q = first; (q.Year, q.Quarter).CompareTo(last) <= 0; q = Next(q)) yield return q;
    }
}
