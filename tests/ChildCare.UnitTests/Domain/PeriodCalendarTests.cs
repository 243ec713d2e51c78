using ChildCare.Core.Domain;

namespace ChildCare.UnitTests.Domain;

public class PeriodCalendarTests
{
    private static Directive NewDirective(DataWindow window = DataWindow.Calendar) =>
        new("28-CT/TW", DirectiveKind.Directive, "Bộ Chính trị", new DateOnly(2023, 12, 25), "Về trẻ em") { DataWindow = window };

    [Theory]
    [InlineData(2026, 1, 1, 1)]
    [InlineData(2026, 3, 31, 1)]
    [InlineData(2026, 4, 1, 2)]
    [InlineData(2026, 11, 28, 4)]
    public void A_day_belongs_to_its_calendar_quarter(int y, int m, int d, int quarter) =>
        PeriodCalendar.QuarterOf(new DateOnly(y, m, d)).ShouldBe((y, quarter));

    [Fact]
    public void A_quarter_has_code_Vietnamese_name_bounds_and_due_dates()
    {
        var q = PeriodCalendar.NewQuarter(NewDirective(), 2026, 4);
        q.Code.ShouldBe("2026-Q4");
        q.Name.ShouldBe("Quý IV/2026");
        q.StartsOn.ShouldBe(new DateOnly(2026, 10, 1));
        q.EndsOn.ShouldBe(new DateOnly(2026, 12, 31));
        q.DueOnUnit.ShouldBe(new DateOnly(2027, 1, 10));
        q.DueOnProvince.ShouldBe(new DateOnly(2027, 1, 20));
        q.DataFrom.ShouldBe(q.StartsOn);
        q.DataTo.ShouldBe(q.EndsOn);
    }

    [Fact]
    public void The_Decree_09_window_runs_from_the_15th_of_the_month_before_to_the_14th_of_the_last_month()
    {
        var q = PeriodCalendar.NewQuarter(NewDirective(DataWindow.Decree09), 2026, 1);
        q.DataFrom.ShouldBe(new DateOnly(2025, 12, 15));
        q.DataTo.ShouldBe(new DateOnly(2026, 3, 14));
    }

    [Fact]
    public void Quarters_are_generated_from_2024_Q1_to_four_quarters_after_today()
    {
        var quarters = PeriodCalendar.QuartersThrough((2024, 1), new DateOnly(2026, 11, 28), 4).ToList();
        quarters[0].ShouldBe((2024, 1));
        quarters[^1].ShouldBe((2027, 4));
        quarters.Count.ShouldBe(16);
    }

    [Fact]
    public void A_period_closes_only_after_the_end_of_its_due_day_in_Vietnam()
    {
        var q = PeriodCalendar.NewQuarter(NewDirective(), 2026, 3); // due 10/10/2026
        q.CloseIfOverdue(new DateTimeOffset(2026, 10, 10, 16, 59, 0, TimeSpan.Zero)).ShouldBeFalse(); // 23:59 in Hà Nội
        q.State.ShouldBe(PeriodState.Open);
        q.CloseIfOverdue(new DateTimeOffset(2026, 10, 10, 17, 0, 1, TimeSpan.Zero)).ShouldBeTrue();
        q.State.ShouldBe(PeriodState.Closed);
    }

    [Fact]
    public void A_locked_period_cannot_be_locked_again_but_can_be_reopened()
    {
        var q = PeriodCalendar.NewQuarter(NewDirective(), 2025, 1);
        q.Lock();
        Should.Throw<DomainException>(() => q.Lock());
        q.Reopen();
        q.State.ShouldBe(PeriodState.Open);
    }

    [Fact]
    public void A_province_is_due_later_than_its_districts()
    {
        var q = PeriodCalendar.NewQuarter(NewDirective(), 2025, 2);
        q.DueOnFor(OrgUnitKind.DistrictCommittee).ShouldBe(q.DueOnUnit);
        q.DueOnFor(OrgUnitKind.ProvincialCommittee).ShouldBe(q.DueOnProvince);
        q.DueOnProvince.ShouldBeGreaterThan(q.DueOnUnit);
    }
}
