using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChildCare.Tests.Shared;

namespace ChildCare.IntegrationTests.Api;

/// <summary>
/// A province's own plan (Kế hoạch 125-KH/TU of Thành ủy Hà Nội, an illustrative document): registered by the
/// city's reviewer, tracked in the city's subtree only, edited only by the city, shown on the national dashboard of
/// the directive it carries out.
/// </summary>
public sealed class PlanApiTests(PortalFixture portal) : PortalTest(portal)
{
    private static readonly string PlanText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "ke-hoach-125-KH-TU.txt"));

    private static async Task<JsonElement> ProposeAsync(HttpClient c, string text)
    {
        var response = await c.PostAsync("/api/directives/import", new StringContent(text, Encoding.UTF8, "text/plain"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> SavePlanAsync(HttpClient hanoi)
    {
        var proposal = await ProposeAsync(hanoi, PlanText);
        var saved = await hanoi.PostAsJsonAsync("/api/directives", proposal);
        saved.StatusCode.ShouldBe(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        return (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<HttpClient> OtherProvinceReviewerAsync()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var hp = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/org-units?kind=ProvincialCommittee&take=100"))!
            .Single(u => u.GetProperty("name").GetString() == "Thành ủy Hải Phòng").GetProperty("id").GetGuid();
        (await admin.PostAsJsonAsync("/api/users", new
        {
            email = "haiphong@childcare.local",
            fullName = "Cán bộ Thành ủy Hải Phòng",
            role = "Reviewer",
            orgUnitId = hp,
            password = "Hai-Phong-2026!",
        })).EnsureSuccessStatusCode();
        return await Portal.SignedInAsync("haiphong@childcare.local", "Hai-Phong-2026!");
    }

    [Fact]
    public async Task The_city_registers_its_plan_and_only_its_subtree_and_the_centre_see_it()
    {
        using var hanoi = await Portal.SignedInAsync("hanoi@childcare.local");
        var proposal = await ProposeAsync(hanoi, PlanText);
        proposal.GetProperty("issuerUnit").GetProperty("code").GetString().ShouldBe("P01");
        proposal.GetProperty("implements").GetString().ShouldBe("28-CT/TW");
        var id = await SavePlanAsync(hanoi);

        var plan = await hanoi.GetFromJsonAsync<JsonElement>($"/api/directives/{id}");
        plan.GetProperty("issuerUnitName").GetString().ShouldBe("Thành ủy Hà Nội");
        plan.GetProperty("implementsCode").GetString().ShouldBe("28-CT/TW");
        plan.GetProperty("implementsId").GetString().ShouldNotBeNull();
        plan.GetProperty("addressee").GetString().ShouldBe("Ban Thường vụ Thành ủy Hà Nội");
        plan.GetProperty("taskAreas").GetArrayLength().ShouldBe(4);

        using var ward = await Portal.SignedInAsync("phuonghaibatrung@childcare.local");
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        using var other = await OtherProvinceReviewerAsync();
        async Task<List<string>> CodesAsync(HttpClient c) =>
            (await c.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Select(d => d.GetProperty("code").GetString()!).ToList();
        (await CodesAsync(ward)).ShouldContain("125-KH/TU");
        (await CodesAsync(analyst)).ShouldContain("125-KH/TU");
        (await CodesAsync(other)).ShouldBe(["28-CT/TW"]);
        (await other.GetAsync($"/api/directives/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={id}"))!.ShouldBeEmpty();
        var anyPeriod = (await hanoi.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={id}"))!.First().GetProperty("id").GetString();
        var hp = (await other.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("orgUnitId").GetString();
        (await other.GetAsync($"/api/dashboard/compliance?directiveId={id}&periodId={anyPeriod}&orgUnitId={hp}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_reviewer_registers_and_edits_only_their_own_committees_documents()
    {
        using var hanoi = await Portal.SignedInAsync("hanoi@childcare.local");
        using var other = await OtherProvinceReviewerAsync();
        var id = await SavePlanAsync(hanoi);

        // Hải Phòng cannot register a document in Hà Nội's name, nor edit Hà Nội's plan (it does not even see it).
        var proposal = await ProposeAsync(other, PlanText.Replace("125-KH/TU", "126-KH/TU"));
        proposal.GetProperty("issuerUnit").GetProperty("code").GetString().ShouldBe("P01"); // the text names Hà Nội
        var refused = await other.PostAsJsonAsync("/api/directives", proposal);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Bạn chỉ đăng ký được văn bản do Thành ủy Hải Phòng ban hành");
        var plan = await hanoi.GetFromJsonAsync<JsonElement>($"/api/directives/{id}");
        var edit = new { version = plan.GetProperty("version").GetUInt32(), title = "Kế hoạch (đã sửa)", cadence = "Quarterly", dataWindow = "Calendar" };
        (await other.PutAsJsonAsync($"/api/directives/{id}", edit)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hanoi.PutAsJsonAsync($"/api/directives/{id}", edit)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // The city's reviewer does not edit the Politburo's directive; a ward's reporter registers nothing.
        var d28 = (await hanoi.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single(d => d.GetProperty("code").GetString() == "28-CT/TW");
        var full28 = await hanoi.GetFromJsonAsync<JsonElement>($"/api/directives/{d28.GetProperty("id").GetString()}");
        (await hanoi.PutAsJsonAsync($"/api/directives/{d28.GetProperty("id").GetString()}",
            new { version = full28.GetProperty("version").GetUInt32(), title = "x", cadence = "Quarterly", dataWindow = "Calendar" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var ward = await Portal.SignedInAsync("phuonghaibatrung@childcare.local");
        (await ward.PostAsync("/api/directives/import", new StringContent(PlanText, Encoding.UTF8, "text/plain"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_national_dashboard_of_28_CT_TW_shows_which_provinces_issued_a_plan()
    {
        using var hanoi = await Portal.SignedInAsync("hanoi@childcare.local");
        await SavePlanAsync(hanoi);
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var d28 = (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single(d => d.GetProperty("code").GetString() == "28-CT/TW").GetProperty("id").GetString();
        var periods = (await analyst.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={d28}"))!;
        var today = TestClock.TodayInVietnam;
        var last = periods.Last(p => p.GetProperty("kind").GetString() == "Quarter" && DateOnly.Parse(p.GetProperty("endsOn").GetString()!, CultureInfo.InvariantCulture) < today).GetProperty("id").GetString();
        var nation = (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/org-units?take=5000"))!
            .Single(u => u.GetProperty("parentId").ValueKind == JsonValueKind.Null).GetProperty("id").GetString();
        var c = await analyst.GetFromJsonAsync<JsonElement>($"/api/dashboard/compliance?directiveId={d28}&periodId={last}&orgUnitId={nation}");
        c.GetProperty("plansIssued").GetInt32().ShouldBe(1);
        var units = c.GetProperty("units").EnumerateArray().ToList();
        var plan = units.Single(u => u.GetProperty("code").GetString() == "P01").GetProperty("plan");
        (plan.GetProperty("code").GetString(), plan.GetProperty("issuedOn").GetString()).ShouldBe(("125-KH/TU", "2024-03-15"));
        units.Where(u => u.GetProperty("code").GetString() != "P01").ShouldAllBe(u => u.GetProperty("plan").ValueKind == JsonValueKind.Null);
    }
}
