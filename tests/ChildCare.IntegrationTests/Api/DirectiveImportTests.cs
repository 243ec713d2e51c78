using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChildCare.Core.Seed;

namespace ChildCare.IntegrationTests.Api;

public sealed class DirectiveImportTests(PortalFixture portal) : PortalTest(portal)
{
    private static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");

    [Fact]
    public async Task Importing_the_seed_text_proposes_its_structure_without_saving_it()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var response = await admin.PostAsync("/api/directives/import", Text(SeedData.DirectiveSourceText()));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var p = await response.Content.ReadFromJsonAsync<JsonElement>();
        p.GetProperty("code").GetString().ShouldBe("28-CT/TW");
        p.GetProperty("kind").GetString().ShouldBe("Directive");
        p.GetProperty("issuedOn").GetString().ShouldBe("2023-12-25");
        p.GetProperty("taskAreas").GetArrayLength().ShouldBe(5);
        p.GetProperty("assignments").GetArrayLength().ShouldBeGreaterThanOrEqualTo(5);
        p.GetProperty("signer").GetString().ShouldBe("Trương Thị Mai");
        var stamps = p.GetProperty("registryStamps").ToString();
        stamps.ShouldContain("3420");
        stamps.ShouldContain("131-BS/VPQU");
        p.GetProperty("warnings").ToString().ShouldContain("02/01/2023");
        (await admin.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_docx_upload_is_read_like_the_text()
    {
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        using var docx = new MemoryStream();
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(docx, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body(
                SeedData.DirectiveSourceText().Replace("\r", "").Split('\n').Select(l => new DocumentFormat.OpenXml.Wordprocessing.Paragraph(
                    new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text(l))))));
        }
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(docx.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        form.Add(file, "file", "chi-thi-28.docx");

        var p = await (await analyst.PostAsync("/api/directives/import", form)).Content.ReadFromJsonAsync<JsonElement>();
        p.GetProperty("code").GetString().ShouldBe("28-CT/TW");
        p.GetProperty("taskAreas").GetArrayLength().ShouldBe(5);
    }

    [Fact]
    public async Task A_reporter_cannot_import_and_a_wrong_file_gets_a_clear_message()
    {
        using var reporter = await Portal.SignedInAsync("haibatrung@childcare.local");
        (await reporter.PostAsync("/api/directives/import", Text("x"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reporter.PostAsJsonAsync("/api/directives", new { code = "1-CT/TW" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "anh.png" } };
        var bad = await admin.PostAsync("/api/directives/import", form);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain(".txt, .docx hoặc .pdf");
    }

    [Fact]
    public async Task A_corrected_proposal_is_saved_with_its_task_areas_assignments_and_periods()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var p = await (await admin.PostAsync("/api/directives/import", Text(SeedData.DirectiveSourceText()))).Content.ReadFromJsonAsync<JsonElement>();
        var request = new
        {
            code = "99-CT/TW",
            kind = "Directive",
            issuingBody = p.GetProperty("issuingBody").GetString(),
            issuedOn = "2023-12-25",
            place = "Hà Nội",
            title = p.GetProperty("title").GetString(),
            preamble = p.GetProperty("preamble").GetString(),
            signerTitle = "T/M BỘ CHÍNH TRỊ",
            signer = "Trương Thị Mai",
            closingNote = (string?)null,
            continues = "20-CT/TW",
            sourceText = "…",
            taskAreas = p.GetProperty("taskAreas").EnumerateArray().Select(a => new
            {
                number = a.GetProperty("number").GetInt32(),
                title = a.GetProperty("title").GetString(),
                text = a.GetProperty("text").GetString(),
            }).ToArray(),
            assignments = p.GetProperty("assignments").EnumerateArray().Select(a => new
            {
                clause = a.GetProperty("clause").GetInt32(),
                text = a.GetProperty("text").GetString(),
                role = a.GetProperty("role").GetString(),
                orgUnitIds = a.GetProperty("orgUnits").EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).ToArray(),
                orgUnitKind = a.GetProperty("orgUnitKind").ValueKind == JsonValueKind.Null ? null : a.GetProperty("orgUnitKind").GetString(),
            }).ToArray(),
        };
        var saved = await admin.PostAsJsonAsync("/api/directives", request);
        saved.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var d = await admin.GetFromJsonAsync<JsonElement>($"/api/directives/{id}");
        d.GetProperty("code").GetString().ShouldBe("99-CT/TW");
        d.GetProperty("taskAreas").GetArrayLength().ShouldBe(5);
        d.GetProperty("assignments").EnumerateArray().ShouldContain(a => a.GetProperty("orgUnitName").GetString() == "Ban Tuyên giáo Trung ương");
        (await admin.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={id}"))![0].GetProperty("code").GetString().ShouldBe("2023-Q4");

        var again = await admin.PostAsJsonAsync("/api/directives", request);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).ShouldContain("Đã có văn bản số 99-CT/TW.");
    }
}
