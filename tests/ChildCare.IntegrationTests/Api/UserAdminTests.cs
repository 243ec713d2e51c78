using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Api;

public sealed class UserAdminTests(PortalFixture portal) : PortalTest(portal)
{
    private async Task<Guid> UnitIdAsync(HttpClient admin, string code) =>
        Guid.Parse((await admin.GetFromJsonAsync<List<JsonElement>>($"/api/org-units?search={code}&asOf=2024-06-30"))!
            .Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetString()!);

    [Fact]
    public async Task An_administrator_creates_a_user_who_can_then_sign_in_within_their_scope()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var unit = await UnitIdAsync(admin, "P01-D006");
        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            email = "dongda@childcare.local",
            fullName = "Cán bộ Quận ủy Đống Đa",
            role = "Reporter",
            orgUnitId = unit,
            password = "DongDa@2024",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var user = await Portal.SignedInAsync("dongda@childcare.local", "DongDa@2024");
        var units = await user.GetFromJsonAsync<List<JsonElement>>("/api/org-units?asOf=2024-06-30");
        units!.Select(u => u.GetProperty("name").GetString()).ShouldBe(["Quận ủy Đống Đa"]);
    }

    [Fact]
    public async Task A_weak_password_or_missing_unit_is_refused_field_by_field_in_Vietnamese()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            email = "weak@childcare.local",
            fullName = "",
            role = "Reporter",
            orgUnitId = Guid.Empty,
            password = "abc",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("fullName")[0].GetString().ShouldBe("Cần nhập họ và tên.");
        errors.GetProperty("orgUnitId")[0].GetString().ShouldBe("Cần chọn đơn vị.");

        var unit = await UnitIdAsync(admin, "P01-D006");
        var weak = await admin.PostAsJsonAsync("/api/users", new { email = "weak@childcare.local", fullName = "A", role = "Reporter", orgUnitId = unit, password = "abc" });
        var passwordErrors = (await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("password");
        passwordErrors.EnumerateArray().Select(e => e.GetString()).ShouldContain("Mật khẩu phải có ít nhất 8 ký tự.");
    }

    [Fact]
    public async Task A_duplicate_email_is_refused()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var unit = await UnitIdAsync(admin, "P01-D006");
        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            email = "badinh@childcare.local",
            fullName = "Trùng",
            role = "Reporter",
            orgUnitId = unit,
            password = "DongDa@2024",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Đã có tài khoản với địa chỉ e-mail này.");
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_their_open_token_stops_working()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        using var reporter = await Portal.SignedInAsync("badinh@childcare.local");
        var id = (await reporter.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetString();

        (await admin.PostAsync($"/api/users/{id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var anonymous = Portal.Anonymous();
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "badinh@childcare.local", password = "ChildCare@2024" });
        login.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await login.Content.ReadAsStringAsync()).ShouldContain("vô hiệu hóa");
        (await reporter.GetAsync("/api/org-units")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await admin.PostAsync($"/api/users/{id}/enable", null)).EnsureSuccessStatusCode();
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "badinh@childcare.local", password = "ChildCare@2024" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_unlocks_a_locked_out_user_and_resets_a_password()
    {
        using var anonymous = Portal.Anonymous();
        for (var i = 0; i < 5; i++)
            await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "badinh@childcare.local", password = "nope" });
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var user = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/users?search=badinh"))!.Single(u => u.GetProperty("email").GetString() == "badinh@childcare.local");
        user.GetProperty("isLockedOut").GetBoolean().ShouldBeTrue();
        var id = user.GetProperty("id").GetString();

        (await admin.PostAsync($"/api/users/{id}/unlock", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/users/{id}/reset-password", new { newPassword = "BaDinh@2025" })).EnsureSuccessStatusCode();

        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "badinh@childcare.local", password = "BaDinh@2025" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changing_a_users_unit_changes_what_they_see_at_once()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        using var reporter = await Portal.SignedInAsync("badinh@childcare.local");
        var id = (await reporter.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetString();
        var hbt = await UnitIdAsync(admin, "P01-D007");

        (await admin.PutAsJsonAsync($"/api/users/{id}", new { fullName = "Cán bộ chuyển công tác", role = "Reporter", orgUnitId = hbt }))
            .EnsureSuccessStatusCode();

        using var again = await Portal.SignedInAsync("badinh@childcare.local");
        (await again.GetFromJsonAsync<List<JsonElement>>("/api/org-units?asOf=2024-06-30"))!.Count.ShouldBe(19);
    }

    [Fact]
    public async Task Every_write_is_audited_with_who_did_it_and_no_secret()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var unit = await UnitIdAsync(admin, "P01-D006");
        await admin.PostAsJsonAsync("/api/users", new
        {
            email = "audit@childcare.local",
            fullName = "Kiểm tra nhật ký",
            role = "Reporter",
            orgUnitId = unit,
            password = "Audit@2024",
        });

        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var entries = (await db.AuditEntries.Where(a => a.EntityType == "AppUser").ToListAsync())
            .Where(a => a.Changes.Contains("audit@childcare.local")).ToList();
        entries.ShouldNotBeEmpty();
        entries.ShouldAllBe(e => e.UserName == "admin@childcare.local");
        var added = JsonDocument.Parse(entries.First(e => e.Action == "Added").Changes).RootElement;
        added.GetProperty("PasswordHash").GetProperty("new").GetString().ShouldBe("***");
        added.GetProperty("Email").GetProperty("new").GetString().ShouldBe("audit@childcare.local");
    }
}
