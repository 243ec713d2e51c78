using System.Net.Http.Json;
using System.Text.Json;

namespace ChildCare.IntegrationTests.Api;

public sealed class ScopeTests(PortalFixture portal) : PortalTest(portal)
{
    private async Task<List<JsonElement>> OrgUnitsOf(string email, string query = "")
    {
        using var client = await Portal.SignedInAsync(email);
        // The tree as it stood in 2024 (today the districts are closed and communes sit under the city).
        var sep = query.Length == 0 ? "?" : "&";
        return (await client.GetFromJsonAsync<List<JsonElement>>("/api/org-units" + query + sep + "asOf=2024-06-30"))!;
    }

    [Fact]
    public async Task A_district_reporter_sees_its_committee_and_its_18_ward_committees_only()
    {
        var units = await OrgUnitsOf("haibatrung@childcare.local");

        units.Count.ShouldBe(19);
        var names = units.Select(u => u.GetProperty("name").GetString()!).ToList();
        names.ShouldContain("Quận ủy Hai Bà Trưng");
        names.ShouldNotContain(n => n.Contains("Ba Đình"));
        names.ShouldNotContain("Thành ủy Hà Nội");
        units.Count(u => u.GetProperty("kind").GetString() == "GrassrootsCommittee").ShouldBe(18);
    }

    [Fact]
    public async Task Another_district_does_not_see_Hai_Ba_Trung()
    {
        var units = await OrgUnitsOf("badinh@childcare.local");
        units.Count.ShouldBe(15); // the committee and its 14 wards of 2024
        units.ShouldContain(u => u.GetProperty("name").GetString() == "Quận ủy Ba Đình");
        units.ShouldNotContain(u => u.GetProperty("name").GetString()!.Contains("Hai Bà Trưng"));
    }

    [Fact]
    public async Task The_Hanoi_reviewer_sees_the_city_its_30_districts_and_their_wards()
    {
        var units = await OrgUnitsOf("hanoi@childcare.local");
        units.Count.ShouldBe(1 + 30 + 18 + 14); // Hai Bà Trưng's and Ba Đình's wards
        units.Count(u => u.GetProperty("kind").GetString() == "DistrictCommittee").ShouldBe(30);
        units.ShouldNotContain(u => u.GetProperty("kind").GetString() == "ProvincialCommittee" && u.GetProperty("code").GetString() != "P01");
    }

    [Fact]
    public async Task Analysts_see_the_whole_country_with_63_provinces()
    {
        var units = await OrgUnitsOf("tuyengiao@childcare.local");
        units.Count.ShouldBe(134); // org-units.csv and Ba Đình's 14 wards
        units.Count(u => u.GetProperty("kind").GetString() == "ProvincialCommittee").ShouldBe(63);
    }

    [Fact]
    public async Task Org_unit_search_ignores_diacritics_and_stays_in_scope()
    {
        (await OrgUnitsOf("tuyengiao@childcare.local", "?search=hai%20ba%20trung"))
            .Select(u => u.GetProperty("name").GetString()).ShouldContain("Quận ủy Hai Bà Trưng");
        (await OrgUnitsOf("badinh@childcare.local", "?search=hai%20ba%20trung")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Paging_parameters_narrow_the_list()
    {
        var page = await OrgUnitsOf("tuyengiao@childcare.local", "?skip=10&take=5");
        page.Count.ShouldBe(5);
    }
}
