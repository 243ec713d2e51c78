using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildCare.Tests.Shared;

namespace ChildCare.IntegrationTests.Api;

/// <summary>The report most API tests start from, shared so each test file does not build its own.</summary>
public sealed record ReportScenario(HttpClient Reporter, HttpClient Reviewer, HttpClient Other, JsonElement Directive, Guid ReportId, JsonElement Period)
    : IDisposable
{


    /// <summary>A ward of Hà Nội (Phường Hai Bà Trưng) with a draft for the current quarter; the city reviews; another ward looks on.</summary>
    public static async Task<ReportScenario> DraftAsync(PortalFixture Portal)
    {
        var hbt = await Portal.SignedInAsync("phuonghaibatrung@childcare.local");
        var hn = await Portal.SignedInAsync("hanoi@childcare.local");
        var bd = await Portal.SignedInAsync("phuongbadinh@childcare.local");
        var directive = (await hbt.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single();
        var did = directive.GetProperty("id").GetString();
        var periods = (await hbt.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={did}"))!;
        var current = CurrentQuarter(periods);
        var unit = (await hbt.GetFromJsonAsync<List<JsonElement>>("/api/org-units?search=P01-00256"))!.Single(u => u.GetProperty("code").GetString() == "P01-00256");
        var response = await hbt.PostAsJsonAsync("/api/reports", new
        {
            directiveId = did,
            periodId = current.GetProperty("id").GetString(),
            orgUnitId = unit.GetProperty("id").GetString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        return new ReportScenario(hbt, hn, bd, directive, id, current);
    }

    /// <summary>A complete save: every task area on track with text, a rate and a count indicator.</summary>
    public static JsonObject Body(JsonElement directive, uint version, int percentOffset = 0)
    {
        var indicators = directive.GetProperty("indicators").EnumerateArray().ToList();
        var rate = indicators.First(i => i.GetProperty("aggregation").GetString() == "Rate" && i.GetProperty("unit").GetString() == "Percent");
        var count = indicators.First(i => i.GetProperty("aggregation").GetString() == "Sum");
        return new JsonObject
        {
            ["version"] = version,
            ["taskAreas"] = new JsonArray(directive.GetProperty("taskAreas").EnumerateArray().Select(a => (JsonNode)new JsonObject
            {
                ["taskAreaId"] = a.GetProperty("id").GetString(),
                ["status"] = "OnTrack",
                ["percentComplete"] = 40 + 10 * a.GetProperty("number").GetInt32() + percentOffset,
                ["results"] = $"Đã triển khai nhiệm vụ {a.GetProperty("number").GetInt32()} tại 18 phường.",
                ["difficulties"] = "Nguồn lực còn hạn chế.",
                ["proposals"] = "Đề nghị bổ sung kinh phí.",
            }).ToArray()),
            ["indicatorValues"] = new JsonArray(
                new JsonObject { ["indicatorId"] = rate.GetProperty("id").GetString(), ["numerator"] = 172, ["denominator"] = 180 },
                new JsonObject { ["indicatorId"] = count.GetProperty("id").GetString(), ["value"] = 12, ["comment"] = "Số liệu quý" }),
        };
    }

    /// <summary>The quarter running today (Vietnam time) among a directive's periods.</summary>
    public static JsonElement CurrentQuarter(IEnumerable<JsonElement> periods)
    {
        var today = TestClock.TodayInVietnam;
        return periods.Single(p => p.GetProperty("kind").GetString() == "Quarter"
            && DateOnly.Parse(p.GetProperty("startsOn").GetString()!, CultureInfo.InvariantCulture) <= today && today <= DateOnly.Parse(p.GetProperty("endsOn").GetString()!, CultureInfo.InvariantCulture));
    }

    public async Task<uint> VersionAsync() => (await Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{ReportId}")).GetProperty("version").GetUInt32();

    public void Dispose()
    {
        Reporter.Dispose();
        Reviewer.Dispose();
        Other.Dispose();
    }
}
