using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChildCare.Core.Seed;
using ChildCare.Tests.Shared;
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
        foreach (var want in new[] { "ĐẢNG CỘNG SẢN VIỆT NAM", "QUẬN ỦY HAI BÀ TRƯNG", "Số …-BC/QU", "Kết quả thực hiện Chỉ thị số 28-CT/TW", "II. CÁC CHỈ TIÊU", "Nơi nhận:" })
            xml.ShouldContain(want);
        xml.ShouldNotContain("Số:", Case.Sensitive, "party documents write \"Số\" without a colon");

        var pdf = await reporter.GetByteArrayAsync($"/api/reports/{id}/document?format=pdf");
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        using var other = await Portal.SignedInAsync("badinh@childcare.local");
        (await other.GetAsync($"/api/reports/{id}/document?format=docx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

/// <summary>Issue 21, item 3: the summary read as a Văn phòng would read it before sending it.</summary>
public sealed class SummaryWordingTests(PortalFixture portal) : PortalTest(portal)
{
    private static string Text(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx));
        var xml = System.Xml.Linq.XDocument.Load(zip.GetEntry("word/document.xml")!.Open());
        System.Xml.Linq.XNamespace w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        return string.Join("\n", xml.Descendants(w + "p").Select(p => string.Concat(p.Descendants(w + "t").Select(t => t.Value))));
    }

    [Fact]
    public async Task The_last_quarters_summaries_write_So_without_a_colon_name_the_commission_as_today_and_quote_units_by_their_own_names()
    {
        await Portal.Factory.SeedHistoryAsync();
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var d = (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single(x => x.GetProperty("code").GetString() == "28-CT/TW").GetProperty("id").GetString();
        var today = TestClock.TodayInVietnam.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var quarter = (await analyst.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={d}"))!
            .Where(p => p.GetProperty("code").GetString()!.Contains("-Q", StringComparison.Ordinal) && string.CompareOrdinal(p.GetProperty("endsOn").GetString(), today) < 0)
            .OrderBy(p => p.GetProperty("endsOn").GetString()).Last();
        var units = (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/org-units"))!;
        string U(string code) => units.Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetString()!;
        string Query(string unit) => $"/api/exports/summary?directiveId={d}&fromPeriodId={quarter.GetProperty("id")}&toPeriodId={quarter.GetProperty("id")}&orgUnitId={unit}&format=docx";

        var nationDocx = await analyst.GetByteArrayAsync(Query(U("TW")));
        using (var zip = new ZipArchive(new MemoryStream(nationDocx)))
            zip.Entries.ShouldContain(e => e.FullName.StartsWith("word/media/", StringComparison.Ordinal) && e.FullName.EndsWith(".png", StringComparison.Ordinal),
                "the map of the 34 provinces, as a picture");
        var nation = Text(nationDocx);
        nation.ShouldContain("Hình 1: Tình hình nộp báo cáo");
        nation.ShouldContain("Số …-BC/BTGDVTW");
        nation.ShouldNotContain("Số:", Case.Sensitive, "party documents write \"Số\" without a colon (\"Số 28-CT/TW\")");
        nation.ShouldContain("BAN TUYÊN GIÁO VÀ DÂN VẬN TRUNG ƯƠNG");
        nation.ShouldContain("Ban Tuyên giáo và Dân vận Trung ương báo cáo");
        // A target's source cites the 2024 guidance under the name its issuer had then; the compiling body is named as today.
        System.Text.RegularExpressions.Regex.Replace(nation, @"theo Ban Tuyên giáo Trung ương, hướng dẫn \d{2}/\d{2}/\d{4}", "")
            .ShouldNotContain("Ban Tuyên giáo Trung ương", Case.Sensitive, "every mention of the compiling body takes its name on the export date");
        nation.ShouldNotContain("Ban Thường vụ Quận ủy", Case.Sensitive, "the quarter's provinces and communes are not district committees");
        nation.ShouldNotContain("Ban Thường vụ Huyện ủy", Case.Sensitive);
        System.Text.RegularExpressions.Regex.Matches(nation, @"\d{4,} đảng viên").ShouldBeEmpty("thousands are grouped: 133.704 đảng viên");

        var hanoi = Text(await analyst.GetByteArrayAsync(Query(U("P01"))));
        hanoi.ShouldContain("- Ban Tuyên giáo và Dân vận Trung ương (để báo cáo),");
        System.Text.RegularExpressions.Regex.Replace(hanoi, @"theo Ban Tuyên giáo Trung ương, hướng dẫn \d{2}/\d{2}/\d{4}", "")
            .ShouldNotContain("Ban Tuyên giáo Trung ương", Case.Sensitive);
        hanoi.ShouldNotContain("Số:", Case.Sensitive);
    }
}
