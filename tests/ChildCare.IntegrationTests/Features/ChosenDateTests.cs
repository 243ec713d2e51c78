using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Reports;

namespace ChildCare.IntegrationTests.Features;

/// <summary>
/// The portal under test runs on a settable clock (<c>Portal.Factory.Clock</c>): deadlines and tokens are tested on the
/// dates chosen here, not on whatever day the suite happens to run.
/// </summary>
public sealed class ChosenDateTests(PortalFixture portal) : PortalTest(portal)
{
    private const string Ward = "phuonghaibatrung@childcare.local";

    [Fact]
    public async Task A_quarter_not_yet_sent_is_due_on_its_last_day_and_overdue_the_morning_after_on_the_page_and_in_the_bell()
    {
        var did = await DirectiveAsync();
        var rows = await Portal.AsUserAsync<IReadOnlyList<UnitPeriodRow>, ProgressReportService>(Ward, s => s.OwnPeriodsAsync(did));
        var quarter = rows.Where(r => r.PeriodCode.Contains("-Q", StringComparison.Ordinal) && r.Status is null && r.PeriodState != PeriodState.Locked)
            .MaxBy(r => r.DueOn)!;
        var due = quarter.DueOn;

        async Task<(bool Overdue, IReadOnlyList<Notification> Bell)> OnAsync(DateOnly day, int hour)
        {
            Portal.Factory.Clock.Freeze(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), Deadlines.VietnamOffset));
            var row = (await Portal.AsUserAsync<IReadOnlyList<UnitPeriodRow>, ProgressReportService>(Ward, s => s.OwnPeriodsAsync(did)))
                .Single(r => r.PeriodId == quarter.PeriodId);
            var bell = await Portal.AsUserAsync<IReadOnlyList<Notification>, NotificationService>(Ward, s => s.ForCurrentUserAsync());
            return (row.Overdue, bell);
        }

        // Three days before: not overdue, the bell says it is coming.
        var before = await OnAsync(due.AddDays(-3), 9);
        before.Overdue.ShouldBeFalse();
        before.Bell.ShouldContain(n => n.Title.Contains($"Sắp đến hạn báo cáo {quarter.PeriodName}", StringComparison.Ordinal));

        // The due day itself, late in the evening (Vietnam time): still on time.
        (await OnAsync(due, 23)).Overdue.ShouldBeFalse();

        // The morning after: overdue, on the unit's page and in the bell.
        var after = await OnAsync(due.AddDays(1), 7);
        after.Overdue.ShouldBeTrue();
        after.Bell.ShouldContain(n => n.Title.Contains($"Quá hạn báo cáo {quarter.PeriodName}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_access_token_ends_after_an_hour_and_its_refresh_token_after_seven_days()
    {
        using var client = Portal.Anonymous();
        var clock = Portal.Factory.Clock;
        clock.Freeze(new DateTimeOffset(2026, 3, 2, 8, 0, 0, Deadlines.VietnamOffset));
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email = "hanoi@childcare.local", password = "ChildCare@2024" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        async Task<HttpStatusCode> MeAsync(JsonElement tokens)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
            return (await client.SendAsync(request)).StatusCode;
        }

        (await MeAsync(login)).ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(59));
        (await MeAsync(login)).ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(2)); // 61 minutes after signing in
        (await MeAsync(login)).ShouldBe(HttpStatusCode.Unauthorized);

        // The refresh token, six days on, still gives a new pair; the new refresh token, eight days on, does not.
        clock.Advance(TimeSpan.FromDays(6));
        var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var pair = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        (await MeAsync(pair)).ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromDays(8));
        (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = pair.GetProperty("refreshToken").GetString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<Guid> DirectiveAsync()
    {
        using var ward = await Portal.SignedInAsync(Ward);
        return (await ward.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single().GetProperty("id").GetGuid();
    }
}
