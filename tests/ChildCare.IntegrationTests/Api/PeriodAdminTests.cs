using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Tests.Shared;

namespace ChildCare.IntegrationTests.Api;

public sealed class PeriodAdminTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task An_administrator_adds_a_half_year_moves_a_deadline_and_a_locked_quarter_takes_no_reports()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var directive = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/directives"))![0].GetProperty("id").GetString();
        var created = await admin.PostAsJsonAsync("/api/periods", new { directiveId = directive, kind = "HalfYear", startsOn = "2025-01-01", endsOn = "2025-06-30" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var half = await created.Content.ReadFromJsonAsync<JsonElement>();
        (half.GetProperty("code").GetString(), half.GetProperty("name").GetString()).ShouldBe(("2025-H1", "6 tháng đầu năm 2025"));
        (await admin.PostAsJsonAsync("/api/periods", new { directiveId = directive, kind = "HalfYear", startsOn = "2025-01-01", endsOn = "2025-06-30" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest); // the same code twice

        var periods = (await admin.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={directive}"))!;
        var today = TestClock.TodayInVietnam;
        var current = periods.Single(p => p.GetProperty("kind").GetString() == "Quarter"
            && DateOnly.Parse(p.GetProperty("startsOn").GetString()!, CultureInfo.InvariantCulture) <= today && today <= DateOnly.Parse(p.GetProperty("endsOn").GetString()!, CultureInfo.InvariantCulture));
        var id = current.GetProperty("id").GetString();
        var ends = DateOnly.Parse(current.GetProperty("endsOn").GetString()!, CultureInfo.InvariantCulture);
        var moved = await admin.PutAsJsonAsync($"/api/periods/{id}/due-dates", new { dueOn = ends.AddDays(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), dueOnProvince = ends.AddDays(25).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dueOn").GetString().ShouldBe(ends.AddDays(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        (await admin.PostAsync($"/api/periods/{id}/lock", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var reporter = await Portal.SignedInAsync("phuonghaibatrung@childcare.local");
        var unit = (await reporter.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("orgUnitId").GetString();
        var refused = await reporter.PostAsJsonAsync("/api/reports", new { directiveId = directive, periodId = id, orgUnitId = unit });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Kỳ báo cáo đã khóa.");
        (await reporter.PostAsync($"/api/periods/{id}/reopen", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsync($"/api/periods/{id}/reopen", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reporter.PostAsJsonAsync("/api/reports", new { directiveId = directive, periodId = id, orgUnitId = unit })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
