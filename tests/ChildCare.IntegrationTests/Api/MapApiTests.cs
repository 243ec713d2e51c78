using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Tests.Shared;

namespace ChildCare.IntegrationTests.Api;

/// <summary>Issue 21, item 1: GET /api/dashboard/map — the dashboard's figures per unit as GeoJSON, in the caller's scope.</summary>
public sealed class MapApiTests(PortalFixture portal) : PortalTest(portal)
{
    private sealed record Setup(string Directive, string Period, Func<string, string> Unit);

    private static async Task<Setup> SetupAsync(HttpClient client)
    {
        var d = (await client.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single(x => x.GetProperty("code").GetString() == "28-CT/TW").GetProperty("id").GetString()!;
        var today = TestClock.TodayInVietnam.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var last = (await client.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={d}"))!
            .Where(p => p.GetProperty("code").GetString()!.Contains("-Q", StringComparison.Ordinal) && string.CompareOrdinal(p.GetProperty("endsOn").GetString(), today) < 0)
            .OrderBy(p => p.GetProperty("endsOn").GetString()).Last().GetProperty("id").GetString()!;
        var units = (await client.GetFromJsonAsync<List<JsonElement>>("/api/org-units"))!;
        return new Setup(d, last, code => units.Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetString()!);
    }

    private static IEnumerable<double> Longitudes(JsonElement geometry)
    {
        IEnumerable<double> Walk(JsonElement x) => x.ValueKind != JsonValueKind.Array ? []
            : x.GetArrayLength() > 0 && x[0].ValueKind == JsonValueKind.Number ? [x[0].GetDouble()] : x.EnumerateArray().SelectMany(Walk);
        return Walk(geometry.GetProperty("coordinates"));
    }

    [Fact]
    public async Task The_nation_is_34_provinces_with_both_archipelagos_coloured_as_the_dashboard_counts_them()
    {
        await Portal.Factory.SeedHistoryAsync();
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var s = await SetupAsync(analyst);
        var q = $"directiveId={s.Directive}&periodId={s.Period}&orgUnitId={s.Unit("TW")}";
        var map = await analyst.GetFromJsonAsync<JsonElement>($"/api/dashboard/map?{q}");
        map.GetProperty("type").GetString().ShouldBe("FeatureCollection");
        map.GetProperty("measure").GetString().ShouldBe("status");
        var features = map.GetProperty("features").EnumerateArray().ToList();
        features.Count.ShouldBe(34);
        features.ShouldAllBe(f => f.GetProperty("type").GetString() == "Feature" && f.GetProperty("geometry").ValueKind == JsonValueKind.Object);
        var byCode = features.ToDictionary(f => f.GetProperty("properties").GetProperty("code").GetString()!);
        Longitudes(byCode["P48"].GetProperty("geometry")).Max().ShouldBeGreaterThan(111.5, "Hoàng Sa, with Đà Nẵng");
        Longitudes(byCode["P56"].GetProperty("geometry")).Max().ShouldBeGreaterThan(114.0, "Trường Sa, with Khánh Hòa");
        var hanoi = byCode["P01"].GetProperty("properties");
        hanoi.GetProperty("orgUnitId").GetString().ShouldBe(s.Unit("P01"));
        hanoi.GetProperty("name").GetString().ShouldBe("Thành ủy Hà Nội");
        hanoi.GetProperty("label").GetString().ShouldNotBeNullOrWhiteSpace();

        // The same figures as the dashboard's compliance: accepted, on time, late, missing.
        var compliance = await analyst.GetFromJsonAsync<JsonElement>($"/api/dashboard/compliance?{q}");
        int Legend(string css) => map.GetProperty("legend").EnumerateArray().Single(l => l.GetProperty("class").GetString() == css).GetProperty("count").GetInt32();
        int Classed(string css) => features.Count(f => f.GetProperty("properties").GetProperty("class").GetString() == css);
        foreach (var css in new[] { "accepted", "on-time", "late", "missing" }) Legend(css).ShouldBe(Classed(css));
        Legend("accepted").ShouldBe(compliance.GetProperty("accepted").GetInt32());
        Legend("missing").ShouldBe(compliance.GetProperty("missing").GetInt32());
        (Legend("accepted") + Legend("on-time") + Legend("late") + Legend("missing")).ShouldBe(34);
    }

    [Fact]
    public async Task A_province_is_its_communes_a_reviewer_sees_only_their_own_and_an_indicator_is_judged_against_its_target()
    {
        await Portal.Factory.SeedHistoryAsync();
        using var reviewer = await Portal.SignedInAsync("hanoi@childcare.local");
        var s = await SetupAsync(reviewer);
        var city = await reviewer.GetFromJsonAsync<JsonElement>($"/api/dashboard/map?directiveId={s.Directive}&periodId={s.Period}&orgUnitId={s.Unit("P01")}");
        var communes = city.GetProperty("features").EnumerateArray().ToList();
        communes.Count.ShouldBe(126);
        communes.ShouldAllBe(f => f.GetProperty("properties").GetProperty("code").GetString()!.StartsWith("P01-", StringComparison.Ordinal));
        communes.Count(f => f.GetProperty("geometry").ValueKind == JsonValueKind.Object).ShouldBe(126, "every ward and commune of today's city has a shape");

        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var hcm = (await SetupAsync(analyst)).Unit("P79");
        (await reviewer.GetAsync($"/api/dashboard/map?directiveId={s.Directive}&periodId={s.Period}&orgUnitId={hcm}"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden, "another province's map is not Hà Nội's to see");

        var births = await reviewer.GetFromJsonAsync<JsonElement>($"/api/dashboard/map?directiveId={s.Directive}&periodId={s.Period}&orgUnitId={s.Unit("P01")}&measure=indicator:CT28-08");
        births.GetProperty("measure").GetString().ShouldBe("indicator:CT28-08");
        var classes = births.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
        classes.ShouldAllBe(p => new[] { "met", "not-met", "no-target", "no-data" }.Contains(p.GetProperty("class").GetString()));
        classes.ShouldContain(p => p.GetProperty("value").ValueKind == JsonValueKind.Number, "the wards' reported values");

        var bad = await reviewer.GetAsync($"/api/dashboard/map?directiveId={s.Directive}&periodId={s.Period}&orgUnitId={s.Unit("P01")}&measure=mau-sac");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Thước đo của bản đồ");
    }
}
