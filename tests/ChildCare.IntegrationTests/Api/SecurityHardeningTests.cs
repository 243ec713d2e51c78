using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Api;

/// <summary>What the security review found, each closed and kept closed (issue 10's table, by number).</summary>
public sealed class SecurityHardeningTests(PortalFixture portal) : PortalTest(portal)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private static MultipartFormDataContent Upload(string name, byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", name);
        return form;
    }

    private async Task<string> PeriodActionAsync(JsonElement period, string action)
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        (await admin.PostAsync($"/api/periods/{period.GetProperty("id").GetString()}/{action}", null)).EnsureSuccessStatusCode();
        return action;
    }

    [Fact] // 1
    public async Task A_locked_period_freezes_every_change_to_its_reports()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var id = s.ReportId;
        var upload = await s.Reporter.PostAsync($"/api/reports/{id}/attachments", Upload("bien-ban.pdf", Pdf));
        upload.StatusCode.ShouldBe(HttpStatusCode.Created);
        var attachment = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await s.Reporter.PutAsJsonAsync($"/api/reports/{id}", ReportScenario.Body(s.Directive, await s.VersionAsync()))).EnsureSuccessStatusCode();
        (await s.Reporter.PostAsync($"/api/reports/{id}/submit", null)).EnsureSuccessStatusCode();
        await PeriodActionAsync(s.Period, "lock");

        var answers = new Dictionary<string, HttpStatusCode>
        {
            ["upload"] = (await s.Reporter.PostAsync($"/api/reports/{id}/attachments", Upload("them.pdf", Pdf))).StatusCode,
            ["delete attachment"] = (await s.Reporter.DeleteAsync($"/api/reports/{id}/attachments/{attachment}")).StatusCode,
            ["return"] = (await s.Reviewer.PostAsJsonAsync($"/api/reports/{id}/return", new { comment = "Bổ sung số liệu." })).StatusCode,
            ["accept"] = (await s.Reviewer.PostAsJsonAsync($"/api/reports/{id}/accept", new { })).StatusCode,
        };
        answers.ShouldAllBe(a => a.Value == HttpStatusCode.Conflict);
        var report = await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        report.GetProperty("status").GetString().ShouldBe("Submitted");
        report.GetProperty("attachments").GetArrayLength().ShouldBe(1);
        report.GetProperty("permissions").GetProperty("canReview").GetBoolean().ShouldBeFalse();

        await PeriodActionAsync(s.Period, "reopen");
        (await s.Reviewer.PostAsJsonAsync($"/api/reports/{id}/accept", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact] // 2
    public async Task The_last_active_administrator_cannot_be_demoted_or_disabled()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/me");
        var id = me.GetProperty("id").GetString();
        var unit = me.GetProperty("orgUnitId").GetString();

        var self = await admin.PutAsJsonAsync($"/api/users/{id}", new { fullName = "Quản trị", role = "Reporter", orgUnitId = unit });
        self.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await self.Content.ReadAsStringAsync()).ShouldContain("tự bỏ vai trò quản trị");
        (await admin.PostAsync($"/api/users/{id}/disable", null)).StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.Conflict);

        // A second administrator may demote the first — then not the other way round, as it would leave none.
        var second = await admin.PostAsJsonAsync("/api/users", new { email = "qt2@childcare.local", fullName = "Quản trị 2", role = "Administrator", orgUnitId = unit, password = "QuanTri-2026!" });
        second.EnsureSuccessStatusCode();
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var other = await Portal.SignedInAsync("qt2@childcare.local", "QuanTri-2026!");
        (await other.PutAsJsonAsync($"/api/users/{id}", new { fullName = "Quản trị", role = "Analyst", orgUnitId = unit })).EnsureSuccessStatusCode();
        using var demoted = await Portal.SignedInAsync("admin@childcare.local");
        (await demoted.PutAsJsonAsync($"/api/users/{secondId}", new { fullName = "Quản trị 2", role = "Reporter", orgUnitId = unit }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact] // 8
    public async Task The_audit_shows_indicator_values_old_and_new_and_never_a_secret()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var body = ReportScenario.Body(s.Directive, await s.VersionAsync());
        (await s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}", body)).EnsureSuccessStatusCode();
        body["version"] = await s.VersionAsync();
        body["indicatorValues"]![1]!["value"] = 4217;
        (await s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}", body)).EnsureSuccessStatusCode();

        var audit = await s.Reviewer.GetFromJsonAsync<List<JsonElement>>($"/api/reports/{s.ReportId}/audit");
        var valueChange = audit!.Where(a => a.GetProperty("entityType").GetString() == "IndicatorValue" && a.GetProperty("action").GetString() == "Modified")
            .Select(a => JsonNode.Parse(a.GetProperty("changes").GetString()!)!["Value"]).Single()!;
        ((decimal)valueChange["old"]!).ShouldBe(12m);
        ((decimal)valueChange["new"]!).ShouldBe(4217m);

        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userAudit = await db.AuditEntries.Where(a => a.EntityType == nameof(AppUser)).Select(a => a.Changes).ToListAsync();
        userAudit.ShouldNotBeEmpty();
        userAudit.ShouldAllBe(c => !c.Contains("AQAAAA")); // an Identity password hash starts so in base64
    }

    [Fact] // 9
    public async Task Reporters_cannot_run_summary_exports_through_the_api_either()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var did = s.Directive.GetProperty("id").GetString();
        var pid = s.Period.GetProperty("id").GetString();
        var unit = (await s.Reporter.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("orgUnitId").GetString();
        (await s.Reporter.GetAsync($"/api/exports/summary?directiveId={did}&fromPeriodId={pid}&toPeriodId={pid}&orgUnitId={unit}&format=csv"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await s.Reporter.PostAsJsonAsync("/api/exports/jobs", new { directiveId = did, fromPeriodId = pid, toPeriodId = pid, orgUnitId = unit, format = "xlsx" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact] // 9
    public async Task Export_jobs_live_in_the_database_and_a_user_runs_at_most_three_at_once()
    {
        using var hn = await Portal.SignedInAsync("hanoi@childcare.local");
        var me = await hn.GetFromJsonAsync<JsonElement>("/api/me");
        var directive = (await hn.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single();
        var did = directive.GetProperty("id").GetString();
        var period = (await hn.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={did}"))!.First(p => p.GetProperty("kind").GetString() == "Quarter");
        var request = new
        {
            directiveId = did,
            fromPeriodId = period.GetProperty("id").GetString(),
            toPeriodId = period.GetProperty("id").GetString(),
            orgUnitId = me.GetProperty("orgUnitId").GetString(),
            format = "csv"
        };

        var started = await hn.PostAsJsonAsync("/api/exports/jobs", request);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var jobId = Guid.Parse((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        JsonElement job = default;
        for (var i = 0; i < 100; i++)
        {
            job = await hn.GetFromJsonAsync<JsonElement>($"/api/exports/jobs/{jobId}");
            if (job.GetProperty("state").GetString() != "Running") break;
            await Task.Delay(100);
        }
        job.GetProperty("state").GetString().ShouldBe("Done");
        await using (var scope = Portal.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await db.ExportJobFiles.SingleAsync(f => f.JobId == jobId)).Content.Length.ShouldBeGreaterThan(100);
            // Three running jobs of this user (heartbeats fresh): the fourth is refused with 429.
            var userId = me.GetProperty("id").GetGuid();
            for (var i = 0; i < 3; i++) db.ExportJobs.Add(new ExportJob(userId, "Báo cáo tổng hợp", "Csv", "{}", TestClock.Now));
            await db.SaveChangesAsync();
        }
        var fourth = await hn.PostAsJsonAsync("/api/exports/jobs", request);
        fourth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await fourth.Content.ReadAsStringAsync()).ShouldContain("tối đa 3");
        (await hn.GetAsync($"/api/exports/jobs/{jobId}/file")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact] // 10
    public async Task The_draft_buffer_takes_at_most_a_megabyte_of_valid_json()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var version = await s.VersionAsync();
        async Task<HttpStatusCode> DraftAsync(string content) =>
            (await s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}/draft", new { baseVersion = version, content })).StatusCode;

        (await DraftAsync(JsonSerializer.Serialize(new { x = "y" }))).ShouldBe(HttpStatusCode.NoContent);
        (await DraftAsync(JsonSerializer.Serialize(new { x = new string('y', 1_100_000) }))).ShouldBe(HttpStatusCode.BadRequest);
        (await DraftAsync("không phải JSON")).ShouldBe(HttpStatusCode.BadRequest);
        (await DraftAsync("{\"x\":\"a\\u0000b\"}")).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact] // 11, 15
    public async Task Bad_input_gets_a_400_with_the_field_or_a_404_never_a_500()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var body = ReportScenario.Body(s.Directive, await s.VersionAsync());
        body["taskAreas"]![0]!["results"] = "a\u0000b";
        var nul = await s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}", body);
        nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nul.Content.ReadAsStringAsync()).ShouldContain("taskAreas[0].results");

        body = ReportScenario.Body(s.Directive, await s.VersionAsync());
        body["taskAreas"]![0]!["status"] = 99; // an enum number outside its values
        (await s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}", body)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}", ReportScenario.Body(s.Directive, await s.VersionAsync()))).EnsureSuccessStatusCode();
        (await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/submit", null)).EnsureSuccessStatusCode();
        var longComment = await s.Reviewer.PostAsJsonAsync($"/api/reports/{s.ReportId}/return", new { comment = new string('x', 5_000) });
        longComment.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await longComment.Content.ReadAsStringAsync()).ShouldContain("vượt giới hạn 2.000 ký tự");

        var did = s.Directive.GetProperty("id").GetString();
        var unit = (await s.Reviewer.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("orgUnitId").GetString();
        (await s.Reviewer.GetAsync($"/api/dashboard/indicators/{Guid.NewGuid()}/units?directiveId={did}&periodId={s.Period.GetProperty("id").GetString()}&orgUnitId={unit}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var receipt = await s.Reviewer.PostAsJsonAsync($"/api/directives/{did}/receipts",
            new { orgUnitId = unit, receivedOn = "2026-01-05", incomingNumber = new string('9', 1_000), fromBody = "Văn phòng Trung ương Đảng" });
        receipt.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory] // 11
    [InlineData("DELETE")]
    [InlineData("PUT")]
    [InlineData("POST")]
    public async Task An_unknown_page_answers_every_method_with_the_not_found_page(string method)
    {
        using var client = Portal.Anonymous();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/khong-co-trang-nay"));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Không tìm thấy");
    }

    [Fact] // 12
    public async Task Pages_carry_a_content_security_policy_and_the_other_headers()
    {
        using var client = Portal.Anonymous();
        var response = await client.GetAsync("/account/login");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact] // 6
    public async Task A_cross_site_request_riding_on_a_cookie_is_refused_and_changes_nothing()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        using var browser = Portal.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{s.ReportId}/submit");
        request.Headers.Add("Cookie", "ChildCare.Auth=anything");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        var response = await browser.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("CSRF");

        // A bearer caller is not a browser riding on a cookie: an Origin header does not matter.
        var bearer = new HttpRequestMessage(HttpMethod.Put, $"/api/reports/{s.ReportId}/draft")
        {
            Content = JsonContent.Create(new { baseVersion = await s.VersionAsync(), content = "{}" }),
        };
        bearer.Headers.Authorization = s.Reporter.DefaultRequestHeaders.Authorization;
        bearer.Headers.Add("Origin", "https://evil.example");
        (await browser.SendAsync(bearer)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}")).GetProperty("status").GetString().ShouldBe("Draft");
    }

    [Fact] // 16
    public async Task Handled_refusals_are_logged_with_their_real_status_and_names_lose_bidi_controls()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        (await s.Other.GetAsync($"/api/reports/{s.ReportId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var upload = await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/attachments", Upload("hoso\u202Efdp.exe.pdf", Pdf));
        upload.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileName").GetString().ShouldBe("hosofdp.exe.pdf");

        var log = await Portal.Factory.ReadLogAsync(waitFor: $"/api/reports/{s.ReportId} → 403");
        log.ShouldContain($"/api/reports/{s.ReportId} → 403");
        log.ShouldNotContain($"/api/reports/{s.ReportId} → 500");
        log.ShouldNotContain("ForbiddenException");
    }

    /// <summary>The bad-input corpus of the drills, through the API: every file refused with a 4xx, never a 5xx, and nothing stored.</summary>
    [Fact]
    public async Task Bad_files_are_refused_with_4xx_and_nothing_is_stored()
    {
        static byte[] Zip(params (string Name, string Text)[] parts)
        {
            using var buffer = new MemoryStream();
            using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
                foreach (var (name, text) in parts)
                {
                    using var w = new StreamWriter(zip.CreateEntry(name).Open());
                    w.Write(text);
                }
            return buffer.ToArray();
        }
        const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        var paragraph = "<w:p><w:r><w:t>" + string.Concat(Enumerable.Repeat("Chỉ thị ", 50)) + "</w:t></w:r></w:p>";
        var bomb = Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", $"<w:document xmlns:w=\"{W}\"><w:body>{string.Concat(Enumerable.Repeat(paragraph, 100_000))}</w:body></w:document>"));
        var dtd = Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", $"<!DOCTYPE d [<!ENTITY a \"aaaa\">]><w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>"));
        var random = new byte[100_000];
        new Random(3).NextBytes(random);
        var corpus = new (string Name, byte[] Content)[]
        {
            ("bom.docx", bomb), ("dtd.docx", dtd), ("cat-doi.docx", bomb[..(bomb.Length / 3)]), ("hong.pdf", "%PDF-1.7\ngarbage"u8.ToArray()),
            ("nhi-phan.txt", random), ("rong.txt", []), ("dai.txt", Encoding.UTF8.GetBytes(new string('a', 10_000_000))),
        };
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        using var s = await ReportScenario.DraftAsync(Portal);
        var directivesBefore = (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Count;
        foreach (var (name, content) in corpus)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } };
            var status = (int)(await analyst.PostAsync("/api/directives/import", form)).StatusCode;
            status.ShouldBeInRange(400, 499, $"import of {name}");
        }
        foreach (var (name, content) in corpus.Where(c => c.Name is not ("bom.docx" or "dtd.docx"))) // those two are well-formed packages: as evidence they are only stored, never read
        {
            var status = (int)(await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/attachments", new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } })).StatusCode;
            status.ShouldBeInRange(400, 499, $"evidence {name}");
        }
        var oversized = new MultipartFormDataContent { { new ByteArrayContent([.. "%PDF-1.4\n"u8, .. new byte[21 * 1024 * 1024]]), "file", "qua-lon.pdf" } };
        ((int)(await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/attachments", oversized)).StatusCode).ShouldBeInRange(400, 499);

        (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Count.ShouldBe(directivesBefore);
        (await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}")).GetProperty("attachments").GetArrayLength().ShouldBe(0);
        (await Portal.Factory.ReadLogAsync()).ShouldNotContain("→ 500");
    }
}
