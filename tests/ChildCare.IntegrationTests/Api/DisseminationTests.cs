using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChildCare.IntegrationTests.Api;

public sealed class DisseminationTests(PortalFixture portal) : PortalTest(portal)
{
    private static async Task<string> DirectiveAsync(HttpClient c) =>
        (await c.GetFromJsonAsync<List<JsonElement>>("/api/directives"))![0].GetProperty("id").GetString()!;

    private static async Task<string> UnitAsync(HttpClient c, string code) =>
        (await c.GetFromJsonAsync<List<JsonElement>>($"/api/org-units?search={code}&asOf=2024-06-30"))!.Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetString()!;

    [Fact]
    public async Task The_seed_chain_shows_who_received_it_and_how_far_it_reached()
    {
        using var reviewer = await Portal.SignedInAsync("hanoi@childcare.local");
        var d = await DirectiveAsync(reviewer);
        var view = await reviewer.GetFromJsonAsync<JsonElement>($"/api/directives/{d}/dissemination?asOf=2024-06-30");
        var rows = view.GetProperty("rows").EnumerateArray().ToList();
        var city = rows.Single(r => r.GetProperty("code").GetString() == "P01");
        city.GetProperty("incomingNumber").GetString().ShouldBe("3420");
        city.GetProperty("daysFromIssue").GetInt32().ShouldBe(3); // 25/12 → 28/12/2023
        var hbt = rows.Single(r => r.GetProperty("code").GetString() == "P01-D007");
        hbt.GetProperty("state").GetString().ShouldBe("Received");
        hbt.GetProperty("copiesIssued")[0].GetProperty("number").GetString().ShouldBe("131-BS/VPQU");
        rows.Single(r => r.GetProperty("code").GetString() == "P01-D007-W01").GetProperty("state").GetString().ShouldBe("Sent");
        rows.Single(r => r.GetProperty("code").GetString() == "P01-D001").GetProperty("state").GetString().ShouldBe("NotReached");
        view.GetProperty("units").GetInt32().ShouldBe(30 + 18 + 14); // the districts and the wards of Hai Bà Trưng and Ba Đình in 2024
        view.GetProperty("reached").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_copy_to_two_districts_is_acknowledged_by_one_and_only_by_its_own_staff()
    {
        using var reviewer = await Portal.SignedInAsync("hanoi@childcare.local");
        var d = await DirectiveAsync(reviewer);
        var (city, baDinh, hbt) = (await UnitAsync(reviewer, "P01"), await UnitAsync(reviewer, "P01-D001"), await UnitAsync(reviewer, "P01-D007"));
        var created = await reviewer.PostAsJsonAsync($"/api/directives/{d}/copies", new
        {
            orgUnitId = city,
            number = "45-BS/VPTU",
            issuedOn = "2024-01-03",
            signer = "Nguyễn Văn B",
            signerTitle = "K/T CHÁNH VĂN PHÒNG",
            recipientOrgUnitIds = new[] { baDinh, hbt },
            otherRecipients = new[] { "Lưu VPTU" },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var reporter = await Portal.SignedInAsync("haibatrung@childcare.local");
        var mine = await reporter.GetFromJsonAsync<JsonElement>($"/api/directives/{d}/dissemination?asOf=2024-06-30");
        var pending = mine.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "P01-D007").GetProperty("pending");
        var recipientId = pending.EnumerateArray().Single(p => p.GetProperty("copyNumber").GetString() == "45-BS/VPTU").GetProperty("recipientId").GetString();
        using var other = await Portal.SignedInAsync("badinh@childcare.local");
        (await other.PostAsync($"/api/copy-recipients/{recipientId}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reporter.PostAsync($"/api/copy-recipients/{recipientId}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await reporter.PostAsync($"/api/copy-recipients/{recipientId}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent); // twice is once

        var view = await reviewer.GetFromJsonAsync<JsonElement>($"/api/directives/{d}/dissemination?asOf=2024-06-30");
        var rows = view.GetProperty("rows").EnumerateArray().ToList();
        rows.Single(r => r.GetProperty("code").GetString() == "P01-D007").GetProperty("state").GetString().ShouldBe("Acknowledged");
        rows.Single(r => r.GetProperty("code").GetString() == "P01-D001").GetProperty("state").GetString().ShouldBe("Sent");
        var copy = rows.Single(r => r.GetProperty("code").GetString() == "P01").GetProperty("copiesIssued").EnumerateArray().Single();
        (copy.GetProperty("recipients").GetInt32(), copy.GetProperty("acknowledged").GetInt32()).ShouldBe((2, 1));
    }

    [Fact]
    public async Task Bad_registry_entries_are_refused_with_reasons_and_a_district_cannot_write_the_citys_registry()
    {
        using var reviewer = await Portal.SignedInAsync("hanoi@childcare.local");
        var d = await DirectiveAsync(reviewer);
        var city = await UnitAsync(reviewer, "P01");
        var early = await reviewer.PostAsJsonAsync($"/api/directives/{d}/receipts", new { orgUnitId = city, incomingNumber = "1", receivedOn = "2023-01-02", fromBody = "Bộ Chính trị" });
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.Content.ReadAsStringAsync()).ShouldContain("trước ngày ban hành");
        var outside = await reviewer.PostAsJsonAsync($"/api/directives/{d}/copies", new
        {
            orgUnitId = city,
            number = "1-BS/VPTU",
            issuedOn = "2024-01-03",
            signer = "A",
            recipientOrgUnitIds = new[] { await UnitAsync(reviewer, "P01") },
        });
        outside.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var reporter = await Portal.SignedInAsync("haibatrung@childcare.local");
        (await reporter.PostAsJsonAsync($"/api/directives/{d}/receipts", new { orgUnitId = city, incomingNumber = "9", receivedOn = "2024-01-02", fromBody = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
