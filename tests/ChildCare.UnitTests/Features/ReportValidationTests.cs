using ChildCare.Core.Domain;
using ChildCare.Core.Features.Reports;

namespace ChildCare.UnitTests.Features;

public class ReportValidationTests
{
    private static readonly Directive Directive = new("28-CT/TW", DirectiveKind.Directive, "Bộ Chính trị", new DateOnly(2023, 12, 25), "Về trẻ em");
    private static readonly TaskArea Area = Directive.AddTaskArea(1, "Lãnh đạo", "…");
    private static readonly Indicator Rate = new(Directive, Area, "CT28-01", "Tỷ lệ", IndicatorUnit.Percent, IndicatorAggregation.Rate, IndicatorDirection.Higher, IndicatorNature.Stock);
    private static readonly Indicator Count = new(Directive, Area, "CT28-03", "Số hội nghị", IndicatorUnit.Count, IndicatorAggregation.Sum, IndicatorDirection.Higher, IndicatorNature.Flow);

    private static Dictionary<string, string[]> Check(IReadOnlyList<TaskAreaInput>? areas = null, IReadOnlyList<IndicatorValueInput>? values = null) =>
        ReportValidation.Check(new SaveReportRequest(1, areas, values), new Dictionary<Guid, TaskArea> { [Area.Id] = Area },
            new Dictionary<Guid, Indicator> { [Rate.Id] = Rate, [Count.Id] = Count });

    [Fact]
    public void A_valid_save_has_no_errors() =>
        Check([new(Area.Id, TaskProgressStatus.OnTrack, 60, "Đã làm", null, null)],
            [new(Rate.Id, null, 17, 18, null), new(Count.Id, 3, null, null, "ghi chú"), new(Count.Id, null, null, null, null)]).ShouldBeEmpty();

    [Fact]
    public void Percent_done_over_100_is_named_by_its_field() =>
        Check([new(Area.Id, TaskProgressStatus.OnTrack, 150, null, null, null)])["taskAreas[0].percentComplete"]
            .ShouldBe(["Tỷ lệ hoàn thành phải từ 0 đến 100%."]);

    [Fact]
    public void A_rate_needs_both_parts_and_a_count_a_whole_number()
    {
        var errors = Check(values: [new(Rate.Id, null, 5, null, null), new(Count.Id, 2.5m, null, null, null)]);
        errors.ShouldContainKey("indicatorValues[0].denominator");
        errors["indicatorValues[1].value"].ShouldBe(["Số lượng phải là số nguyên."]);
    }

    [Fact]
    public void Absurdly_large_values_are_refused() =>
        Check(values: [new(Count.Id, 1_000_000_000m, null, null, null)]).ShouldContainKey("indicatorValues[0].value");

    [Fact]
    public void An_indicator_of_another_directive_is_refused() =>
        Check(values: [new(Guid.NewGuid(), 1, null, null, null)]).ShouldContainKey("indicatorValues[0].indicatorId");
}
