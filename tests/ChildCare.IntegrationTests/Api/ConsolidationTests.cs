using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Seed;
using ChildCare.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Api;

/// <summary>A province builds its own report from its districts' accepted reports and sends it to the centre.</summary>
public sealed class ConsolidationTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task The_province_report_sums_accepted_district_reports_and_goes_up_to_the_analysts()
    {
        await Portal.Factory.SeedHistoryAsync();
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        // The demo city reports are all filed but the last closed quarter's, which the city still has to compile.
        var today = TestClock.TodayInVietnam;
        var period = await db.ReportingPeriods.Where(p => p.Kind == PeriodKind.Quarter && p.EndsOn < today).OrderByDescending(p => p.EndsOn).FirstAsync();
        var hanoi = await db.OrgUnits.SingleAsync(u => u.Code == "P01");
        var directive = await db.Directives.SingleAsync();
        var rate = await db.Indicators.SingleAsync(i => i.Code == "CT28-01");
        var accepted = await db.IndicatorValues.Where(v => v.IndicatorId == rate.Id && v.Denominator > 0 && db.ProgressReports.Any(r =>
                r.Id == v.ReportId && r.PeriodId == period.Id && r.Status == ReportStatus.Accepted && r.OrgUnit.ParentId == hanoi.Id))
            .ToListAsync();

        using var reviewer = await Portal.SignedInAsync("hanoi@childcare.local");
        var report = await (await reviewer.PostAsJsonAsync("/api/reports", new { directiveId = directive.Id, periodId = period.Id, orgUnitId = hanoi.Id }))
            .Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("permissions").GetProperty("canConsolidate").GetBoolean().ShouldBeTrue();
        var id = report.GetProperty("id").GetString();

        var filled = await (await reviewer.PostAsync($"/api/reports/{id}/consolidate", null)).Content.ReadFromJsonAsync<JsonElement>();

        var value = filled.GetProperty("indicatorValues").EnumerateArray().Single(v => v.GetProperty("indicatorId").GetString() == rate.Id.ToString());
        value.GetProperty("numerator").GetDecimal().ShouldBe(accepted.Sum(v => v.Numerator!.Value));
        value.GetProperty("denominator").GetDecimal().ShouldBe(accepted.Sum(v => v.Denominator!.Value));
        filled.GetProperty("taskAreas")[0].GetProperty("results").GetString()!.ShouldContain("Hai Bà Trưng:"); // the committees of the quarter: communes and wards since 7/2025

        (await reviewer.PostAsync($"/api/reports/{id}/submit", null)).EnsureSuccessStatusCode();
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        (await analyst.PostAsJsonAsync($"/api/reports/{id}/accept", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reviewer.PostAsJsonAsync($"/api/reports/{id}/return", new { comment = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // nobody reviews their own unit
    }

    [Fact]
    public async Task A_district_has_nothing_to_consolidate()
    {
        using var reporter = await Portal.SignedInAsync("haibatrung@childcare.local");
        var directive = (await reporter.GetFromJsonAsync<List<JsonElement>>("/api/directives"))![0];
        var periods = (await reporter.GetFromJsonAsync<List<JsonElement>>("/api/periods"))!;
        var period = periods.Single(p => p.GetProperty("code").GetString() == "2025-Q2");
        var unit = (await reporter.GetFromJsonAsync<List<JsonElement>>("/api/org-units?kind=DistrictCommittee&asOf=2025-06-30"))![0];
        var report = await (await reporter.PostAsJsonAsync("/api/reports", new
        {
            directiveId = directive.GetProperty("id").GetString(),
            periodId = period.GetProperty("id").GetString(),
            orgUnitId = unit.GetProperty("id").GetString(),
        })).Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("permissions").GetProperty("canConsolidate").GetBoolean().ShouldBeFalse();
        (await reporter.PostAsync($"/api/reports/{report.GetProperty("id").GetString()}/consolidate", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
