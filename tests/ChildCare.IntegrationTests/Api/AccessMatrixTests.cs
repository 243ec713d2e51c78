using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChildCare.Tests.Shared;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChildCare.IntegrationTests.Api;

/// <summary>
/// Who may call what, for every API route the portal maps: four roles, each against a target in its own
/// scope and one outside it (a ward of Hà Nội and another province's committee), checked against one table.
/// The routes come from ASP.NET Core's endpoint data source, so a new endpoint without a row fails here.
/// </summary>
public sealed class AccessMatrixTests(PortalFixture portal, ITestOutputHelper output) : PortalTest(portal)
{
    /// <summary>
    /// Expected outcome, ten characters: Reporter own/other, Reviewer own/other, Analyst own/other,
    /// Administrator own/other, UnitAdministrator (of Thành ủy Hà Nội) own/other. Y = let through (any answer but 401/403/404 or a 5xx), N = refused
    /// (401/403, or 404 hiding what is not theirs), F = let through to a target that does not exist
    /// (404, while the refused get 403: the gate, not the lookup, decided).
    /// </summary>
    private sealed record Row(string Method, string Route, string Expect, Func<Targets, string> Path, Func<Targets, HttpContent?>? Body = null,
        bool FreshToken = false);

    private sealed record Target(Guid Unit, Guid Report, Guid Attachment);

    private sealed record Targets(Target Own, Target Other, Guid Directive, Guid Period, Guid FuturePeriod, Guid Indicator, Guid Assignment,
        Guid User, Guid Reorganisation, Guid Job, bool IsOther)
    {
        public Target T => IsOther ? Other : Own;
        public string Dash => $"directiveId={Directive}&periodId={Period}&orgUnitId={T.Unit}";
    }

    private static HttpContent Json(object body) => JsonContent.Create(body);

    private static readonly Guid Missing = Guid.Parse("00000000-0000-7000-8000-00000000dead");

    /// <summary>Routes anyone may call without signing in.</summary>
    private static readonly HashSet<string> Public = ["POST /api/auth/login", "POST /api/auth/refresh", "POST /api/account/forgot-password", "POST /api/account/reset-password",
        "POST /api/account/activate"];

    private static readonly Row[] Table =
    [
        new("GET", "/api/me", "YYYYYYYYYY", _ => "/api/me"),
        new("GET", "/api/notifications", "YYYYYYYYYY", _ => "/api/notifications"),
        new("GET", "/api/live/changed", "YYYYYYYYYY", t => $"/api/live/changed?directiveId={t.Directive}&periodId={t.Period}"),
        new("POST", "/api/account/2fa", "YYYYYYYYYY", _ => "/api/account/2fa", _ => Json(new { })),
        new("GET", "/api/account/email-preferences", "YYYYYYYYYY", _ => "/api/account/email-preferences"),
        new("PUT", "/api/account/email-preferences", "YYYYYYYYYY", _ => "/api/account/email-preferences", _ => Json(new { muted = Array.Empty<string>() })),
        new("GET", "/api/account/preferences", "YYYYYYYYYY", _ => "/api/account/preferences"),
        new("PUT", "/api/account/preferences", "YYYYYYYYYY", _ => "/api/account/preferences", _ => Json(new { culture = "vi-VN" })),
        new("POST", "/api/notifications/reminders", "NNNNNNYYNN", _ => "/api/notifications/reminders"),
        new("GET", "/api/admin/runtime", "NNNNNNYYNN", _ => "/api/admin/runtime"),
        new("POST", "/api/auth/logout", "YYYYYYYYYY", _ => "/api/auth/logout", FreshToken: true),
        new("GET", "/api/directives", "YYYYYYYYYY", _ => "/api/directives"),
        new("GET", "/api/directives/{id:guid}", "YYYYYYYYYY", t => $"/api/directives/{t.Directive}"),
        new("GET", "/api/periods", "YYYYYYYYYY", t => $"/api/periods?directiveId={t.Directive}"),
        new("GET", "/api/org-units", "YYYYYYYYYY", _ => "/api/org-units?take=5"),
        new("GET", "/api/org-units/{id:guid}", "YNYNYYYYYN", t => $"/api/org-units/{t.T.Unit}"),
        new("GET", "/api/dashboard/compliance", "YNYNYYYYYN", t => $"/api/dashboard/compliance?{t.Dash}"),
        new("GET", "/api/dashboard/indicators", "YNYNYYYYYN", t => $"/api/dashboard/indicators?{t.Dash}"),
        new("GET", "/api/dashboard/indicators/{indicatorId:guid}/units", "YNYNYYYYYN", t => $"/api/dashboard/indicators/{t.Indicator}/units?{t.Dash}"),
        new("GET", "/api/dashboard/indicators/{indicatorId:guid}/trend", "YNYNYYYYYN", t => $"/api/dashboard/indicators/{t.Indicator}/trend?{t.Dash}"),
        new("GET", "/api/dashboard/task-areas", "YNYNYYYYYN", t => $"/api/dashboard/task-areas?{t.Dash}"),
        new("GET", "/api/dashboard/digest", "YNYNYYYYYN", t => $"/api/dashboard/digest?{t.Dash}"),
        new("GET", "/api/dashboard/map", "YNYNYYYYYN", t => $"/api/dashboard/map?{t.Dash}"),
        new("GET", "/api/directives/{id:guid}/dissemination", "YNYNYYYYYN", t => $"/api/directives/{t.Directive}/dissemination?orgUnitId={t.T.Unit}"),
        new("POST", "/api/directives/{id:guid}/receipts", "YNNNNNYYNN", t => $"/api/directives/{t.Directive}/receipts",
            t => Json(new { orgUnitId = t.T.Unit, incomingNumber = "", receivedOn = "2026-01-05", fromBody = "" })),
        new("POST", "/api/directives/{id:guid}/copies", "YNNNNNYYNN", t => $"/api/directives/{t.Directive}/copies",
            t => Json(new { orgUnitId = t.T.Unit, number = "", issuedOn = "2026-01-05", signer = "" })),
        new("POST", "/api/copy-recipients/{id:guid}/acknowledge", "NNNNNNNNNN", _ => $"/api/copy-recipients/{Missing}/acknowledge"),
        new("GET", "/api/reports", "YYYYYYYYYY", t => $"/api/reports?directiveId={t.Directive}"),
        new("POST", "/api/reports", "YNYNYYYYYN", t => "/api/reports", t => Json(new { directiveId = t.Directive, periodId = t.Period, orgUnitId = t.T.Unit })),
        new("GET", "/api/reports/{id:guid}", "YNYNYYYYYN", t => $"/api/reports/{t.T.Report}"),
        new("GET", "/api/reports/{id:guid}/previous", "YNYNYYYYYN", t => $"/api/reports/{t.T.Report}/previous"),
        new("GET", "/api/reports/{id:guid}/audit", "YNYNYYYYYN", t => $"/api/reports/{t.T.Report}/audit"),
        new("GET", "/api/reports/{id:guid}/document", "YNYNYYYYYN", t => $"/api/reports/{t.T.Report}/document?format=docx"),
        new("GET", "/api/reports/{id:guid}/workbook", "YNYNYYYYYN", t => $"/api/reports/{t.T.Report}/workbook"),
        new("GET", "/api/reports/{id:guid}/signature", "YNYNYYYYYN", t => $"/api/reports/{t.T.Report}/signature"),
        new("GET", "/api/reports/{id:guid}/signed-document", "FNFNFFFFFN", t => $"/api/reports/{t.T.Report}/signed-document"), // none signed yet
        new("POST", "/api/reports/{id:guid}/signature", "NNNNNNNNNN", t => $"/api/reports/{t.T.Report}/signature", _ => Pdf()), // leaders only
        new("POST", "/api/reports/{id:guid}/sign", "NNNNNNNNNN", t => $"/api/reports/{t.T.Report}/sign"), // leaders only
        new("POST", "/api/reports/{id:guid}/workbook", "YNNNNNNNNN", t => $"/api/reports/{t.T.Report}/workbook", _ => Pdf()),
        new("GET", "/api/reports/{id:guid}/attachments/{attachmentId:guid}", "YNYNYYYYYN", t => $"/api/reports/{t.T.Report}/attachments/{t.T.Attachment}"),
        new("GET", "/api/reports/{id:guid}/draft", "YYYYYYYYYY", t => $"/api/reports/{t.T.Report}/draft"), // one's own typing only
        new("PUT", "/api/reports/{id:guid}/draft", "YNNNNNNNNN", t => $"/api/reports/{t.T.Report}/draft", _ => Json(new { baseVersion = 0, content = "{}" })),
        new("PUT", "/api/reports/{id:guid}", "YNNNNNNNNN", t => $"/api/reports/{t.T.Report}", _ => Json(new { version = 0 })),
        new("POST", "/api/reports/{id:guid}/consolidate", "YNNNNNNNNN", t => $"/api/reports/{t.T.Report}/consolidate"),
        new("POST", "/api/reports/{id:guid}/attachments", "YNNNNNNNNN", t => $"/api/reports/{t.T.Report}/attachments", _ => Pdf()),
        new("POST", "/api/reports/{id:guid}/return", "NNYNNYNNNN", t => $"/api/reports/{t.T.Report}/return", _ => Json(new { comment = "Bổ sung." })),
        new("POST", "/api/reports/{id:guid}/accept", "NNYNNYNNNN", t => $"/api/reports/{t.T.Report}/accept", _ => Json(new { })),
        new("POST", "/api/reports/accept", "NNYYYYNNNN", t => "/api/reports/accept", t => Json(new { reportIds = new[] { t.T.Report } })), // per report refusals in the body
        new("POST", "/api/reports/{id:guid}/submit", "YNNNNNNNNN", t => $"/api/reports/{t.T.Report}/submit"),
        new("GET", "/api/exports/summary", "NNYNYYYYNN", t => $"/api/exports/summary?directiveId={t.Directive}&fromPeriodId={t.Period}&toPeriodId={t.Period}&orgUnitId={t.T.Unit}&format=csv"),
        new("POST", "/api/exports/jobs", "NNYNYYYYNN", _ => "/api/exports/jobs",
            t => Json(new { directiveId = t.Directive, fromPeriodId = t.Period, toPeriodId = t.Period, orgUnitId = t.T.Unit, format = "csv" })),
        new("GET", "/api/exports/jobs", "YYYYYYYYYY", _ => "/api/exports/jobs"),
        new("GET", "/api/exports/jobs/{id:guid}", "NNYYNNNNNN", t => $"/api/exports/jobs/{t.Job}"), // the city's own job, nobody else's
        new("GET", "/api/exports/jobs/{id:guid}/file", "NNYYNNNNNN", t => $"/api/exports/jobs/{t.Job}/file"),
        new("POST", "/api/directives/import", "NNYYYYYYNN", _ => "/api/directives/import", _ => new StringContent("CHỈ THỊ", Encoding.UTF8, "text/plain")),
        new("POST", "/api/directives", "NNYYYYYYNN", _ => "/api/directives", _ => Json(new { code = "" })),
        new("PUT", "/api/directives/{id:guid}", "NNNNYYYYNN", t => $"/api/directives/{t.Directive}", _ => Json(new { version = 0, title = "" })),
        new("PUT", "/api/directives/{id:guid}/task-areas", "NNNNYYYYNN", t => $"/api/directives/{t.Directive}/task-areas", _ => Json(new { number = 0, title = "", text = "" })),
        new("POST", "/api/directives/{id:guid}/indicators", "NNNNYYYYNN", t => $"/api/directives/{t.Directive}/indicators", _ => Json(new { code = "", name = "" })),
        new("PUT", "/api/indicators/{id:guid}", "NNNNYYYYNN", t => $"/api/indicators/{t.Indicator}", _ => Json(new { name = "" })),
        new("POST", "/api/indicators/{id:guid}/targets", "NNNNYYYYNN", t => $"/api/indicators/{t.Indicator}/targets", _ => Json(new { year = 0 })),
        new("DELETE", "/api/indicators/{id:guid}/targets/{targetId:guid}", "NNNNFFFFNN", t => $"/api/indicators/{t.Indicator}/targets/{Missing}"),
        new("PUT", "/api/assignments/{id:guid}/role", "NNNNYYYYNN", t => $"/api/assignments/{t.Assignment}/role", _ => Json(new { role = "Lead" })),
        new("GET", "/api/users", "NNNNNNYYYY", _ => "/api/users"),
        new("POST", "/api/users", "NNNNNNYYYY", _ => "/api/users", _ => Json(new { email = "" })),
        new("GET", "/api/users/{id:guid}", "NNNNNNYYYY", t => $"/api/users/{t.User}"),
        new("PUT", "/api/users/{id:guid}", "NNNNNNYYYY", t => $"/api/users/{t.User}", _ => Json(new { fullName = "", role = "" })),
        new("POST", "/api/users/{id:guid}/disable", "NNNNNNYYYY", t => $"/api/users/{t.User}/disable"),
        new("POST", "/api/users/{id:guid}/enable", "NNNNNNYYYY", t => $"/api/users/{t.User}/enable"),
        new("POST", "/api/users/{id:guid}/unlock", "NNNNNNYYYY", t => $"/api/users/{t.User}/unlock"),
        new("POST", "/api/users/{id:guid}/reset-password", "NNNNNNYYYY", t => $"/api/users/{t.User}/reset-password", _ => Json(new { newPassword = "x" })),
        new("POST", "/api/users/{id:guid}/invitation", "NNNNNNYYYY", t => $"/api/users/{t.User}/invitation"),
        new("GET", "/api/users/imports/template", "NNNNNNYYYY", _ => "/api/users/imports/template"),
        new("POST", "/api/users/imports", "NNNNNNYYYY", _ => "/api/users/imports", _ => List()),
        new("POST", "/api/users/imports/{id:guid}/apply", "NNNNNNFFFF", _ => $"/api/users/imports/{Missing}/apply"),
        new("GET", "/api/onboarding", "NNYNYYYYYN", t => $"/api/onboarding?orgUnitId={t.T.Unit}"),
        new("POST", "/api/org-units", "NNNNNNYYNN", _ => "/api/org-units", _ => Json(new { })),
        new("POST", "/api/org-units/{id:guid}/rename", "NNNNNNYYNN", t => $"/api/org-units/{t.T.Unit}/rename", _ => Json(new { })),
        new("POST", "/api/org-units/{id:guid}/move", "NNNNNNYYNN", t => $"/api/org-units/{t.T.Unit}/move", _ => Json(new { })),
        new("POST", "/api/org-units/{id:guid}/close", "NNNNNNYYNN", t => $"/api/org-units/{t.T.Unit}/close", _ => Json(new { })),
        new("GET", "/api/reorganisations", "NNNNNNYYNN", _ => "/api/reorganisations"),
        new("GET", "/api/reorganisations/{id:guid}", "NNNNNNYYNN", t => $"/api/reorganisations/{t.Reorganisation}"),
        new("POST", "/api/reorganisations", "NNNNNNYYNN", _ => "/api/reorganisations", _ => Json(new { })),
        new("POST", "/api/reorganisations/{id:guid}/apply", "NNNNNNFFNN", _ => $"/api/reorganisations/{Missing}/apply", _ => Json(new { })),
        new("POST", "/api/reorganisations/{id:guid}/revert", "NNNNNNFFNN", _ => $"/api/reorganisations/{Missing}/revert"),
        new("DELETE", "/api/reorganisations/{id:guid}", "NNNNNNFFNN", _ => $"/api/reorganisations/{Missing}"),
        new("POST", "/api/periods", "NNNNNNYYNN", _ => "/api/periods", t => Json(new { directiveId = t.Directive, kind = "Quarter", startsOn = "2030-01-01", endsOn = "2029-01-01" })),
        new("PUT", "/api/periods/{id:guid}/due-dates", "NNNNNNYYNN", t => $"/api/periods/{t.FuturePeriod}/due-dates", _ => Json(new { dueOn = "2000-01-01", dueOnProvince = "2000-01-01" })),
        new("POST", "/api/periods/{id:guid}/close", "NNNNNNYYNN", t => $"/api/periods/{t.FuturePeriod}/close"),
        new("POST", "/api/periods/{id:guid}/lock", "NNNNNNYYNN", t => $"/api/periods/{t.FuturePeriod}/lock"),
        new("POST", "/api/periods/{id:guid}/reopen", "NNNNNNYYNN", t => $"/api/periods/{t.FuturePeriod}/reopen"),
        new("DELETE", "/api/reports/{id:guid}/attachments/{attachmentId:guid}", "YNNNNNNNNN", t => $"/api/reports/{t.T.Report}/attachments/{t.T.Attachment}"),
        new("POST", "/api/account/password", "YYYYYYYYYY", _ => "/api/account/password", _ => Json(new { newPassword = "Mat-Khau-Moi@2026" })),
        // Last: it ends every session of the caller's account (the rows after it would run signed out).
        new("POST", "/api/account/sessions/revoke", "YYYYYYYYYY", _ => "/api/account/sessions/revoke", FreshToken: true),
    ];

    private static MultipartFormDataContent List()
    {
        var file = new ByteArrayContent("unitCode,fullName,email,role\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "danh-sach.csv" } };
    }

    private static MultipartFormDataContent Pdf()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "minh-chung.pdf");
        return form;
    }

    private static string Key(RouteEndpoint e, string method) => $"{method} /{e.RoutePattern.RawText!.Trim('/')}";

    [Fact]
    public void Every_api_route_has_a_row()
    {
        var mapped = ApiRoutes();
        var rows = Table.Select(r => $"{r.Method} {r.Route}").Concat(Public).ToHashSet();
        mapped.Except(rows).ShouldBeEmpty("routes without a row in the access table");
        rows.Except(mapped).ShouldBeEmpty("rows for routes that no longer exist");
    }

    private HashSet<string> ApiRoutes() =>
        Portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => Key(e, m)))
            .ToHashSet();

    [Fact]
    public async Task Every_role_reaches_what_the_table_says_in_its_own_scope_and_nothing_outside()
    {
        var (targets, tokens) = await ArrangeAsync();
        string[] roles = ["Reporter", "Reviewer", "Analyst", "Administrator", "UnitAdministrator"];
        var leaks = new List<string>();
        var wrong = new List<string>();
        var cases = 0;
        using var anonymous = Portal.Anonymous();
        foreach (var row in Table)
        {
            // Anonymous first: every route but sign-in needs a signed-in caller.
            using (var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Path(targets)) { Content = row.Body?.Invoke(targets) })
            {
                var status = (int)(await anonymous.SendAsync(request)).StatusCode;
                cases++;
                if (status != 401) leaks.Add($"anonymous {row.Method} {row.Route} → {status}");
            }
            for (var r = 0; r < roles.Length; r++)
                for (var o = 0; o < 2; o++)
                {
                    var t = targets with { IsOther = o == 1 };
                    var expect = row.Expect[r * 2 + o];
                    var token = row.FreshToken ? await TokenAsync(Emails[r]) : tokens[r];
                    using var client = Portal.Anonymous();
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Path(t)) { Content = row.Body?.Invoke(t) };
                    var status = (int)(await client.SendAsync(request)).StatusCode;
                    cases++;
                    var label = $"{roles[r]} {(o == 0 ? "own" : "other")} {row.Method} {row.Route} → {status} (want {expect})";
                    var refused = status is 401 or 403 or 404;
                    if (status >= 500) wrong.Add(label);
                    else if (expect == 'N' && !refused) leaks.Add(label);
                    else if (expect == 'Y' && refused) wrong.Add(label);
                    else if (expect == 'F' && status != 404) wrong.Add(label);
                    else if (expect == 'N' && row.Expect.Contains('F') && status != 403) wrong.Add(label);
                }
        }
        output.WriteLine($"Access matrix: {Table.Length + Public.Count} routes ({Public.Count} public) × (5 roles × own/other + anonymous) = {cases} cases, "
            + $"{leaks.Count} leaks, {wrong.Count} refusals of what should be allowed.");
        foreach (var line in leaks.Concat(wrong)) output.WriteLine(line);
        leaks.ShouldBeEmpty();
        wrong.ShouldBeEmpty();
    }

    private static readonly string[] Emails = ["phuonghaibatrung@childcare.local", "hanoi@childcare.local", "tuyengiao@childcare.local", "admin@childcare.local",
        UnitAdministratorEmail];

    /// <summary>A unit administrator of Thành ủy Hà Nội, made for the matrix: its "own" target is a ward of the city.</summary>
    private const string UnitAdministratorEmail = "quantri.hanoi@childcare.local";

    private async Task<string> TokenAsync(string email, string password = "ChildCare@2024")
    {
        using var client = Portal.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private async Task<(Targets, string[])> ArrangeAsync()
    {
        using var own = await ReportScenario.DraftAsync(Portal);
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var did = own.Directive.GetProperty("id").GetGuid();
        var period = own.Period.GetProperty("id").GetGuid();
        var wardOwn = (await own.Reporter.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("orgUnitId").GetGuid();

        // Another province (the demo has wards only in Hà Nội), with its own reporter and report.
        var provinces = await admin.GetFromJsonAsync<List<JsonElement>>("/api/org-units?kind=ProvincialCommittee&take=100");
        var wardOther = provinces!.First(u => !u.GetProperty("code").GetString()!.StartsWith("P01", StringComparison.Ordinal)).GetProperty("id").GetGuid();
        (await admin.PostAsJsonAsync("/api/users", new
        {
            email = "phuong-khac@childcare.local",
            fullName = "Cán bộ phường tỉnh khác",
            role = "Reporter",
            orgUnitId = wardOther,
            password = "Phuong-Khac-2026!"
        })).EnsureSuccessStatusCode();
        using var otherReporter = await Portal.SignedInAsync("phuong-khac@childcare.local", "Phuong-Khac-2026!");
        var otherReport = (await (await otherReporter.PostAsJsonAsync("/api/reports", new { directiveId = did, periodId = period, orgUnitId = wardOther }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        async Task<Guid> AttachAsync(HttpClient client, Guid report) =>
            (await (await client.PostAsync($"/api/reports/{report}/attachments", Pdf())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var directive = await admin.GetFromJsonAsync<JsonElement>($"/api/directives/{did}");
        var periods = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={did}");
        var today = TestClock.TodayInVietnam;
        var future = periods!.Last(p => DateOnly.Parse(p.GetProperty("startsOn").GetString()!, CultureInfo.InvariantCulture) > today).GetProperty("id").GetGuid();
        var dummy = await admin.PostAsJsonAsync("/api/users", new
        {
            email = "thu-nghiem@childcare.local",
            fullName = "Tài khoản thử",
            role = "Reporter",
            orgUnitId = wardOwn,
            password = "Thu-Nghiem-2026!"
        });
        var reorganisation = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/reorganisations"))!.First().GetProperty("id").GetGuid();
        var job = await own.Reviewer.PostAsJsonAsync("/api/exports/jobs",
            new { directiveId = did, fromPeriodId = period, toPeriodId = period, orgUnitId = (await own.Reviewer.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("orgUnitId").GetGuid(), format = "csv" });

        var jobId = (await job.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        for (var i = 0; i < 100 && (await own.Reviewer.GetFromJsonAsync<JsonElement>($"/api/exports/jobs/{jobId}")).GetProperty("state").GetString() == "Running"; i++)
            await Task.Delay(100);
        var targets = new Targets(
            new Target(wardOwn, own.ReportId, await AttachAsync(own.Reporter, own.ReportId)),
            new Target(wardOther, otherReport, await AttachAsync(otherReporter, otherReport)),
            did, period, future,
            directive.GetProperty("indicators")[0].GetProperty("id").GetGuid(),
            directive.GetProperty("assignments")[0].GetProperty("id").GetGuid(),
            (await dummy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
            reorganisation,
            jobId,
            IsOther: false);
        var city = provinces!.Single(u => u.GetProperty("code").GetString() == "P01").GetProperty("id").GetGuid();
        (await admin.PostAsJsonAsync("/api/users", new
        {
            email = UnitAdministratorEmail,
            fullName = "Văn phòng Thành ủy Hà Nội (quản trị đơn vị)",
            role = "UnitAdministrator",
            orgUnitId = city,
            password = "ChildCare@2024",
        })).EnsureSuccessStatusCode();
        var tokens = new string[Emails.Length];
        for (var i = 0; i < Emails.Length; i++) tokens[i] = await TokenAsync(Emails[i]);
        return (targets, tokens);
    }
}
