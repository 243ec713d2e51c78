using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Core.Features.Dashboards;
using ChildCare.Core.Features.Reports;
using ChildCare.Tests.Shared;

namespace ChildCare.IntegrationTests.Features;

/// <summary>One overdue rule (Deadlines.IsOverdue): the unit's own page, the reviewer's inbox and the dashboard agree.</summary>
public sealed class OverdueRuleTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task A_draft_never_sent_past_its_deadline_is_overdue_on_the_units_page_in_the_inbox_and_on_the_dashboard()
    {
        using var ward = await Portal.SignedInAsync("phuonghaibatrung@childcare.local");
        var directive = (await ward.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single();
        var did = directive.GetProperty("id").GetGuid();
        var today = TestClock.TodayInVietnam;
        var past = (await ward.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={did}"))!
            .Where(p => p.GetProperty("kind").GetString() == "Quarter" && DateOnly.Parse(p.GetProperty("dueOn").GetString()!, CultureInfo.InvariantCulture) < today)
            .MaxBy(p => p.GetProperty("startsOn").GetString())!;
        var pid = past.GetProperty("id").GetGuid();
        var me = await ward.GetFromJsonAsync<JsonElement>("/api/me");
        var unit = me.GetProperty("orgUnitId").GetGuid();
        (await ward.PostAsJsonAsync("/api/reports", new { directiveId = did, periodId = pid, orgUnitId = unit })).EnsureSuccessStatusCode();

        var own = await Portal.AsUserAsync<IReadOnlyList<UnitPeriodRow>, ProgressReportService>("phuonghaibatrung@childcare.local",
            s => s.OwnPeriodsAsync(did));
        own.Single(r => r.PeriodId == pid).Overdue.ShouldBeTrue();

        var inbox = await Portal.AsUserAsync<IReadOnlyList<InboxRow>, ProgressReportService>("hanoi@childcare.local", s => s.InboxAsync(did, pid));
        inbox.Single(r => r.OrgUnitId == unit).Overdue.ShouldBeTrue();

        var hanoi = (await Portal.AsUserAsync<Core.Security.UserScope, Core.Security.ScopeResolver>("hanoi@childcare.local", s => s.CurrentAsync())).OrgUnitId;
        var compliance = await Portal.AsUserAsync<Compliance, DashboardService>("hanoi@childcare.local",
            s => s.ComplianceAsync(new DashboardQuery(did, pid, hanoi)));
        compliance.Units.Single(u => u.OrgUnitId == unit).Overdue.ShouldBeTrue();
    }
}
