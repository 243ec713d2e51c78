using ChildCare.Core.Features.Dashboards;
using ChildCare.Web;
using ChildCare.Web.Components.Pages.Dashboards;
using ChildCare.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ChildCare.ComponentTests;

/// <summary>
/// Issue 22, item 5 (page logic below the browser): the dashboard's compliance chart as the page draws it — labels,
/// the sentence a screen reader hears and the table under it — in Vietnamese and in English (issue 22, item 3: labels
/// come from the resources, never hard-coded in the chart).
/// </summary>
public sealed class DashboardChartTests : ComponentTest
{
    private static readonly Compliance Hanoi = new(Guid.NewGuid(), "Thành ủy Hà Nội", "2026-Q3", "Quý III/2026", new DateOnly(2026, 10, 10),
        Expected: 126, OnTime: 80, Late: 20, Returned: 3, Missing: 23, Accepted: 60, Submitted: 103, SubmittedRate: 103 / 126.0,
        OnTimeRate: 80 / 126.0, Units: []);

    private IRenderedComponent<ChartFigure> Draw() =>
        Render<ChartFigure>(p => p
            .Add(c => c.Title, "Số đơn vị theo tình trạng báo cáo")
            .Add(c => c.Data, DashboardCharts.Compliance(Hanoi, Services.GetRequiredService<IStringLocalizer<Strings>>())));

    [Fact]
    public void The_compliance_chart_names_each_state_counts_it_and_says_so_in_one_sentence()
    {
        var chart = Draw();
        chart.FindAll("[data-testid=chart-row]").Select(r => (r.GetAttribute("data-label"), r.QuerySelector("td")!.TextContent))
            .ShouldBe([("Đúng hạn", "80"), ("Muộn", "20"), ("Bị trả lại", "3"), ("Chưa nộp", "23"), ("Đã chấp nhận", "60")]);
        chart.Find("[role=img]").GetAttribute("aria-label")
            .ShouldBe("Biểu đồ cột: 126 đơn vị phải báo cáo; 80 đúng hạn, 20 muộn, 3 bị trả lại, 23 chưa nộp, 60 đã được chấp nhận.");
    }

    [Fact]
    public void In_English_the_same_chart_reads_in_English()
    {
        InLanguage("en-US");
        var chart = Draw();
        chart.FindAll("[data-testid=chart-row]").Select(r => r.GetAttribute("data-label"))
            .ShouldBe(["On time", "Late", "Returned", "Not submitted", "Accepted"]);
        chart.Find("[role=img]").GetAttribute("aria-label").ShouldStartWith("Bar chart: 126 units must report; 80 on time");
        chart.Find("summary").TextContent.ShouldNotContain("bảng");
    }

    [Fact]
    public void A_chart_without_figures_says_there_is_nothing_to_draw_instead_of_an_empty_picture()
    {
        var chart = Render<ChartFigure>(p => p.Add(c => c.Title, "Xu hướng").Add(c => c.Data, new ChartData("Kỳ", [], [], ChartData.Number, "")));
        chart.FindAll("[role=img]").ShouldBeEmpty();
        chart.Markup.ShouldContain("Chưa có số liệu");
    }
}
