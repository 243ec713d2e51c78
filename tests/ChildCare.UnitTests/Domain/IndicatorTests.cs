using ChildCare.Core.Domain;

namespace ChildCare.UnitTests.Domain;

public class IndicatorTests
{
    private static readonly Directive Directive = new("28-CT/TW", DirectiveKind.Directive, "Bộ Chính trị", new DateOnly(2023, 12, 25), "Về trẻ em");

    private static Indicator Rate(IndicatorUnit unit) =>
        new(Directive, null, "R", "Tỷ lệ", unit, IndicatorAggregation.Rate, IndicatorDirection.Higher, IndicatorNature.Stock);

    private static Indicator Count() =>
        new(Directive, null, "C", "Số", IndicatorUnit.Count, IndicatorAggregation.Sum, IndicatorDirection.None, IndicatorNature.Flow);

    [Theory]
    [InlineData(IndicatorUnit.Percent, 25, 200, 12.5)]
    [InlineData(IndicatorUnit.PerThousand, 3, 200, 15)]
    [InlineData(IndicatorUnit.PerHundredThousand, 11, 2000, 550)]
    public void A_rate_is_the_ratio_scaled_by_its_unit(IndicatorUnit unit, int numerator, int denominator, double expected) =>
        Rate(unit).RateOf(numerator, denominator).ShouldBe((decimal)expected);

    [Fact]
    public void A_rate_with_nothing_reported_or_a_zero_denominator_has_no_value()
    {
        Rate(IndicatorUnit.Percent).RateOf(null, 10).ShouldBeNull();
        Rate(IndicatorUnit.Percent).RateOf(0, 0).ShouldBeNull();
    }

    [Fact]
    public void A_rate_cannot_be_counted_in_plain_units() =>
        Should.Throw<DomainException>(() => Rate(IndicatorUnit.Count));

    [Fact]
    public void Not_reported_is_not_zero()
    {
        var value = new IndicatorValue(Guid.NewGuid(), Count());
        value.IsReported.ShouldBeFalse();
        value.Set(Count(), 0, null, null, null);
        value.IsReported.ShouldBeTrue();
        value.Value.ShouldBe(0);
    }

    [Fact]
    public void A_percentage_numerator_cannot_exceed_its_denominator()
    {
        var rate = Rate(IndicatorUnit.Percent);
        var value = new IndicatorValue(Guid.NewGuid(), rate);
        Should.Throw<DomainException>(() => value.Set(rate, null, 11, 10, null)).Message.ShouldBe("Tử số không được lớn hơn mẫu số.");
        Should.Throw<DomainException>(() => value.Set(rate, null, 5, null, null));
        Should.Throw<DomainException>(() => value.Set(rate, 50, null, null, null));
    }

    [Fact]
    public void Counts_cannot_be_negative() =>
        Should.Throw<DomainException>(() => new IndicatorValue(Guid.NewGuid(), Count()).Set(Count(), -1, null, null, null));

    [Fact]
    public void Two_sources_can_set_targets_for_the_same_year_but_one_source_only_once()
    {
        var rate = Rate(IndicatorUnit.Percent);
        rate.AddTarget(2025, 17, "Quyết định 23/QĐ-TTg");
        rate.AddTarget(2025, 20, "Quyết định 1896/QĐ-TTg");
        Should.Throw<DomainException>(() => rate.AddTarget(2025, 18, "Quyết định 23/QĐ-TTg"));
        rate.Targets.Count.ShouldBe(2);
    }
}
