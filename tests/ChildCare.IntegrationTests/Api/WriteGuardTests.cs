using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChildCare.IntegrationTests.Api;

/// <summary>
/// Second security review, finding 7: one write guard for every path. Hidden and bidirectional controls are stripped
/// from whatever is stored; one-line fields (names) lose line breaks too; NUL and other C0 controls are refused with
/// the field's name. The Excel path is checked by the acceptance check and <see cref="ReportWorkbookTests"/>.
/// </summary>
public sealed class WriteGuardTests(PortalFixture portal) : PortalTest(portal)
{
    private static readonly DateOnly Today = ChildCare.Tests.Shared.TestClock.TodayInVietnam;

    [Fact]
    public async Task A_report_saved_through_the_API_keeps_its_text_and_loses_hidden_controls()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var body = ReportScenario.Body(s.Directive, await s.VersionAsync());
        var first = body["taskAreas"]![0]!.AsObject();
        first["results"] = "\ufeffĐã triển khai\u202e tại 18\u200f phường.\u0085Dòng hai\u0080.";
        first["difficulties"] = "Khó khăn\r\n\tthứ nhất";
        (await s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}", body)).EnsureSuccessStatusCode();

        var saved = await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}");
        var area = saved.GetProperty("taskAreas").EnumerateArray().First();
        area.GetProperty("results").GetString().ShouldBe("Đã triển khai tại 18 phường.\nDòng hai.");
        area.GetProperty("difficulties").GetString().ShouldBe("Khó khăn\r\n\tthứ nhất", "a multi-line field keeps its lines and tabs");
    }

    [Fact]
    public async Task A_NUL_or_another_C0_control_is_refused_with_the_fields_name_and_nothing_is_stored()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var version = await s.VersionAsync();
        var body = ReportScenario.Body(s.Directive, version);
        body["taskAreas"]![0]!.AsObject()["results"] = "a\u0007b";
        var refused = await s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}", body);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("results");
        (await s.VersionAsync()).ShouldBe(version);
    }

    [Fact]
    public async Task A_unit_name_can_carry_no_line_into_an_email_header_whether_renamed_or_reorganised()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var ward = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/org-units?kind=GrassrootsCommittee&take=2"))!;
        var id = ward[0].GetProperty("id").GetGuid();
        (await admin.PostAsJsonAsync($"/api/org-units/{id}/rename", new { name = "Đảng ủy phường\r\nBcc: x@y\u202e", from = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/org-units/{id}")).GetProperty("name").GetString().ShouldBe("Đảng ủy phường Bcc: x@y");

        // Through a reorganisation: the draft's rows and the unit it creates.
        var effective = new DateOnly(Today.Year, (Today.Month - 1) / 3 * 3 + 1, 1).AddMonths(6);
        var draft = await admin.PostAsJsonAsync("/api/reorganisations", new
        {
            name = "Thử tên\r\nnhiều dòng",
            legalBasis = "Thử",
            effectiveOn = effective,
            rows = new[] { new { newCode = "P01-MOI-1", newName = "a\r\nBcc: x@y\u202e", newKind = "GrassrootsCommittee", newParentCode = "P01", mapping = "whole" } },
        });
        draft.StatusCode.ShouldBe(HttpStatusCode.Created, await draft.Content.ReadAsStringAsync());
        var details = await draft.Content.ReadFromJsonAsync<JsonElement>();
        details.GetProperty("rows")[0].GetProperty("newName").GetString().ShouldBe("a Bcc: x@y");
        (await admin.PostAsJsonAsync($"/api/reorganisations/{details.GetProperty("id").GetGuid()}/apply", new JsonObject())).EnsureSuccessStatusCode();
        var created = (await admin.GetFromJsonAsync<List<JsonElement>>($"/api/org-units?search=P01-MOI-1&asOf={effective:yyyy-MM-dd}"))!;
        created.Single().GetProperty("name").GetString().ShouldBe("a Bcc: x@y");
    }
}
