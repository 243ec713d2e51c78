using ChildCare.Core.Domain;
using ChildCare.Core.Features.Reports;

namespace ChildCare.UnitTests.Features;

public sealed class ReportDeadlineTests
{
    private static readonly DateOnly Due = new(2026, 10, 20);

    // 10:00 in Vietnam on a given day
    private static DateTimeOffset At(int month, int day) => new(2026, month, day, 10, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void A_report_sent_on_time_says_so_after_the_deadline_has_passed()
    {
        var line = ReportDeadline.Describe(Due, At(10, 18), onTime: true, PeriodState.Closed, now: At(11, 30));
        line.Text.ShouldBe("Hạn nộp 20/10/2026 · gửi lần đầu lúc 10:00 18/10/2026: đúng hạn");
        line.Late.ShouldBeFalse();
        line.Text.ShouldNotContain("quá hạn");
    }

    [Fact]
    public void A_report_sent_late_says_by_how_many_days()
    {
        var line = ReportDeadline.Describe(Due, At(10, 23), onTime: false, PeriodState.Closed, now: At(11, 30));
        line.Text.ShouldBe("Hạn nộp 20/10/2026 · gửi lần đầu lúc 10:00 23/10/2026: muộn 3 ngày");
        line.Late.ShouldBeTrue();
    }

    [Theory]
    [InlineData(10, 15, "Hạn nộp 20/10/2026 (còn 5 ngày)", false)]
    [InlineData(10, 20, "Hạn nộp 20/10/2026 (hôm nay, trước 24 giờ)", false)]
    [InlineData(10, 22, "Hạn nộp 20/10/2026 · chưa nộp, đã quá hạn 2 ngày", true)]
    public void A_report_not_sent_counts_the_days(int month, int day, string text, bool late)
    {
        var line = ReportDeadline.Describe(Due, null, null, PeriodState.Open, At(month, day));
        line.Text.ShouldBe(text);
        line.Late.ShouldBe(late);
    }

    [Fact]
    public void A_locked_period_is_named()
    {
        ReportDeadline.Describe(Due, At(10, 18), true, PeriodState.Locked, At(12, 1)).Text.ShouldEndWith("đúng hạn · kỳ đã khóa, báo cáo không sửa được nữa");
    }
}
