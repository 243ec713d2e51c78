using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChildCare.Core.Seed;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Api;

public sealed class ExportApiTests(PortalFixture portal) : PortalTest(portal)
{
    private sealed record Ids(string Directive, string Q1, string Q4, string Nation, string Hanoi, string Hcm);

    private async Task<Ids> SetupAsync(HttpClient analyst)
    {
        var d = (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/directives"))![0].GetProperty("id").GetString()!;
        var periods = (await analyst.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={d}"))!;
        string P(string code) => periods.Single(p => p.GetProperty("code").GetString() == code).GetProperty("id").GetString()!;
        var units = (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/org-units"))!;
        string U(string code) => units.Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetString()!;
        return new Ids(d, P("2024-Q1"), P("2024-Q4"), U("TW"), U("P01"), U("P79"));
    }

    [Fact]
    public async Task Each_format_comes_with_its_content_type_and_a_Vietnamese_file_name()
    {
        await Portal.Factory.SeedHistoryAsync(); // first: it replaces the database, sessions too
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var ids = await SetupAsync(analyst);
        foreach (var (format, type) in new[]
                 {
                     ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                     ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("csv", "text/csv"), ("pdf", "application/pdf"),
                 })
        {
            var response = await analyst.GetAsync($"/api/exports/summary?directiveId={ids.Directive}&fromPeriodId={ids.Q1}&toPeriodId={ids.Q4}&orgUnitId={ids.Nation}&format={format}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, format);
            response.Content.Headers.ContentType!.MediaType.ShouldBe(type);
            response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"Báo cáo 28-CT-TW năm 2024 - Ban Chấp hành Trung ương Đảng.{format}");
            (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100);
        }
        (await analyst.GetAsync($"/api/exports/summary?directiveId={ids.Directive}&fromPeriodId={ids.Q1}&toPeriodId={ids.Q4}&orgUnitId={ids.Nation}&format=odt"))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Export_figures_equal_the_dashboard_flows_summed_and_stocks_from_the_last_quarter()
    {
        await Portal.Factory.SeedHistoryAsync(); // first: it replaces the database, sessions too
        using var reviewer = await Portal.SignedInAsync("hanoi@childcare.local");
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var ids = await SetupAsync(analyst);
        // The workbook's "Chỉ tiêu tổng hợp" sheet against the dashboards of each quarter.
        var bytes = await reviewer.GetByteArrayAsync($"/api/exports/summary?directiveId={ids.Directive}&fromPeriodId={ids.Q1}&toPeriodId={ids.Q4}&orgUnitId={ids.Hanoi}&format=xlsx");
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet2.xml")!.Open()).ReadToEnd();
        var periods = (await reviewer.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={ids.Directive}"))!
            .Where(p => p.GetProperty("code").GetString()!.StartsWith("2024-Q")).Select(p => p.GetProperty("id").GetString()).ToList();
        var dashboards = new List<List<JsonElement>>();
        foreach (var p in periods)
            dashboards.Add((await reviewer.GetFromJsonAsync<List<JsonElement>>($"/api/dashboard/indicators?directiveId={ids.Directive}&periodId={p}&orgUnitId={ids.Hanoi}"))!);

        decimal? Dash(int quarter, string code, string field) =>
            dashboards[quarter].Single(i => i.GetProperty("code").GetString() == code).GetProperty(field) is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : null;
        var conferences = Enumerable.Range(0, 4).Sum(q => Dash(q, "CT28-03", "value") ?? 0); // a flow: the year adds up
        var births = Dash(3, "CT28-08", "denominator"); // a rate: the last quarter's, never Σ of four denominators

        sheet.ShouldContain($"<v>{conferences.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v>");
        sheet.ShouldContain($"<v>{births!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v>");
    }

    [Fact]
    public async Task A_reviewer_cannot_export_another_province_and_a_background_job_delivers_the_file()
    {
        await Portal.Factory.SeedHistoryAsync(); // first: it replaces the database, sessions too
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var ids = await SetupAsync(analyst);
        using var reviewer = await Portal.SignedInAsync("hanoi@childcare.local");
        (await reviewer.GetAsync($"/api/exports/summary?directiveId={ids.Directive}&fromPeriodId={ids.Q1}&toPeriodId={ids.Q4}&orgUnitId={ids.Hcm}&format=docx"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var started = await reviewer.PostAsJsonAsync("/api/exports/jobs", new
        {
            directiveId = ids.Directive,
            fromPeriodId = ids.Q1,
            toPeriodId = ids.Q4,
            orgUnitId = ids.Hanoi,
            format = "pdf",
        });
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        JsonElement job = default;
        for (var i = 0; i < 100; i++)
        {
            job = await reviewer.GetFromJsonAsync<JsonElement>($"/api/exports/jobs/{id}");
            if (job.GetProperty("state").GetString() != "Running") break;
            await Task.Delay(100);
        }
        job.GetProperty("state").GetString().ShouldBe("Done");
        job.GetProperty("progress").GetInt32().ShouldBe(100);
        var file = await reviewer.GetByteArrayAsync($"/api/exports/jobs/{id}/file");
        Encoding.ASCII.GetString(file, 0, 5).ShouldBe("%PDF-");
        (await analyst.GetAsync($"/api/exports/jobs/{id}/file")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // another user's job

        var denied = await reviewer.PostAsJsonAsync("/api/exports/jobs", new
        {
            directiveId = ids.Directive,
            fromPeriodId = ids.Q1,
            toPeriodId = ids.Q4,
            orgUnitId = ids.Hcm,
            format = "pdf",
        });
        // Outside one's scope the job is refused at once, before anything runs.
        denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await denied.Content.ReadAsStringAsync()).ShouldContain("đơn vị mình");
    }
}

public sealed class ReportDocumentTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task A_district_downloads_its_own_report_in_the_party_format_and_another_district_cannot()
    {
        await Portal.Factory.SeedHistoryAsync();
        using var reporter = await Portal.SignedInAsync("haibatrung@childcare.local");
        var report = (await reporter.GetFromJsonAsync<List<JsonElement>>("/api/reports?status=Accepted"))![0];
        var id = report.GetProperty("id").GetString();

        var docx = await reporter.GetAsync($"/api/reports/{id}/document?format=docx");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        docx.Content.Headers.ContentDisposition!.FileNameStar!.ShouldEndWith("Quận ủy Hai Bà Trưng.docx");
        using var zip = new ZipArchive(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()));
        var xml = new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEnd();
        foreach (var want in new[] { "ĐẢNG CỘNG SẢN VIỆT NAM", "QUẬN ỦY HAI BÀ TRƯNG", "Số: …-BC/QU", "Kết quả thực hiện Chỉ thị số 28-CT/TW", "II. CÁC CHỈ TIÊU", "Nơi nhận:" })
            xml.ShouldContain(want);

        var pdf = await reporter.GetByteArrayAsync($"/api/reports/{id}/document?format=pdf");
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        using var other = await Portal.SignedInAsync("badinh@childcare.local");
        (await other.GetAsync($"/api/reports/{id}/document?format=docx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
