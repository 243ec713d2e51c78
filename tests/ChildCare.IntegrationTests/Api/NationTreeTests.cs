using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Tests.Shared;

namespace ChildCare.IntegrationTests.Api;

/// <summary>
/// Issue 18, item 1: the nation's tree — every commune-level committee of the 34 provinces from 1/7/2025, directly under
/// its province's committee, and Đồng Nai's change of 30/4/2026 applied as a reorganisation (same units, renamed).
/// </summary>
public sealed class NationTreeTests(PortalFixture portal) : PortalTest(portal)
{
    private static readonly string Today = TestClock.TodayInVietnam.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The data file's count of commune-level units per province code.</summary>
    private static Dictionary<string, int> Expected()
    {
        var file = Path.Combine(PortalProcess.SolutionRoot(), "src", "ChildCare.Core", "Seed", "Data", "nation-2025", "communes-2025.csv");
        using var reader = new StreamReader(file);
        return Core.Text.Csv.ReadWithHeader(reader).GroupBy(r => r["province_code"]).ToDictionary(g => g.Key, g => g.Count());
    }

    private static async Task<List<JsonElement>> UnitsAsync(HttpClient client, string asOf, string? search = null) =>
        (await client.GetFromJsonAsync<List<JsonElement>>($"/api/org-units?asOf={asOf}&take=5000{(search is null ? "" : "&search=" + Uri.EscapeDataString(search))}"))!;

    [Fact]
    public async Task Today_34_provinces_have_every_commune_level_committee_of_the_data_file_directly_under_them()
    {
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var units = await UnitsAsync(analyst, Today);
        var provinces = units.Where(u => u.GetProperty("kind").GetString() == "ProvincialCommittee").ToDictionary(u => u.GetProperty("id").GetGuid());
        provinces.Count.ShouldBe(34);
        var under = units.Where(u => u.GetProperty("parentId").ValueKind == JsonValueKind.String && provinces.ContainsKey(u.GetProperty("parentId").GetGuid())
                && u.GetProperty("kind").GetString() == "GrassrootsCommittee")
            .GroupBy(u => provinces[u.GetProperty("parentId").GetGuid()].GetProperty("code").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        under.ShouldBe(Expected(), ignoreOrder: true);
        under.Values.Sum().ShouldBe(3321);
        under["P40"].ShouldBe(130); // Nghệ An
        under["P91"].ShouldBe(102); // An Giang

        // Before 1/7/2025 none of them stood: the 2024 tree has 63 provinces and Hà Nội's districts.
        var before = await UnitsAsync(analyst, "2025-06-30");
        before.Count(u => u.GetProperty("kind").GetString() == "ProvincialCommittee").ShouldBe(63);
        before.ShouldNotContain(u => u.GetProperty("code").GetString() == "P40-16681");
    }

    [Fact]
    public async Task Dong_Nai_is_a_province_with_communes_until_29_April_2026_and_a_city_with_ten_new_wards_from_30_April()
    {
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        async Task<JsonElement> On(string day, string code) => (await UnitsAsync(analyst, day, code)).Single(u => u.GetProperty("code").GetString() == code);

        var provinceBefore = await On("2026-04-29", "P75");
        var provinceAfter = await On(Today, "P75");
        provinceBefore.GetProperty("name").GetString().ShouldBe("Tỉnh ủy Đồng Nai");
        provinceAfter.GetProperty("name").GetString().ShouldBe("Thành ủy Đồng Nai");
        provinceAfter.GetProperty("id").GetGuid().ShouldBe(provinceBefore.GetProperty("id").GetGuid(), "the same unit, renamed");

        var communeBefore = await On("2026-04-29", "P75-26368");
        var communeAfter = await On(Today, "P75-26368");
        communeBefore.GetProperty("name").GetString().ShouldBe("Đảng ủy xã Long Thành");
        communeAfter.GetProperty("name").GetString().ShouldBe("Đảng ủy phường Long Thành");
        communeAfter.GetProperty("id").GetGuid().ShouldBe(communeBefore.GetProperty("id").GetGuid());

        // The unit's page tells the story: a rename on 30/4/2026 by the seeded reorganisation.
        var details = await analyst.GetFromJsonAsync<JsonElement>($"/api/org-units/{communeAfter.GetProperty("id").GetGuid()}");
        details.GetProperty("versions").GetArrayLength().ShouldBe(2);
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var packages = await admin.GetFromJsonAsync<List<JsonElement>>("/api/reorganisations");
        var dongNai = packages!.Single(p => p.GetProperty("effectiveOn").GetString() == "2026-04-30");
        dongNai.GetProperty("rows").GetInt32().ShouldBe(11);
        dongNai.GetProperty("summary").GetProperty("renamed").GetInt32().ShouldBe(11);
    }

    [Fact]
    public async Task Search_finds_a_name_whichever_way_its_tone_mark_is_placed()
    {
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var older = await UnitsAsync(analyst, Today, "Hòa Lạc");
        var newer = await UnitsAsync(analyst, Today, "Hoà Lạc");
        older.ShouldContain(u => u.GetProperty("code").GetString() == "P01-09988");
        newer.Select(u => u.GetProperty("code").GetString()).ShouldBe(older.Select(u => u.GetProperty("code").GetString()), ignoreOrder: true);
        (await UnitsAsync(analyst, Today, "hoa lac")).ShouldContain(u => u.GetProperty("code").GetString() == "P01-09988");
    }

    [Fact]
    public async Task A_province_without_reports_expects_all_its_communes_and_shows_them_missing()
    {
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var units = await UnitsAsync(analyst, Today, "P40");
        var ngheAn = units.Single(u => u.GetProperty("code").GetString() == "P40");
        var directive = (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single(d => d.GetProperty("code").GetString() == "28-CT/TW");
        var did = directive.GetProperty("id").GetGuid();
        var period = ReportScenario.CurrentQuarter((await analyst.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={did}"))!);
        var compliance = await analyst.GetFromJsonAsync<JsonElement>(
            $"/api/dashboard/compliance?directiveId={did}&periodId={period.GetProperty("id").GetGuid()}&orgUnitId={ngheAn.GetProperty("id").GetGuid()}");
        compliance.GetProperty("expected").GetInt32().ShouldBe(130);
        compliance.GetProperty("missing").GetInt32().ShouldBe(130);
        compliance.GetProperty("units").GetArrayLength().ShouldBe(130);

        // The nation expects its 34 provinces.
        var centre = (await UnitsAsync(analyst, Today, "TW")).Single(u => u.GetProperty("code").GetString() == "TW");
        var national = await analyst.GetFromJsonAsync<JsonElement>(
            $"/api/dashboard/compliance?directiveId={did}&periodId={period.GetProperty("id").GetGuid()}&orgUnitId={centre.GetProperty("id").GetGuid()}");
        national.GetProperty("expected").GetInt32().ShouldBe(34);
    }
}
