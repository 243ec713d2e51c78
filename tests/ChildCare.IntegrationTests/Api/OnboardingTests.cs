using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChildCare.Core.Data;
using ChildCare.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Api;

/// <summary>
/// Issue 18, items 3, 6 and 7: a list of people previewed row by row (nothing created), applied once by its uploader in
/// one transaction (each account invited, none able to sign in yet); the onboarding view counting a province's communes;
/// accounts left on a closed unit shown as to be moved.
/// </summary>
public sealed class OnboardingTests(PortalFixture portal) : PortalTest(portal)
{
    private const string NgheAnAdmin = "quantri.nghean@childcare.local";
    private static readonly string Today = TestClock.TodayInVietnam.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<Guid> UnitIdAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<List<JsonElement>>($"/api/org-units?asOf={Today}&search={code}&take=5000"))!
            .Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    private static MultipartFormDataContent List(string csv, string name = "danh-sach.csv")
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private async Task<int> AccountsAsync(string emailLike)
    {
        await using var db = await Portal.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Users.CountAsync(u => EF.Functions.Like(u.Email!, emailLike));
    }

    [Fact]
    public async Task A_list_is_previewed_with_each_refusal_then_applied_once_creating_only_the_valid_rows_as_invitations()
    {
        using var qa = await Portal.SignedInAsync(NgheAnAdmin);
        var csv = """
            unitCode,fullName,email,role,phone
            P40-16681,Văn phòng Đảng ủy phường Thành Vinh,vp.16681@childcare.local,Reporter,0912345678
            P40-16702,Văn phòng Đảng ủy phường Vinh Phú,vp.16702@childcare.local,Cán bộ thẩm định,
            P01-00004,Người ngoài tỉnh,vp.ngoai@childcare.local,Reporter,
            P40-99999,Đơn vị không có,vp.khongco@childcare.local,Reporter,
            P40-16705,Trùng e-mail,VP.16681@childcare.local,Reporter,
            P40-16705,Đã có tài khoản,nghean@childcare.local,Reporter,
            P40-16705,Quản trị giả,vp.admin@childcare.local,Administrator,
            """;
        var response = await qa.PostAsync("/api/users/imports", List(csv));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("ok").GetBoolean()).ShouldBe([true, true, false, false, false, false, false]);
        string Reason(int i) => string.Join(" ", rows[i].GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Reason(2).ShouldContain("không thuộc phạm vi bạn quản lý");
        Reason(3).ShouldContain("Không có đơn vị mã “P40-99999”");
        Reason(4).ShouldContain("trùng với dòng 2");
        Reason(5).ShouldContain("Đã có tài khoản");
        Reason(6).ShouldContain("không cấp được vai trò Quản trị hệ thống");
        rows[1].GetProperty("role").GetString().ShouldBe("Reviewer");
        preview.GetProperty("summary").GetProperty("ok").GetInt32().ShouldBe(2);
        preview.GetProperty("summary").GetProperty("failed").GetInt32().ShouldBe(5);
        (await AccountsAsync("vp.%")).ShouldBe(0, "the preview creates nothing");

        // Only its uploader applies it (another unit administrator's list does not exist for them).
        var id = preview.GetProperty("id").GetGuid();
        using (var admin = await Portal.SignedInAsync("admin@childcare.local"))
            (await admin.PostAsync($"/api/users/imports/{id}/apply", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var applied = await qa.PostAsync($"/api/users/imports/{id}/apply", null);
        applied.StatusCode.ShouldBe(HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32().ShouldBe(2);
        (await AccountsAsync("vp.%")).ShouldBe(2);
        var again = await qa.PostAsync($"/api/users/imports/{id}/apply", null);
        again.IsSuccessStatusCode.ShouldBeFalse();
        (await again.Content.ReadAsStringAsync()).ShouldContain("đã được áp dụng");
        (await AccountsAsync("vp.%")).ShouldBe(2);

        // Invited, not yet able to sign in; listed as awaiting activation, with the phone kept.
        using var anonymous = Portal.Anonymous();
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "vp.16681@childcare.local", password = "" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var waiting = await qa.GetFromJsonAsync<List<JsonElement>>("/api/users?filter=AwaitingActivation", PortalFixture.Json);
        var thanhVinh = waiting!.Single(u => u.GetProperty("email").GetString() == "vp.16681@childcare.local");
        thanhVinh.GetProperty("invitation").GetString().ShouldBe("Pending");
        thanhVinh.GetProperty("phone").GetString().ShouldBe("0912345678");
        thanhVinh.GetProperty("role").GetString().ShouldBe("Reporter");
    }

    [Fact]
    public async Task Applying_judges_the_rows_again_an_e_mail_taken_since_the_preview_is_refused_then()
    {
        using var qa = await Portal.SignedInAsync(NgheAnAdmin);
        var preview = await (await qa.PostAsync("/api/users/imports", List("unitCode,fullName,email,role\nP40-16681,A,vp.a@childcare.local,Reporter\nP40-16702,B,vp.b@childcare.local,Reporter\n")))
            .Content.ReadFromJsonAsync<JsonElement>();
        (await qa.PostAsJsonAsync("/api/users", new { email = "vp.b@childcare.local", fullName = "B", role = "Reporter", orgUnitId = await UnitIdAsync(qa, "P40-16702") }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var result = await (await qa.PostAsync($"/api/users/imports/{preview.GetProperty("id").GetGuid()}/apply", null)).Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("created").GetInt32().ShouldBe(1);
        result.GetProperty("refused")[0].GetProperty("errors")[0].GetString()!.ShouldContain("Đã có tài khoản");
    }

    [Fact]
    public async Task A_file_that_is_not_a_list_is_a_400_in_words_and_the_template_holds_the_callers_units_only()
    {
        using var qa = await Portal.SignedInAsync(NgheAnAdmin);
        var bad = await qa.PostAsync("/api/users/imports", List("ten,tuoi\nA,3\n"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("thiếu cột");
        var template = await qa.GetAsync("/api/users/imports/template");
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var stream = await template.Content.ReadAsStreamAsync();
        using var zip = new System.IO.Compression.ZipArchive(stream);
        string Sheet(int n)
        {
            using var reader = new StreamReader(zip.GetEntry($"xl/worksheets/sheet{n}.xml")!.Open());
            return reader.ReadToEnd();
        }
        Sheet(1).ShouldContain("Mã đơn vị");
        var units = Sheet(2);
        units.ShouldContain("P40-16681");
        units.ShouldNotContain("P01-");
        using var reporter = await Portal.SignedInAsync("phuongbadinh@childcare.local");
        (await reporter.PostAsync("/api/users/imports", List("unitCode,fullName,email,role\n"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_onboarding_view_counts_a_provinces_communes_and_the_centre_sees_every_province()
    {
        using var qa = await Portal.SignedInAsync(NgheAnAdmin);
        var ngheAn = await UnitIdAsync(qa, "P40");
        var view = await qa.GetFromJsonAsync<JsonElement>($"/api/onboarding?orgUnitId={ngheAn}");
        view.GetProperty("expectedUnits").GetInt32().ShouldBe(130);
        view.GetProperty("withoutAccount").GetInt32().ShouldBe(130, "Nghệ An's communes have no accounts yet");
        view.GetProperty("withActiveReporter").GetInt32().ShouldBe(0);

        // One commune invited, one with a reporter who signs in.
        (await qa.PostAsJsonAsync("/api/users", new { email = "vp.moi@childcare.local", fullName = "Mời", role = "Reporter", orgUnitId = await UnitIdAsync(qa, "P40-16681") }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await qa.PostAsJsonAsync("/api/users", new { email = "vp.co@childcare.local", fullName = "Có", role = "Reporter", orgUnitId = await UnitIdAsync(qa, "P40-16702"), password = "Xa-Phuong@2026!" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        view = await qa.GetFromJsonAsync<JsonElement>($"/api/onboarding?orgUnitId={ngheAn}");
        (view.GetProperty("withActiveReporter").GetInt32(), view.GetProperty("invitedPending").GetInt32(), view.GetProperty("withoutAccount").GetInt32())
            .ShouldBe((0, 1, 128), "the second has a password but has not signed in");
        using (await Portal.SignedInAsync("vp.co@childcare.local", "Xa-Phuong@2026!")) { }
        view = await qa.GetFromJsonAsync<JsonElement>($"/api/onboarding?orgUnitId={ngheAn}", PortalFixture.Json);
        view.GetProperty("withActiveReporter").GetInt32().ShouldBe(1);
        var row = view.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "P40-16702");
        row.GetProperty("status").GetString().ShouldBe("Active");
        row.GetProperty("lastSignInAt").ValueKind.ShouldBe(JsonValueKind.String);

        // Default unit: the caller's; another province is not found; a reporter is refused.
        (await qa.GetFromJsonAsync<JsonElement>("/api/onboarding")).GetProperty("orgUnitId").GetGuid().ShouldBe(ngheAn);
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        (await qa.GetAsync($"/api/onboarding?orgUnitId={await UnitIdAsync(analyst, "P01")}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var reporter = await Portal.SignedInAsync("vp.co@childcare.local", "Xa-Phuong@2026!"))
            (await reporter.GetAsync("/api/onboarding")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The centre: the 34 provinces, each with its communes' counts.
        var nation = await analyst.GetFromJsonAsync<JsonElement>("/api/onboarding");
        nation.GetProperty("expectedUnits").GetInt32().ShouldBe(34);
        var ngheAnRow = nation.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "P40");
        ngheAnRow.GetProperty("below").GetProperty("expectedUnits").GetInt32().ShouldBe(130);
        ngheAnRow.GetProperty("below").GetProperty("withActiveReporter").GetInt32().ShouldBe(1);
        ngheAnRow.GetProperty("below").GetProperty("invitedPending").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Accounts_left_on_units_the_reform_closed_are_listed_as_to_be_moved_and_still_sign_in()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        // The demo's district offices (closed on 30/6/2025) keep their accounts to read their history.
        var toMove = await admin.GetFromJsonAsync<List<JsonElement>>("/api/users?filter=NeedsMove");
        toMove!.Select(u => u.GetProperty("email").GetString()).Order().ShouldBe(["badinh@childcare.local", "haibatrung@childcare.local"]);
        toMove!.ShouldAllBe(u => u.GetProperty("unitClosed").GetBoolean());
        (await admin.GetFromJsonAsync<List<JsonElement>>("/api/users?search=phuongbadinh"))!.Single().GetProperty("unitClosed").GetBoolean().ShouldBeFalse();
        using (await Portal.SignedInAsync("badinh@childcare.local")) { }

        // A list cannot bring anyone onto a closed unit.
        var preview = await (await admin.PostAsync("/api/users/imports", List("unitCode,fullName,email,role\nP01-D006,Quận cũ,vp.quan@childcare.local,Reporter\n")))
            .Content.ReadFromJsonAsync<JsonElement>();
        preview.GetProperty("rows")[0].GetProperty("errors")[0].GetString()!.ShouldContain("đã ngừng hoạt động từ 01/07/2025");
    }
}
