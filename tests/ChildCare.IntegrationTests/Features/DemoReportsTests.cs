using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Features;

public sealed class DemoReportsTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task Hanoi_districts_get_a_plausible_report_history_up_to_the_last_closed_quarter()
    {
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoReportsSeeder>();
        var created = await seeder.SeedAsync();
        (await seeder.SeedAsync()).ShouldBe(0); // once only

        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var today = Deadlines.TodayInVietnam(DateTimeOffset.UtcNow);
        var reports = await db.ProgressReports.Include(r => r.Period).Include(r => r.OrgUnit).Include(r => r.History).AsSplitQuery().ToListAsync();
        reports.Count.ShouldBe(created);
        reports.ShouldAllBe(r => r.Period.EndsOn < today); // the current quarter is left open
        reports.Min(r => r.Period.Code).ShouldBe("2024-Q1");
        var byStatus = reports.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        byStatus[ReportStatus.Accepted].ShouldBeGreaterThan(reports.Count / 2);
        reports.ShouldContain(r => r.SubmittedOnTime == false);
        reports.ShouldContain(r => r.History.Count(h => h.Action == ReportAction.Returned) == 1 && r.Status == ReportStatus.Accepted);
        var expected = 30 * reports.Select(r => r.PeriodId).Distinct().Count();
        reports.Count(r => r.OrgUnit.Kind == OrgUnitKind.DistrictCommittee).ShouldBeLessThan(expected); // some never filed
        var city = reports.Where(r => r.OrgUnit.Code == "P01").ToList(); // the city's own, consolidated reports to the centre
        city.ShouldNotBeEmpty();
        city.ShouldAllBe(r => r.Status == ReportStatus.Accepted);
        reports.Count(r => r.OrgUnit.Code == "P01-D007").ShouldBe(reports.Select(r => r.PeriodId).Distinct().Count());
        reports.Where(r => r.OrgUnit.Code == "P01-D007").ShouldAllBe(r => r.Status == ReportStatus.Accepted);
    }
}
