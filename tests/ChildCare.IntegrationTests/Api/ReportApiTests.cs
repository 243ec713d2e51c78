using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChildCare.IntegrationTests.Api;

/// <summary>The reporting cycle through the API, with every rule the screens enforce.</summary>
public sealed class ReportApiTests(PortalFixture portal) : PortalTest(portal)
{
    private Task<ReportScenario> DraftAsync() => ReportScenario.DraftAsync(Portal);

    private static JsonObject Body(JsonElement directive, uint version, int percentOffset = 0) => ReportScenario.Body(directive, version, percentOffset);

    private static async Task<JsonElement> GetAsync(HttpClient client, Guid id) => await client.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");

    private static uint Version(JsonElement report) => report.GetProperty("version").GetUInt32();

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Creating_a_report_twice_returns_the_same_draft()
    {
        var s = await DraftAsync();
        var again = await s.Reporter.PostAsJsonAsync("/api/reports", new
        {
            directiveId = s.Directive.GetProperty("id").GetString(),
            periodId = s.Period.GetProperty("id").GetString(),
            orgUnitId = (await GetAsync(s.Reporter, s.ReportId)).GetProperty("orgUnitId").GetString(),
        });
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString().ShouldBe(s.ReportId.ToString());
        var report = await GetAsync(s.Reporter, s.ReportId);
        report.GetProperty("status").GetString().ShouldBe("Draft");
        report.GetProperty("taskAreas").GetArrayLength().ShouldBe(5);
        report.GetProperty("indicatorValues").GetArrayLength().ShouldBe(25);
    }

    [Fact]
    public async Task The_full_cycle_draft_submit_return_resubmit_accept_is_recorded_step_by_step()
    {
        var s = await DraftAsync();
        var saved = await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, Version(await GetAsync(s.Reporter, s.ReportId)))));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.OK); // a retry

        var submitted = await GetAsync(s.Reporter, s.ReportId);
        submitted.GetProperty("status").GetString().ShouldBe("Submitted");
        submitted.GetProperty("onTime").GetBoolean().ShouldBeTrue();
        submitted.GetProperty("permissions").GetProperty("canEdit").GetBoolean().ShouldBeFalse();
        (await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, Version(submitted))))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await s.Reviewer.PostAsJsonAsync($"/api/reports/{s.ReportId}/return", new { comment = "Đề nghị bổ sung số liệu nhiệm vụ 4." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var returned = await GetAsync(s.Reporter, s.ReportId);
        returned.GetProperty("status").GetString().ShouldBe("Returned");
        returned.GetProperty("lastReviewComment").GetString().ShouldBe("Đề nghị bổ sung số liệu nhiệm vụ 4.");

        (await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, Version(returned), 5)))).EnsureSuccessStatusCode();
        (await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/submit", null)).EnsureSuccessStatusCode();
        (await s.Reviewer.PostAsJsonAsync($"/api/reports/{s.ReportId}/accept", new { comment = "Đạt yêu cầu." })).EnsureSuccessStatusCode();

        var accepted = await GetAsync(s.Reporter, s.ReportId);
        accepted.GetProperty("status").GetString().ShouldBe("Accepted");
        var history = accepted.GetProperty("history").EnumerateArray().ToList();
        history.Select(h => h.GetProperty("action").GetString()).ShouldBe(["Created", "Submitted", "Returned", "Submitted", "Accepted"]);
        history[2].GetProperty("by").GetString().ShouldBe("Cán bộ Thành ủy Hà Nội");
        history[2].GetProperty("comment").GetString().ShouldBe("Đề nghị bổ sung số liệu nhiệm vụ 4.");
        (await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, Version(accepted))))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await s.Reviewer.PostAsJsonAsync($"/api/reports/{s.ReportId}/return", new { comment = "x" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_stale_version_gets_409_and_the_newer_save_is_kept()
    {
        var s = await DraftAsync();
        var v0 = Version(await GetAsync(s.Reporter, s.ReportId));
        (await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, v0)))).EnsureSuccessStatusCode();

        var stale = await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, v0, 7)));

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("tải lại");
        var kept = await GetAsync(s.Reporter, s.ReportId);
        kept.GetProperty("taskAreas")[0].GetProperty("percentComplete").GetInt32().ShouldBe(50);
    }

    [Fact]
    public async Task Every_save_changes_the_version_even_when_only_rows_change()
    {
        var s = await DraftAsync();
        var v0 = Version(await GetAsync(s.Reporter, s.ReportId));
        (await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, v0)))).EnsureSuccessStatusCode();
        var v1 = Version(await GetAsync(s.Reporter, s.ReportId));
        var onlyOneValue = new JsonObject
        {
            ["version"] = v1,
            ["indicatorValues"] = new JsonArray(Body(s.Directive, v1)["indicatorValues"]![1]!.DeepClone()),
        };
        onlyOneValue["indicatorValues"]![0]!["value"] = 13;
        (await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(onlyOneValue))).EnsureSuccessStatusCode();
        var v2 = Version(await GetAsync(s.Reporter, s.ReportId));

        v1.ShouldNotBe(v0);
        v2.ShouldNotBe(v1);
    }

    [Fact]
    public async Task Bad_values_get_400_with_a_Vietnamese_message_per_field()
    {
        var s = await DraftAsync();
        var body = Body(s.Directive, Version(await GetAsync(s.Reporter, s.ReportId)));
        body["taskAreas"]![0]!["percentComplete"] = 150;
        body["indicatorValues"]![0]!["numerator"] = 200; // 200 of 180 for a percentage
        body["indicatorValues"]![1]!["value"] = -3;

        var response = await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(body));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("taskAreas[0].percentComplete")[0].GetString().ShouldBe("Tỷ lệ hoàn thành phải từ 0 đến 100%.");
        errors.GetProperty("indicatorValues[0].numerator")[0].GetString().ShouldBe("Tử số không được lớn hơn mẫu số.");
        errors.GetProperty("indicatorValues[1].value")[0].GetString().ShouldBe("Giá trị không được âm.");
        (await GetAsync(s.Reporter, s.ReportId)).GetProperty("taskAreas")[0].GetProperty("results").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Not_reported_stays_distinct_from_zero()
    {
        var s = await DraftAsync();
        var body = Body(s.Directive, Version(await GetAsync(s.Reporter, s.ReportId)));
        body["indicatorValues"]![1]!["value"] = 0;
        (await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(body))).EnsureSuccessStatusCode();

        var values = (await GetAsync(s.Reporter, s.ReportId)).GetProperty("indicatorValues").EnumerateArray().ToList();
        values.Single(v => v.GetProperty("indicatorId").GetString() == body["indicatorValues"]![1]!["indicatorId"]!.GetValue<string>())
            .GetProperty("value").GetDecimal().ShouldBe(0);
        values.Count(v => v.GetProperty("value").ValueKind == JsonValueKind.Null && v.GetProperty("numerator").ValueKind == JsonValueKind.Null).ShouldBe(23);
    }

    [Fact]
    public async Task A_submit_without_results_says_which_task_area_is_missing()
    {
        var s = await DraftAsync();
        var response = await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/submit", null);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Nhiệm vụ 1: cần nêu kết quả đạt được");
    }

    [Fact]
    public async Task Another_district_gets_403_and_no_data_for_any_call()
    {
        var s = await DraftAsync();
        var body = Body(s.Directive, 0);
        foreach (var response in new[]
                 {
                     await s.Other.GetAsync($"/api/reports/{s.ReportId}"),
                     await s.Other.PutAsync($"/api/reports/{s.ReportId}", Json(body)),
                     await s.Other.PostAsync($"/api/reports/{s.ReportId}/submit", null),
                     await s.Other.PostAsJsonAsync($"/api/reports/{s.ReportId}/return", new { comment = "x" }),
                     await s.Other.GetAsync($"/api/reports/{s.ReportId}/audit"),
                 })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("Hai Bà Trưng");
        }
        (await s.Other.GetFromJsonAsync<List<JsonElement>>("/api/reports"))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reporter_cannot_review_and_a_reviewer_cannot_edit()
    {
        var s = await DraftAsync();
        (await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, Version(await GetAsync(s.Reporter, s.ReportId)))))).EnsureSuccessStatusCode();
        (await s.Reviewer.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, Version(await GetAsync(s.Reporter, s.ReportId))))))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/submit", null)).EnsureSuccessStatusCode();
        (await s.Reporter.PostAsJsonAsync($"/api/reports/{s.ReportId}/accept", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await s.Reviewer.PostAsJsonAsync($"/api/reports/{s.ReportId}/return", new { comment = "" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Evidence_files_are_checked_by_content_hashed_and_downloadable_by_readers_only()
    {
        var s = await DraftAsync();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", "Kế hoạch 28.pdf");
        var upload = await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/attachments", form);
        upload.StatusCode.ShouldBe(HttpStatusCode.Created);
        var attachment = await upload.Content.ReadFromJsonAsync<JsonElement>();
        attachment.GetProperty("fileName").GetString().ShouldBe("Kế hoạch 28.pdf");
        attachment.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(pdf)).ToLowerInvariant());

        using var fake = new MultipartFormDataContent { { new ByteArrayContent("MZ\x90\0 not a pdf"u8.ToArray()), "file", "bao-cao.pdf" } };
        var refused = await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/attachments", fake);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("không thuộc loại được nhận: PDF, DOCX, XLSX, JPG, PNG");

        var url = $"/api/reports/{s.ReportId}/attachments/{attachment.GetProperty("id").GetString()}";
        var download = await s.Reviewer.GetAsync(url);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await s.Other.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Portal.Anonymous().GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_file_over_20_MB_is_refused()
    {
        var s = await DraftAsync();
        var big = new byte[20 * 1024 * 1024 + 1];
        "%PDF-"u8.CopyTo(big);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(big), "file", "lon.pdf" } };
        var response = await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/attachments", form);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("20 MB");
    }

    [Fact]
    public async Task Reviewers_see_the_audit_of_every_change_old_to_new()
    {
        var s = await DraftAsync();
        var v0 = Version(await GetAsync(s.Reporter, s.ReportId));
        (await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, v0)))).EnsureSuccessStatusCode();
        (await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, Version(await GetAsync(s.Reporter, s.ReportId)), 3))))
            .EnsureSuccessStatusCode();

        var audit = (await s.Reviewer.GetFromJsonAsync<List<JsonElement>>($"/api/reports/{s.ReportId}/audit"))!;
        var change = audit.First(a => a.GetProperty("entityType").GetString() == "TaskAreaProgress" && a.GetProperty("action").GetString() == "Modified");
        change.GetProperty("userName").GetString().ShouldBe("phuonghaibatrung@childcare.local");
        var percent = JsonDocument.Parse(change.GetProperty("changes").GetString()!).RootElement.GetProperty("PercentDone");
        (percent.GetProperty("new").GetInt32() - percent.GetProperty("old").GetInt32()).ShouldBe(3);
    }

    [Fact]
    public async Task A_draft_buffer_keeps_typing_without_changing_the_version_or_the_audit()
    {
        var s = await DraftAsync();
        var before = await GetAsync(s.Reporter, s.ReportId);
        var auditBefore = (await s.Reviewer.GetFromJsonAsync<List<JsonElement>>($"/api/reports/{s.ReportId}/audit"))!.Count;

        (await s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}/draft", new { baseVersion = Version(before), content = "{\"typed\":\"Đang gõ dở\"}" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var draft = await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}/draft");
        draft.GetProperty("content").GetString()!.ShouldContain("Đang gõ dở");
        Version(await GetAsync(s.Reporter, s.ReportId)).ShouldBe(Version(before));
        (await s.Reviewer.GetFromJsonAsync<List<JsonElement>>($"/api/reports/{s.ReportId}/audit"))!.Count.ShouldBe(auditBefore);
        (await s.Other.PutAsJsonAsync($"/api/reports/{s.ReportId}/draft", new { baseVersion = 0, content = "{}" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Lists_are_scoped_and_filtered()
    {
        var s = await DraftAsync();
        (await s.Reporter.GetFromJsonAsync<List<JsonElement>>("/api/reports"))!.Count.ShouldBe(1);
        var forReviewer = await s.Reviewer.GetFromJsonAsync<List<JsonElement>>($"/api/reports?periodId={s.Period.GetProperty("id").GetString()}&status=Draft");
        forReviewer!.Single().GetProperty("orgUnitName").GetString().ShouldBe("Đảng ủy phường Hai Bà Trưng");
        (await s.Reviewer.GetFromJsonAsync<List<JsonElement>>("/api/reports?status=Accepted"))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_ward_cannot_have_a_report_on_28_CT_TW_and_a_future_quarter_cannot_start()
    {
        var s = await DraftAsync();
        var ward = (await s.Reviewer.GetFromJsonAsync<List<JsonElement>>("/api/org-units?kind=GrassrootsCommittee&search=P01-00097"))![0];
        var own = await GetAsync(s.Reporter, s.ReportId);
        var periods = (await s.Reporter.GetFromJsonAsync<List<JsonElement>>("/api/periods"))!;
        var future = periods[^1];

        var wardReport = await s.Reporter.PostAsJsonAsync("/api/reports", new
        {
            directiveId = s.Directive.GetProperty("id").GetString(),
            periodId = s.Period.GetProperty("id").GetString(),
            orgUnitId = ward.GetProperty("id").GetString(),
        });
        wardReport.StatusCode.ShouldBe(HttpStatusCode.Forbidden); // a reporter writes only its own unit's reports
        var futureReport = await s.Reporter.PostAsJsonAsync("/api/reports", new
        {
            directiveId = s.Directive.GetProperty("id").GetString(),
            periodId = future.GetProperty("id").GetString(),
            orgUnitId = own.GetProperty("orgUnitId").GetString(),
        });
        futureReport.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await futureReport.Content.ReadAsStringAsync()).ShouldContain("chưa bắt đầu");
    }

    [Fact]
    public async Task Accepting_many_at_once_accepts_each_one_it_can()
    {
        var s = await DraftAsync();
        (await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, Version(await GetAsync(s.Reporter, s.ReportId)))))).EnsureSuccessStatusCode();
        (await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/submit", null)).EnsureSuccessStatusCode();

        var results = await (await s.Reviewer.PostAsJsonAsync("/api/reports/accept", new { reportIds = new[] { s.ReportId, Guid.NewGuid() } }))
            .Content.ReadFromJsonAsync<List<JsonElement>>();

        results!.Select(r => r.GetProperty("succeeded").GetBoolean()).ShouldBe([true, false]);
        (await GetAsync(s.Reporter, s.ReportId)).GetProperty("status").GetString().ShouldBe("Accepted");
    }

    [Fact]
    public async Task Notifications_tell_reporters_of_returns_and_reviewers_of_new_submissions()
    {
        var s = await DraftAsync();
        (await s.Reporter.PutAsync($"/api/reports/{s.ReportId}", Json(Body(s.Directive, Version(await GetAsync(s.Reporter, s.ReportId)))))).EnsureSuccessStatusCode();
        (await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/submit", null)).EnsureSuccessStatusCode();

        var forReviewer = await s.Reviewer.GetFromJsonAsync<List<JsonElement>>("/api/notifications");
        forReviewer!.ShouldContain(n => n.GetProperty("title").GetString()!.StartsWith("1 báo cáo") && n.GetProperty("title").GetString()!.Contains("chờ thẩm định"));

        (await s.Reviewer.PostAsJsonAsync($"/api/reports/{s.ReportId}/return", new { comment = "Bổ sung minh chứng." })).EnsureSuccessStatusCode();
        var forReporter = await s.Reporter.GetFromJsonAsync<List<JsonElement>>("/api/notifications");
        forReporter!.ShouldContain(n => n.GetProperty("title").GetString()!.Contains("bị trả lại") && n.GetProperty("detail").GetString() == "Bổ sung minh chứng.");
    }
}
