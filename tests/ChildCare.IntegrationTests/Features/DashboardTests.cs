using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Features;

/// <summary>Dashboards equal a direct count or sum over the reports, whatever happened to them.</summary>
public sealed class DashboardTests(PortalFixture portal) : PortalTest(portal)
{
    private static readonly Actor District = new(null, "Văn phòng quận");
    private static readonly Actor Province = new(null, "Thành ủy");

    private sealed record World(Guid DirectiveId, Guid PeriodId, Guid HanoiId, Guid RateId, Guid CountId);

    /// <summary>
    /// 2025-Q2 in Hà Nội: Ba Đình on time and accepted; Hoàn Kiếm late and accepted; Tây Hồ returned;
    /// Long Biên returned then fixed and accepted; Cầu Giấy only a draft; Đống Đa closed before the
    /// quarter (not expected); Hai Bà Trưng submitted, waiting. Everyone else missing.
    /// </summary>
    private async Task<World> BuildAsync()
    {
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var directive = await db.Directives.Include(d => d.TaskAreas).Include(d => d.Indicators).AsSplitQuery().SingleAsync();
        var period = await db.ReportingPeriods.SingleAsync(p => p.Code == "2025-Q2");
        // The 2024 tree (later units reuse some codes, e.g. the new P08).
        var units = (await db.OrgUnits.Include(u => u.Versions).Where(u => u.ValidFrom == null).ToListAsync()).ToDictionary(u => u.Code);
        units["P01-D006"].CloseAfter(new DateOnly(2025, 3, 31));
        var rate = directive.Indicators.Single(i => i.Code == "CT28-01");
        var count = directive.Indicators.Single(i => i.Code == "CT28-03");
        var due = period.DueOnUnit;
        var onTime = Deadlines.EndOfDay(due).AddDays(-2);
        var late = Deadlines.EndOfDay(due).AddDays(3);

        ProgressReport Report(string code, decimal num, decimal den, decimal conferences)
        {
            var r = new ProgressReport(directive, units[code], period, District, onTime.AddDays(-10));
            foreach (var a in directive.TaskAreas) r.ProgressFor(a).Update(TaskProgressStatus.OnTrack, 60, "Kết quả", $"Khó khăn của {code}", "Đề xuất");
            var v = new IndicatorValue(r.Id, rate);
            v.Set(rate, null, num, den, null);
            r.IndicatorValues.Add(v);
            var c = new IndicatorValue(r.Id, count);
            c.Set(count, conferences, null, null, null);
            r.IndicatorValues.Add(c);
            db.ProgressReports.Add(r);
            return r;
        }

        var baDinh = Report("P01-D001", 1, 2, 4);
        baDinh.Submit(District, onTime, due);
        baDinh.Accept(Province, onTime.AddDays(1));
        var hoanKiem = Report("P01-D002", 900, 1000, 6);
        hoanKiem.Submit(District, late, due);
        hoanKiem.Accept(Province, late.AddDays(1));
        var tayHo = Report("P01-D003", 10, 10, 100);
        tayHo.Submit(District, onTime, due);
        tayHo.Return(Province, onTime.AddDays(1), "Bổ sung");
        var longBien = Report("P01-D004", 30, 40, 1);
        longBien.Submit(District, onTime, due);
        longBien.Return(Province, onTime.AddDays(1), "Bổ sung");
        longBien.Submit(District, late, due);
        longBien.Accept(Province, late.AddDays(1));
        Report("P01-D005", 5, 5, 50); // draft only
        var dongDa = Report("P01-D006", 7, 7, 70); // the unit closed before the quarter
        dongDa.Submit(District, onTime, due);
        var hbt = Report("P01-D007", 0, 100, 0);
        hbt.Submit(District, onTime, due);
        await db.SaveChangesAsync();
        return new World(directive.Id, period.Id, units["P01"].Id, rate.Id, count.Id);
    }

    private async Task<T> GetAsync<T>(string email, string path)
    {
        using var client = await Portal.SignedInAsync(email);
        return (await client.GetFromJsonAsync<T>(path))!;
    }

    [Fact]
    public async Task Compliance_counts_each_unit_once_by_what_happened_to_its_report()
    {
        var w = await BuildAsync();
        var c = await GetAsync<JsonElement>("hanoi@childcare.local", $"/api/dashboard/compliance?directiveId={w.DirectiveId}&periodId={w.PeriodId}&orgUnitId={w.HanoiId}");

        c.GetProperty("expected").GetInt32().ShouldBe(29); // Đống Đa closed before the quarter
        c.GetProperty("accepted").GetInt32().ShouldBe(3);
        c.GetProperty("returned").GetInt32().ShouldBe(1);
        c.GetProperty("missing").GetInt32().ShouldBe(29 - 5); // submitted, returned or accepted: 5
        c.GetProperty("onTime").GetInt32().ShouldBe(4); // Long Biên's first submission was on time
        c.GetProperty("late").GetInt32().ShouldBe(1);
        var units = c.GetProperty("units").EnumerateArray().ToList();
        units.ShouldNotContain(u => u.GetProperty("code").GetString() == "P01-D006");
        units.Single(u => u.GetProperty("code").GetString() == "P01-D005").GetProperty("status").GetString().ShouldBe("Draft");
        units.Single(u => u.GetProperty("code").GetString() == "P01-D008").GetProperty("status").GetString().ShouldBe("Missing");
        units.Single(u => u.GetProperty("code").GetString() == "P01-D008").GetProperty("overdue").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_rate_is_the_sum_of_numerators_over_the_sum_of_denominators_never_an_average()
    {
        var w = await BuildAsync();
        var rows = await GetAsync<List<JsonElement>>("hanoi@childcare.local", $"/api/dashboard/indicators?directiveId={w.DirectiveId}&periodId={w.PeriodId}&orgUnitId={w.HanoiId}");
        var rate = rows.Single(r => r.GetProperty("indicatorId").GetString() == w.RateId.ToString());

        // Counted: Ba Đình 1/2, Hoàn Kiếm 900/1000, Long Biên 30/40, Hai Bà Trưng 0/100. Not: Tây Hồ (returned), Cầu Giấy (draft), Đống Đa (closed).
        rate.GetProperty("numerator").GetDecimal().ShouldBe(931);
        rate.GetProperty("denominator").GetDecimal().ShouldBe(1142);
        rate.GetProperty("value").GetDecimal().ShouldBe(931m / 1142m * 100m, 0.0001m);
        rate.GetProperty("reportingUnits").GetInt32().ShouldBe(4);
        rate.GetProperty("expectedUnits").GetInt32().ShouldBe(29);
        rate.GetProperty("status").GetString().ShouldBe("NotMet"); // target 100%
        rate.GetProperty("targets").GetArrayLength().ShouldBe(2);

        var count = rows.Single(r => r.GetProperty("indicatorId").GetString() == w.CountId.ToString());
        count.GetProperty("value").GetDecimal().ShouldBe(4 + 6 + 1 + 0);
        rows.Single(r => r.GetProperty("code").GetString() == "CT28-19").GetProperty("status").GetString().ShouldBe("NoData");
    }

    [Fact]
    public async Task The_nation_counts_provinces_and_the_task_area_matrix_shows_counted_reports()
    {
        var w = await BuildAsync();
        var nation = await GetAsync<List<JsonElement>>("tuyengiao@childcare.local", "/api/org-units?kind=CentralCommittee");
        var c = await GetAsync<JsonElement>("tuyengiao@childcare.local",
            $"/api/dashboard/compliance?directiveId={w.DirectiveId}&periodId={w.PeriodId}&orgUnitId={nation[0].GetProperty("id").GetString()}");
        c.GetProperty("expected").GetInt32().ShouldBe(63);
        c.GetProperty("missing").GetInt32().ShouldBe(63); // district reports never count for the nation

        var matrix = await GetAsync<JsonElement>("hanoi@childcare.local", $"/api/dashboard/task-areas?directiveId={w.DirectiveId}&periodId={w.PeriodId}&orgUnitId={w.HanoiId}");
        matrix.GetProperty("taskAreas").GetArrayLength().ShouldBe(5);
        var rows = matrix.GetProperty("units").EnumerateArray().ToList();
        rows.Single(r => r.GetProperty("name").GetString() == "Quận ủy Ba Đình").GetProperty("cells").GetArrayLength().ShouldBe(5);
        rows.Single(r => r.GetProperty("name").GetString() == "Quận ủy Tây Hồ").GetProperty("cells").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_digest_finds_difficulties_without_diacritics_and_a_district_cannot_see_the_city()
    {
        var w = await BuildAsync();
        var digest = await GetAsync<List<JsonElement>>("hanoi@childcare.local",
            $"/api/dashboard/digest?directiveId={w.DirectiveId}&periodId={w.PeriodId}&orgUnitId={w.HanoiId}&search=kho%20khan%20cua%20P01-D001");
        digest.ShouldNotBeEmpty();
        digest.ShouldAllBe(d => d.GetProperty("orgUnitName").GetString() == "Quận ủy Ba Đình" && d.GetProperty("kind").GetString() == "Khó khăn");

        using var district = await Portal.SignedInAsync("badinh@childcare.local");
        var response = await district.GetAsync($"/api/dashboard/compliance?directiveId={w.DirectiveId}&periodId={w.PeriodId}&orgUnitId={w.HanoiId}");
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_report_submitted_a_moment_ago_is_in_the_totals()
    {
        var w = await BuildAsync();
        var q = $"directiveId={w.DirectiveId}&periodId={w.PeriodId}&orgUnitId={w.HanoiId}";
        var before = await GetAsync<JsonElement>("hanoi@childcare.local", $"/api/dashboard/compliance?{q}");

        using var hanoi = await Portal.SignedInAsync("hanoi@childcare.local");
        var hbt = before.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "P01-D007").GetProperty("reportId").GetString();
        (await hanoi.PostAsJsonAsync($"/api/reports/{hbt}/accept", new { })).EnsureSuccessStatusCode();

        var after = await GetAsync<JsonElement>("hanoi@childcare.local", $"/api/dashboard/compliance?{q}");
        after.GetProperty("accepted").GetInt32().ShouldBe(before.GetProperty("accepted").GetInt32() + 1);
    }
}
