using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ChildCare.IntegrationTests.Api;

/// <summary>A report filled offline in Excel: downloaded as a form, edited, uploaded back as a save.</summary>
public sealed class ReportWorkbookTests(PortalFixture portal) : PortalTest(portal)
{
    private static async Task<(JsonElement Count, JsonElement Rate)> SaveFiguresAsync(ReportScenario s, decimal value)
    {
        var indicators = s.Directive.GetProperty("indicators").EnumerateArray().ToList();
        var count = indicators.First(i => i.GetProperty("aggregation").GetString() == "Sum");
        var rate = indicators.First(i => i.GetProperty("aggregation").GetString() == "Rate");
        var body = ReportScenario.Body(s.Directive, await s.VersionAsync());
        body["indicatorValues"]![1]!["value"] = value;
        body["indicatorValues"]![1]!["indicatorId"] = count.GetProperty("id").GetString();
        (await s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}", body)).EnsureSuccessStatusCode();
        return (count, rate);
    }

    /// <summary>The workbook with every worksheet's XML passed through <paramref name="edit"/>, as a user's save would change it.</summary>
    private static byte[] Edit(byte[] workbook, Func<string, string> edit)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                if (entry.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)) text = edit(text);
                using var writer = new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        return output.ToArray();
    }

    private static MultipartFormDataContent Upload(byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { file, "file", "bao-cao.xlsx" } };
    }

    [Fact]
    public async Task A_figure_changed_in_the_workbook_comes_back_as_a_normal_save_with_a_new_version_and_an_audit_line()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var (count, _) = await SaveFiguresAsync(s, 4217);
        var download = await s.Reporter.GetAsync($"/api/reports/{s.ReportId}/workbook");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldEndWith(".xlsx");
        var workbook = await download.Content.ReadAsByteArrayAsync();
        string sheet;
        using (var zip = new ZipArchive(new MemoryStream(workbook)))
        using (var reader = new StreamReader(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Open()))
            sheet = await reader.ReadToEndAsync();
        sheet.ShouldContain(">4217<");
        sheet.ShouldContain("sheetProtection");
        sheet.ShouldContain("dataValidation");
        var version = await s.VersionAsync();

        var upload = await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/workbook", Upload(Edit(workbook, x => x.Replace(">4217<", ">4300<"))));
        upload.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}");
        report.GetProperty("indicatorValues").EnumerateArray().Single(v => v.GetProperty("indicatorId").GetString() == count.GetProperty("id").GetString())
            .GetProperty("value").GetDecimal().ShouldBe(4300m);
        report.GetProperty("version").GetUInt32().ShouldBeGreaterThan(version);
        report.GetProperty("taskAreas")[0].GetProperty("results").GetString().ShouldBe("Đã triển khai nhiệm vụ 1 tại 18 phường.");
        var audit = await s.Reporter.GetStringAsync($"/api/reports/{s.ReportId}/audit");
        audit.ShouldContain("4300");

        // The same workbook again is older than the report now: refused like any stale save.
        (await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/workbook", Upload(workbook))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_workbook_of_another_report_or_with_a_bad_cell_is_refused_naming_the_cell_and_nothing_changes()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        await SaveFiguresAsync(s, 4217);
        var workbook = await s.Reporter.GetByteArrayAsync($"/api/reports/{s.ReportId}/workbook");
        var version = await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}");

        // A number typed as text ("bốn nghìn") in the count cell: the cell is named in Vietnamese.
        var bad = Edit(workbook, x => System.Text.RegularExpressions.Regex.Replace(x, "<x:c r=\"(D\\d+)\" s=\"3\"><x:v>4217</x:v></x:c>",
            "<x:c r=\"$1\" s=\"3\" t=\"inlineStr\"><x:is><x:t>bốn nghìn</x:t></x:is></x:c>"));
        var refused = await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/workbook", Upload(bad));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadAsStringAsync();
        problem.ShouldMatch("Ô D\\d+: “bốn nghìn” không phải là số\\.");

        // Another report's workbook (the ward's report of the last quarter).
        var other = Edit(workbook, x => x.Replace(s.ReportId.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal));
        var foreign = await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/workbook", Upload(other));
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await foreign.Content.ReadAsStringAsync()).ShouldContain("của một báo cáo khác");

        // Not a workbook at all.
        var junk = await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/workbook", Upload(Encoding.UTF8.GetBytes("không phải Excel")));
        junk.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}")).GetProperty("version").GetUInt32()
            .ShouldBe(version.GetProperty("version").GetUInt32());
    }

    [Fact]
    public async Task A_status_cell_is_read_by_its_code_or_by_its_words_in_either_language_and_an_unknown_code_is_named()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        await SaveFiguresAsync(s, 4217);
        var workbook = await s.Reporter.GetByteArrayAsync($"/api/reports/{s.ReportId}/workbook");
        var statusCells = new System.Text.RegularExpressions.Regex("(<x:c r=\"C(\\d+)\"[^>]*><x:is><x:t[^>]*>)(\\d · [^<]*)(</x:t>)");
        string sheet;
        using (var zip = new ZipArchive(new MemoryStream(workbook)))
        using (var reader = new StreamReader(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Open()))
            sheet = await reader.ReadToEndAsync();
        var first = statusCells.Match(sheet);
        first.Success.ShouldBeTrue("the status column shows a code and the words: “2 · Đúng tiến độ”");
        first.Groups[3].Value.ShouldMatch("^[1-5] · \\p{L}");
        string Put(string sheet, string text) => statusCells.Replace(sheet, m => m.Groups[1].Value + text + m.Groups[4].Value, 1);

        async Task<string> UploadAsync(string text)
        {
            var response = await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/workbook", Upload(Edit(workbook, x => Put(x, text))));
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var report = JsonDocument.Parse(body).RootElement;
                workbook = await s.Reporter.GetByteArrayAsync($"/api/reports/{s.ReportId}/workbook"); // the next upload is of the saved version
                return report.GetProperty("taskAreas")[0].GetProperty("status").GetString()!;
            }
            return body;
        }

        (await UploadAsync("3")).ShouldBe("AtRisk"); // the code alone
        (await UploadAsync("2 · words someone changed")).ShouldBe("OnTrack"); // the code decides, not the words after it
        (await UploadAsync("Delayed")).ShouldBe("Delayed"); // typed by hand in English
        (await UploadAsync("có nguy cơ chậm")).ShouldBe("AtRisk"); // typed by hand in Vietnamese, any case
        (await UploadAsync("5%")).ShouldMatch("Ô C\\d+: “5%” không phải một tình trạng"); // a figure in the wrong column is not "5 · Hoàn thành"
        (await UploadAsync("9")).ShouldMatch("Ô C\\d+: “9” không phải một tình trạng \\(1 · Chưa triển khai, 2 · Đúng tiến độ");
    }
}
