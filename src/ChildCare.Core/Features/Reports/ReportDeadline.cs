using ChildCare.Core.Domain;
using ChildCare.Core.Text;

namespace ChildCare.Core.Features.Reports;

/// <summary>One sentence about a report's deadline, and whether it says "late".</summary>
public sealed record DeadlineLine(string Text, bool Late);

/// <summary>
/// The report page's deadline line. It speaks of this report, never of the period as a whole: a report first sent
/// on time stays "đúng hạn" after the deadline has passed for the others (the period's "Đã quá hạn" is the
/// dashboards' business). Sent late, it says by how many days; not sent, how many days are left or overdue.
/// </summary>
public static class ReportDeadline
{
    public static DeadlineLine Describe(DateOnly dueOn, DateTimeOffset? firstSubmittedAt, bool? onTime, PeriodState period, DateTimeOffset now)
    {
        var due = $"Hạn nộp {dueOn:dd/MM/yyyy}";
        var locked = PeriodLock.Freezes(period) ? " · kỳ đã khóa, báo cáo không sửa được nữa" : "";
        if (firstSubmittedAt is { } sent)
        {
            var late = onTime == false || (onTime is null && Deadlines.IsLate(sent, dueOn));
            var when = $"gửi lần đầu lúc {VietnamTime.Format(sent)}";
            return late
                ? new($"{due} · {when}: muộn {Math.Max(1, Deadlines.TodayInVietnam(sent).DayNumber - dueOn.DayNumber)} ngày{locked}", true)
                : new($"{due} · {when}: đúng hạn{locked}", false);
        }
        var today = Deadlines.TodayInVietnam(now);
        var left = dueOn.DayNumber - today.DayNumber;
        if (left > 0) return new($"{due} (còn {left} ngày){locked}", false);
        if (left == 0) return new($"{due} (hôm nay, trước 24 giờ){locked}", false);
        return new($"{due} · chưa nộp, đã quá hạn {-left} ngày{locked}", true);
    }
}
