using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Seed;
using ChildCare.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Features;

public sealed class DemoReportsTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task The_demo_history_follows_the_tree_of_each_quarter_up_to_the_last_closed_one()
    {
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoReportsSeeder>();
        var created = await seeder.SeedAsync();
        (await seeder.SeedAsync()).ShouldBe(0); // once only

        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var today = TestClock.TodayInVietnam;
        var reports = await db.ProgressReports.Include(r => r.Period).Include(r => r.OrgUnit).Include(r => r.History).AsSplitQuery().ToListAsync();
        reports.Count.ShouldBe(created);
        reports.ShouldAllBe(r => r.Period.EndsOn < today); // the current quarter is left open
        reports.Min(r => r.Period.Code).ShouldBe("2024-Q1");
        var byStatus = reports.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        byStatus[ReportStatus.Accepted].ShouldBeGreaterThan(reports.Count / 2);
        reports.ShouldContain(r => r.SubmittedOnTime == false);
        reports.ShouldContain(r => r.History.Count(h => h.Action == ReportAction.Returned) == 1 && r.Status == ReportStatus.Accepted);

        // Districts until 2025-Q2, never after; communes from 2025-Q3, more than 30 in each quarter.
        var reform = new DateOnly(2025, 7, 1);
        reports.Where(r => r.OrgUnit.Kind == OrgUnitKind.DistrictCommittee).ShouldAllBe(r => r.Period.EndsOn < reform);
        reports.Where(r => r.OrgUnit.Kind == OrgUnitKind.GrassrootsCommittee).ShouldAllBe(r => r.Period.StartsOn >= reform);
        foreach (var quarter in reports.Where(r => r.Period.StartsOn >= reform).GroupBy(r => r.Period.Code))
            quarter.Count(r => r.OrgUnit.Kind == OrgUnitKind.GrassrootsCommittee && r.Status != ReportStatus.Draft).ShouldBeGreaterThan(30);

        // The centre has a nation: 63 provinces' reports until 2025-Q2, 34 after, a few missing.
        var provincial = reports.Where(r => r.OrgUnit.Kind == OrgUnitKind.ProvincialCommittee).GroupBy(r => r.Period).ToList();
        provincial.Where(g => g.Key.EndsOn < reform).ShouldAllBe(g => g.Count() > 50 && g.Count() <= 63);
        provincial.Where(g => g.Key.StartsOn >= reform).ShouldAllBe(g => g.Count() > 25 && g.Count() <= 34);

        // Hà Nội's own reports are accepted except the last closed quarter's, a draft ready to consolidate.
        var last = reports.Max(r => r.Period.StartsOn);
        var city = reports.Where(r => r.OrgUnit.Code == "P01").ToList();
        city.Where(r => r.Period.StartsOn < last).ShouldAllBe(r => r.Status == ReportStatus.Accepted);
        city.Single(r => r.Period.StartsOn == last).Status.ShouldBe(ReportStatus.Draft);
        // The demo accounts' own units have complete accepted histories; Phường Ba Đình's last quarter is missing.
        reports.Where(r => r.OrgUnit.Code == "P01-D007").ShouldAllBe(r => r.Status == ReportStatus.Accepted);
        reports.Count(r => r.OrgUnit.Code == "P01-D007").ShouldBe(6);
        reports.ShouldNotContain(r => r.OrgUnit.Code == DemoReportsSeeder.AlwaysOverdue && r.Period.StartsOn == last);
    }
}
