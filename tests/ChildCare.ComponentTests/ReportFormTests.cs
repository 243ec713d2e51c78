using ChildCare.Core.Domain;
using ChildCare.Web.Components.Pages.Reports;

namespace ChildCare.ComponentTests;

/// <summary>
/// The report page's form state (issue 22, item 5): what the draft buffer keeps must come back the same, a rate is
/// computed from its parts, and a save sends a rate's parts and a count's value — never both.
/// </summary>
public sealed class ReportFormTests
{
    private static ReportForm Filled() => new()
    {
        Areas = [new ReportForm.AreaInput { TaskAreaId = Guid.NewGuid(), Number = 1, Title = "Lãnh đạo, chỉ đạo", Status = TaskProgressStatus.AtRisk,
            Percent = 40, Results = "Đã tổ chức 3 hội nghị.", Difficulties = "Thiếu kinh phí; \"dấu ngoặc\" và xuống dòng\nvẫn giữ." }],
        Indicators =
        [
            new ReportForm.IndicatorInput { IndicatorId = Guid.NewGuid(), Code = "CT28-01", Unit = IndicatorUnit.Percent, Aggregation = IndicatorAggregation.Rate,
                Value = 99, Numerator = 45, Denominator = 60 },
            new ReportForm.IndicatorInput { IndicatorId = Guid.NewGuid(), Code = "CT28-05", Unit = IndicatorUnit.Count, Aggregation = IndicatorAggregation.Sum,
                Value = 12, Numerator = 1, Denominator = 2, Comment = "Số lớp tập huấn" },
        ],
    };

    [Fact]
    public void What_the_draft_buffer_keeps_comes_back_the_same_and_a_damaged_draft_is_ignored()
    {
        var form = Filled();
        var back = ReportForm.FromJson(form.ToJson())!;
        back.ToJson().ShouldBe(form.ToJson());
        back.Areas[0].Difficulties.ShouldBe(form.Areas[0].Difficulties);
        ReportForm.FromJson("{\"Areas\": [").ShouldBeNull();
    }

    [Fact]
    public void A_rate_is_its_parts_scaled_and_a_save_sends_only_what_each_kind_of_indicator_has()
    {
        var form = Filled();
        form.Indicators[0].Computed.ShouldBe(75m);
        form.Indicators[1].Computed.ShouldBe(12m);
        form.Indicators[0] = new ReportForm.IndicatorInput { Aggregation = IndicatorAggregation.Rate, Unit = IndicatorUnit.Percent, Numerator = 3, Denominator = 0 };
        form.Indicators[0].Computed.ShouldBeNull("no rate over zero");

        var request = Filled().ToRequest(7);
        request.Version.ShouldBe(7u);
        request.IndicatorValues![0].Value.ShouldBeNull("a rate sends its parts");
        (request.IndicatorValues![0].Numerator, request.IndicatorValues![0].Denominator).ShouldBe((45m, 60m));
        request.IndicatorValues![1].Value.ShouldBe(12m);
        (request.IndicatorValues![1].Numerator, request.IndicatorValues![1].Denominator).ShouldBe((null, null), "a count sends its value");
        request.TaskAreas![0].PercentComplete.ShouldBe(40);
    }
}
