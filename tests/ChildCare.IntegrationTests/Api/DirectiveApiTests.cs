using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Tests.Shared;

namespace ChildCare.IntegrationTests.Api;

public sealed class DirectiveApiTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task Directive_28_has_five_task_areas_and_25_indicators_with_enums_as_strings()
    {
        using var client = await Portal.SignedInAsync("haibatrung@childcare.local");
        var directives = await client.GetFromJsonAsync<List<JsonElement>>("/api/directives");

        var d = directives!.Single(x => x.GetProperty("code").GetString() == "28-CT/TW");
        d.GetProperty("issuedOn").GetString().ShouldBe("2023-12-25");
        d.GetProperty("title").GetString()!.ShouldStartWith("Về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em");
        d.GetProperty("taskAreas").EnumerateArray().Select(t => t.GetProperty("number").GetInt32()).ShouldBe([1, 2, 3, 4, 5]);
        var indicators = d.GetProperty("indicators").EnumerateArray().ToList();
        indicators.Count.ShouldBe(25);
        var u5 = indicators.Single(i => i.GetProperty("code").GetString() == "CT28-12");
        u5.GetProperty("unit").GetString().ShouldBe("PerThousand");
        u5.GetProperty("aggregation").GetString().ShouldBe("Rate");
        u5.GetProperty("direction").GetString().ShouldBe("Lower");
    }

    [Fact]
    public async Task Directive_details_carry_section_6_assignments_and_targets_from_both_sources()
    {
        using var client = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var id = (await client.GetFromJsonAsync<List<JsonElement>>("/api/directives"))![0].GetProperty("id").GetString();
        var d = await client.GetFromJsonAsync<JsonElement>($"/api/directives/{id}");

        d.GetProperty("signer").GetString().ShouldBe("Trương Thị Mai");
        d.GetProperty("continuesCode").GetString().ShouldBe("20-CT/TW");
        d.GetProperty("issuingBody").GetString().ShouldBe("Bộ Chính trị");
        var assignments = d.GetProperty("assignments").EnumerateArray().ToList();
        assignments.Select(a => a.GetProperty("clauseNumber").GetInt32()).Distinct().Count().ShouldBe(5);
        assignments.ShouldContain(a => a.GetProperty("orgUnitName").GetString() == "Ban Tuyên giáo và Dân vận Trung ương" && a.GetProperty("role").GetString() == "Lead");
        assignments.ShouldContain(a => a.GetProperty("orgUnitName").GetString() == "Mặt trận Tổ quốc Việt Nam" && a.GetProperty("role").GetString() == "Supervise");
        assignments.ShouldContain(a => a.GetProperty("role").GetString() == "Coordinate");
        d.GetProperty("taskAreas")[2].GetProperty("text").GetString()!.ShouldContain("quản lý chặt chẽ các cơ sở chăm sóc");

        var stunting = d.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "CT28-13");
        var sources = stunting.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("source").GetString()).Distinct().ToList();
        sources.Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_unknown_directive_is_404_problem_details()
    {
        using var client = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var response = await client.GetAsync($"/api/directives/{Guid.NewGuid()}");
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Quarterly_periods_run_from_2024_Q1_to_at_least_four_quarters_after_today()
    {
        using var client = await Portal.SignedInAsync("haibatrung@childcare.local");
        var periods = (await client.GetFromJsonAsync<List<JsonElement>>("/api/periods"))!;

        periods[0].GetProperty("code").GetString().ShouldBe("2024-Q1");
        periods[0].GetProperty("kind").GetString().ShouldBe("Quarter");
        periods[0].GetProperty("state").GetString().ShouldBe("Closed");
        var today = TestClock.TodayInVietnam;
        var last = DateOnly.Parse(periods[^1].GetProperty("startsOn").GetString()!, CultureInfo.InvariantCulture);
        last.ShouldBeGreaterThanOrEqualTo(today.AddMonths(9));
        var current = periods.Single(p => DateOnly.Parse(p.GetProperty("startsOn").GetString()!, CultureInfo.InvariantCulture) <= today && today <= DateOnly.Parse(p.GetProperty("endsOn").GetString()!, CultureInfo.InvariantCulture));
        current.GetProperty("state").GetString().ShouldBe("Open");
        DateOnly.Parse(current.GetProperty("dueOn").GetString()!, CultureInfo.InvariantCulture).ShouldBe(DateOnly.Parse(current.GetProperty("endsOn").GetString()!, CultureInfo.InvariantCulture).AddDays(10));
    }
}
