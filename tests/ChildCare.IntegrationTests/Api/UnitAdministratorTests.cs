using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Tests.Shared;

namespace ChildCare.IntegrationTests.Api;

/// <summary>
/// Issue 18, item 2: a province manages its own people. Nghệ An's unit administrator creates, edits, disables,
/// enables, unlocks and resets the accounts of Nghệ An's units, with the roles Reporter and Reviewer only; anything
/// outside its subtree is "not found"; the centre's roles stay with the centre.
/// </summary>
public sealed class UnitAdministratorTests(PortalFixture portal) : PortalTest(portal)
{
    private const string Admin = "quantri.nghean@childcare.local";
    private static readonly string Today = TestClock.TodayInVietnam.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<Guid> UnitIdAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<List<JsonElement>>($"/api/org-units?asOf={Today}&search={code}&take=50"))!
            .Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    private static object Person(string email, string role, Guid unit, string? password = null) =>
        new { email, fullName = "Văn phòng Đảng ủy xã", role, orgUnitId = unit, password };

    [Fact]
    public async Task Nghe_Ans_unit_administrator_creates_a_reporter_for_a_Nghe_An_commune_who_then_signs_in()
    {
        using var qa = await Portal.SignedInAsync(Admin);
        var commune = await UnitIdAsync(qa, "P40-16681");
        var created = await qa.PostAsJsonAsync("/api/users", Person("vanphong.16681@childcare.local", "Reporter", commune, "Xa-Phuong@2026!"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using var reporter = await Portal.SignedInAsync("vanphong.16681@childcare.local", "Xa-Phuong@2026!");
        (await reporter.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("orgUnitId").GetGuid().ShouldBe(commune);

        // Without a password the account is made (to be invited) and cannot sign in yet.
        (await qa.PostAsJsonAsync("/api/users", Person("vanphong.khac@childcare.local", "Reviewer", commune))).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var anonymous = Portal.Anonymous();
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "vanphong.khac@childcare.local", password = "" })).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Outside_its_subtree_everything_is_not_found_and_the_centres_roles_are_refused()
    {
        using var qa = await Portal.SignedInAsync(Admin);
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var hanoiWard = await UnitIdAsync(admin, "P01-00004");
        var commune = await UnitIdAsync(qa, "P40-16681");

        (await qa.PostAsJsonAsync("/api/users", Person("x.badinh@childcare.local", "Reporter", hanoiWard, "Xa-Phuong@2026!")))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var role in new[] { "Administrator", "Analyst", "UnitAdministrator" })
        {
            var refused = await qa.PostAsJsonAsync("/api/users", Person($"x.{role.ToLowerInvariant()}@childcare.local", role, commune, "Xa-Phuong@2026!"));
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, role);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("quản trị viên trung ương");
        }

        // Hà Nội's accounts: not in the list, and every action on one is "not found".
        var hanoiUser = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/users?search=phuongbadinh"))!.Single().GetProperty("id").GetGuid();
        var list = (await qa.GetFromJsonAsync<List<JsonElement>>("/api/users?take=200"))!;
        list.ShouldNotContain(u => u.GetProperty("id").GetGuid() == hanoiUser);
        list.Select(u => u.GetProperty("email").GetString()).ShouldBe(["nghean@childcare.local", Admin], ignoreOrder: true);
        (await qa.GetAsync($"/api/users/{hanoiUser}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await qa.PostAsync($"/api/users/{hanoiUser}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await qa.PostAsJsonAsync($"/api/users/{hanoiUser}/reset-password", new { newPassword = "Mat-Khau-Moi@2026" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await qa.PutAsJsonAsync($"/api/users/{hanoiUser}", new { fullName = "x", role = "Reporter", orgUnitId = commune })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Its own account (a unit administrator) stays with the centre.
        var self = list.Single(u => u.GetProperty("email").GetString() == Admin).GetProperty("id").GetGuid();
        (await qa.PostAsJsonAsync($"/api/users/{self}/reset-password", new { newPassword = "Mat-Khau-Moi@2026" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task It_edits_disables_enables_unlocks_and_resets_its_provinces_accounts()
    {
        using var qa = await Portal.SignedInAsync(Admin);
        var commune = await UnitIdAsync(qa, "P40-16681");
        var other = await UnitIdAsync(qa, "P40-16690");
        var created = await (await qa.PostAsJsonAsync("/api/users", Person("vanphong.16681@childcare.local", "Reporter", commune, "Xa-Phuong@2026!")))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        var moved = await qa.PutAsJsonAsync($"/api/users/{id}", new { fullName = "Văn phòng Đảng ủy xã (mới)", role = "Reviewer", orgUnitId = other });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        (await qa.PostAsync($"/api/users/{id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await qa.PostAsync($"/api/users/{id}/enable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await qa.PostAsync($"/api/users/{id}/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await qa.PostAsJsonAsync($"/api/users/{id}/reset-password", new { newPassword = "Mat-Khau-Moi@2026" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var person = await Portal.SignedInAsync("vanphong.16681@childcare.local", "Mat-Khau-Moi@2026");
        (await person.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("roles").EnumerateArray().Single().GetString().ShouldBe("Reviewer");

        // Moving one of its people out of the province is "not found" for the unit it names.
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var hanoiWard = await UnitIdAsync(admin, "P01-00004");
        (await qa.PutAsJsonAsync($"/api/users/{id}", new { fullName = "x", role = "Reporter", orgUnitId = hanoiWard })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Other_roles_cannot_manage_accounts_and_administrators_keep_everything()
    {
        using var reviewer = await Portal.SignedInAsync("nghean@childcare.local");
        (await reviewer.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var hanoiWard = await UnitIdAsync(admin, "P01-00004");
        (await admin.PostAsJsonAsync("/api/users", Person("x.analyst@childcare.local", "Analyst", hanoiWard, "Xa-Phuong@2026!"))).StatusCode
            .ShouldBe(HttpStatusCode.Created);
        (await admin.GetFromJsonAsync<List<JsonElement>>("/api/users?take=200"))!.Count.ShouldBeGreaterThan(8);
    }
}
