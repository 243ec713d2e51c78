using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ChildCare.Core.Data;
using ChildCare.Core.Features.Signing;
using ChildCare.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Api;

/// <summary>
/// A portal that trusts a test CA made for it (Signing__TrustAnchors__0), with two seal keys from that CA: the centre's
/// in a PKCS#12 file, Hoàn Kiếm ward's on a PKCS#11 token (SoftHSM).
/// </summary>
public sealed class SigningPortal : IAsyncLifetime
{
    public const string TokenPin = "135790";

    public X509Certificate2 Root { get; } = TestCertificates.Root();

    public PortalFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"childcare-ca-{Guid.NewGuid():N}")).FullName;
        var anchor = Path.Combine(folder, "ca.pem");
        await File.WriteAllTextAsync(anchor, Root.ExportCertificatePem());
        var centre = Path.Combine(folder, "seal-TW.p12");
        await File.WriteAllBytesAsync(centre, TestCertificates.Person(Root, "tuyengiao@childcare.local", "Ban Tuyên giáo và Dân vận Trung ương").Export(X509ContentType.Pkcs12, "seal"));
        var token = await TestCertificates.SoftHsmTokenAsync(TestCertificates.Person(Root, "phuonghoankiem@childcare.local", "Đảng ủy phường Hoàn Kiếm"), TokenPin);
        Factory = new PortalFactory
        {
            Settings = new()
            {
                ["Signing:TrustAnchors:0"] = anchor,
                ["Signing:Keys:TW:Path"] = centre,
                ["Signing:Keys:TW:Password"] = "seal",
                ["Signing:Keys:P01-00070:Pkcs11Module"] = TestCertificates.SoftHsmModule,
                ["Signing:Keys:P01-00070:Slot"] = token,
                ["Signing:Keys:P01-00070:Pin"] = TokenPin,
            },
        };
        await Factory.InitializeAsync("childcare_signing");
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Issue 19: the office sends its report for signature, the leader returns it once, then signs it outside the portal and
/// uploads it; a bad file changes nothing; the level above sees who signed and downloads the file as received; accepting
/// an unsigned report of a unit with a leader is refused; the summary PDF is signed by the portal.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SigningTests(SigningPortal portal) : IClassFixture<SigningPortal>, IAsyncLifetime
{
    private const string Office = "phuonghoankiem@childcare.local", Leader = "bithu.phuonghoankiem@childcare.local";

    public Task InitializeAsync() => portal.Factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = portal.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "ChildCare@2024" });
        login.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    private X509Certificate2 LeaderCertificate(string email = Leader, string name = "Bí thư Đảng ủy phường Hoàn Kiếm") =>
        TestCertificates.Person(portal.Root, email, name);

    private byte[] Sign(byte[] pdf, X509Certificate2 certificate) => TestCertificates.SignLikeATool(pdf, certificate, portal.Root);

    private static MultipartFormDataContent File(byte[] pdf)
    {
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "file", "bao-cao-da-ky.pdf" } };
    }

    private static async Task<Guid> FiledReportAsync(HttpClient office)
    {
        var directives = await office.GetFromJsonAsync<List<JsonElement>>("/api/directives");
        var d = directives!.Single(x => x.GetProperty("code").GetString() == "28-CT/TW");
        var periods = await office.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={d.GetProperty("id")}");
        var today = TestClock.TodayInVietnam.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var current = periods!.First(p => string.CompareOrdinal(p.GetProperty("startsOn").GetString(), today) <= 0 && string.CompareOrdinal(p.GetProperty("endsOn").GetString(), today) >= 0
            && p.GetProperty("code").GetString()!.Contains("-Q", StringComparison.Ordinal));
        var me = await office.GetFromJsonAsync<JsonElement>("/api/me");
        var created = await office.PostAsJsonAsync("/api/reports", new { directiveId = d.GetProperty("id"), periodId = current.GetProperty("id"), orgUnitId = me.GetProperty("orgUnitId") });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var report = await office.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        var areas = d.GetProperty("taskAreas").EnumerateArray().Select(a => new
        {
            taskAreaId = a.GetProperty("id").GetGuid(),
            status = "OnTrack",
            percentComplete = 50,
            results = "Đã triển khai.",
            difficulties = "",
            proposals = "",
        }).ToList();
        (await office.PutAsJsonAsync($"/api/reports/{id}", new { version = report.GetProperty("version").GetUInt32(), taskAreas = areas, indicatorValues = Array.Empty<object>() }))
            .EnsureSuccessStatusCode();
        return id;
    }

    private static async Task<string> StatusAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/reports/{id}")).GetProperty("status").GetString()!;

    [Fact]
    public async Task The_office_sends_for_signature_the_leader_returns_then_signs_and_the_city_sees_who_signed()
    {
        using var office = await SignedInAsync(Office);
        using var leader = await SignedInAsync(Leader);
        using var city = await SignedInAsync("hanoi@childcare.local");
        var id = await FiledReportAsync(office);

        (await office.PostAsync($"/api/reports/{id}/submit", null)).EnsureSuccessStatusCode();
        (await StatusAsync(office, id)).ShouldBe("AwaitingSignature", "a unit with a leader sends its report to be signed");
        (await leader.GetFromJsonAsync<List<JsonElement>>("/api/notifications"))!
            .ShouldContain(n => n.GetProperty("title").GetString()!.Contains("chờ bạn ký số") && n.GetProperty("link").GetString() == $"reports/{id}");
        (await city.PostAsJsonAsync($"/api/reports/{id}/accept", new { })).IsSuccessStatusCode.ShouldBeFalse();
        (await office.PostAsJsonAsync($"/api/reports/{id}/return", new { comment = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "only the leader returns it to the office");

        // Once back to the office with a comment; sent again.
        (await leader.PostAsJsonAsync($"/api/reports/{id}/return", new { comment = "Bổ sung số liệu nhiệm vụ 3." })).EnsureSuccessStatusCode();
        (await StatusAsync(office, id)).ShouldBe("Draft");
        (await office.PostAsync($"/api/reports/{id}/submit", null)).EnsureSuccessStatusCode();

        // The leader signs the PDF elsewhere; a file signed for an older version, or altered, is refused and changes nothing.
        var pdf = await leader.GetByteArrayAsync($"/api/reports/{id}/document?format=pdf");
        var text = await TestCertificates.PdfTextAsync(pdf);
        text.ShouldContain("T/M BAN THƯỜNG VỤ");
        text.ShouldContain("Bí thư Đảng ủy phường Hoàn Kiếm", Case.Sensitive, "the signature block names the leader who signs");
        (await TestCertificates.PdfTextAsync(await office.GetByteArrayAsync($"/api/reports/{id}/document?format=pdf")))
            .ShouldContain("Bí thư Đảng ủy phường Hoàn Kiếm", Case.Sensitive, "the office's copy names the unit's leader too");
        var certificate = LeaderCertificate();
        var signed = Sign(pdf, certificate);
        var altered = (byte[])signed.Clone();
        altered[300] ^= 0x01;
        var refused = await leader.PostAsync($"/api/reports/{id}/signature", File(altered));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("đã bị thay đổi sau khi ký");
        var stranger = await leader.PostAsync($"/api/reports/{id}/signature", File(Sign(pdf, LeaderCertificate("van.thu@childcare.local", "Văn thư phường Hoàn Kiếm"))));
        (await stranger.Content.ReadAsStringAsync()).ShouldContain("không phải lãnh đạo của đơn vị");
        (await StatusAsync(office, id)).ShouldBe("AwaitingSignature");
        (await office.PostAsync($"/api/reports/{id}/signature", File(signed))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the office cannot sign");

        var accepted = await leader.PostAsync($"/api/reports/{id}/signature", File(signed));
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        (await StatusAsync(city, id)).ShouldBe("Submitted");
        var signature = await city.GetFromJsonAsync<JsonElement>($"/api/reports/{id}/signature");
        signature.GetProperty("signed").GetBoolean().ShouldBeTrue();
        signature.GetProperty("valid").GetBoolean().ShouldBeTrue();
        signature.GetProperty("signerName").GetString().ShouldBe("Bí thư Đảng ủy phường Hoàn Kiếm");
        signature.GetProperty("issuer").GetString().ShouldBe("CA thử nghiệm ChildCare");
        signature.GetProperty("checks").EnumerateArray().ShouldAllBe(c => c.GetProperty("ok").GetBoolean());
        (await city.GetByteArrayAsync($"/api/reports/{id}/signed-document")).ShouldBe(signed, "kept byte for byte");
        var pdfsig = await TestCertificates.PdfsigAsync(signed, portal.Root);
        pdfsig.ShouldContain("Signature is Valid");
        pdfsig.ShouldContain("Certificate is Trusted");
        (await city.PostAsJsonAsync($"/api/reports/{id}/accept", new { })).EnsureSuccessStatusCode();

        // The history says who did what; the audit keeps the file's hash, not its bytes.
        var history = (await city.GetFromJsonAsync<JsonElement>($"/api/reports/{id}")).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()).ToList();
        history.ShouldBe(["Created", "SentForSignature", "ReturnedByLeader", "SentForSignature", "Submitted", "Accepted"]);
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        (await db.ReportSignatures.CountAsync(s => s.ReportId == id)).ShouldBe(1, "refused files are not kept");
    }

    [Fact]
    public async Task The_leader_can_have_the_portal_sign_with_the_units_key_on_a_token_and_pdfsig_trusts_it()
    {
        using var office = await SignedInAsync(Office);
        using var leader = await SignedInAsync(Leader);
        var id = await FiledReportAsync(office);
        (await office.PostAsync($"/api/reports/{id}/submit", null)).EnsureSuccessStatusCode();
        (await office.PostAsync($"/api/reports/{id}/sign", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await leader.GetFromJsonAsync<JsonElement>($"/api/reports/{id}/signature")).GetProperty("sealConfigured").GetBoolean()
            .ShouldBeTrue("the ward chose the portal's seal: its key is configured");
        var signed = await leader.PostAsync($"/api/reports/{id}/sign", null);
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        (await StatusAsync(office, id)).ShouldBe("Submitted");
        var signature = await office.GetFromJsonAsync<JsonElement>($"/api/reports/{id}/signature");
        (signature.GetProperty("signed").GetBoolean(), signature.GetProperty("method").GetString()).ShouldBe((true, "Seal"));
        signature.GetProperty("signerName").GetString().ShouldBe("Đảng ủy phường Hoàn Kiếm", "the key on the ward's token signed");
        signature.GetProperty("issuer").GetString().ShouldBe(TestCertificates.RootName);
        var pdf = await office.GetByteArrayAsync($"/api/reports/{id}/signed-document");
        var text = await TestCertificates.PdfTextAsync(pdf);
        text.ShouldContain("(Đã ký số: Đảng ủy phường Hoàn Kiếm)", Case.Sensitive, "the seal's mark where a hand would sign");
        text.ShouldContain("Bí thư Đảng ủy phường Hoàn Kiếm", Case.Sensitive, "and the leader who had the portal sign, under it");
        var pdfsig = await TestCertificates.PdfsigAsync(pdf, portal.Root);
        pdfsig.ShouldContain("Signature is Valid");
        pdfsig.ShouldContain("Certificate is Trusted");
    }

    [Fact]
    public async Task A_unit_without_a_leader_submits_unsigned_and_the_signature_says_so()
    {
        using var office = await SignedInAsync(Office);
        await using (var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            await db.Users.Where(u => u.Email == Leader).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
        var id = await FiledReportAsync(office);
        (await office.PostAsync($"/api/reports/{id}/submit", null)).EnsureSuccessStatusCode();
        (await StatusAsync(office, id)).ShouldBe("Submitted");
        var signature = await office.GetFromJsonAsync<JsonElement>($"/api/reports/{id}/signature");
        (signature.GetProperty("signed").GetBoolean(), signature.GetProperty("leaderRequired").GetBoolean()).ShouldBe((false, false));
    }

    [Fact]
    public async Task A_document_that_requires_signatures_refuses_unsigned_acceptance_and_submission_and_the_city_sees_unsigned()
    {
        using var office = await SignedInAsync(Office);
        using var city = await SignedInAsync("hanoi@childcare.local");
        using var analyst = await SignedInAsync("tuyengiao@childcare.local");
        await using (var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            await db.Users.Where(u => u.Email == Leader).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));

        // A ward without a leader account (the transition) submits unsigned; the city's dashboard says so.
        var id = await FiledReportAsync(office);
        (await office.PostAsync($"/api/reports/{id}/submit", null)).EnsureSuccessStatusCode();
        var report = await office.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        var me = await city.GetFromJsonAsync<JsonElement>("/api/me");
        var compliance = await city.GetFromJsonAsync<JsonElement>(
            $"/api/dashboard/compliance?directiveId={report.GetProperty("directiveId")}&periodId={report.GetProperty("periodId")}&orgUnitId={me.GetProperty("orgUnitId")}");
        var ward = compliance.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "P01-00070");
        ward.GetProperty("signed").GetBoolean().ShouldBeFalse("sent up without its leader's signature");
        compliance.GetProperty("unsigned").GetInt32().ShouldBeGreaterThanOrEqualTo(1);

        // The centre requires signed reports from this period on: the unsigned report cannot be accepted…
        var directiveId = report.GetProperty("directiveId").GetGuid();
        var directive = await analyst.GetFromJsonAsync<JsonElement>($"/api/directives/{directiveId}");
        var period = (await office.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={directiveId}"))!
            .Single(p => p.GetProperty("id").GetGuid() == report.GetProperty("periodId").GetGuid());
        var from = period.GetProperty("startsOn").GetString();
        (await analyst.PutAsJsonAsync($"/api/directives/{directiveId}", new
        {
            version = directive.GetProperty("version").GetUInt32(),
            title = directive.GetProperty("title").GetString(),
            cadence = directive.GetProperty("cadence").GetString(),
            dataWindow = directive.GetProperty("dataWindow").GetString(),
            requiresSignatureFrom = from,
        })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await analyst.GetFromJsonAsync<JsonElement>($"/api/directives/{directiveId}")).GetProperty("requiresSignatureFrom").GetString().ShouldBe(from);
        var accept = await city.PostAsJsonAsync($"/api/reports/{id}/accept", new { });
        accept.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await accept.Content.ReadAsStringAsync()).ShouldContain("chưa có chữ ký số của lãnh đạo đơn vị");

        // …and once returned, the office cannot send it unsigned: the reason names the document, the date and the missing account.
        (await city.PostAsJsonAsync($"/api/reports/{id}/return", new { comment = "Cần chữ ký số của lãnh đạo." })).EnsureSuccessStatusCode();
        var submit = await office.PostAsync($"/api/reports/{id}/submit", null);
        submit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var reason = await submit.Content.ReadAsStringAsync();
        reason.ShouldContain("28-CT/TW");
        reason.ShouldContain("chưa có tài khoản “Lãnh đạo đơn vị”");
        (await StatusAsync(office, id)).ShouldBe("Returned", "nothing changed");

        // With its leader back, the same submission goes to the leader to sign.
        await using (var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            await db.Users.Where(u => u.Email == Leader).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, false));
        (await office.PostAsync($"/api/reports/{id}/submit", null)).EnsureSuccessStatusCode();
        (await StatusAsync(office, id)).ShouldBe("AwaitingSignature");
    }

    [Fact]
    public async Task The_centres_summary_pdf_is_signed_by_the_portal_and_word_stays_unsigned()
    {
        using var analyst = await SignedInAsync("tuyengiao@childcare.local");
        var d = (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/directives"))!.Single(x => x.GetProperty("code").GetString() == "28-CT/TW");
        var period = (await analyst.GetFromJsonAsync<List<JsonElement>>($"/api/periods?directiveId={d.GetProperty("id")}"))!.First();
        var centre = (await analyst.GetFromJsonAsync<List<JsonElement>>("/api/org-units?search=TW&take=200"))!.Single(u => u.GetProperty("code").GetString() == "TW");
        var query = $"/api/exports/summary?directiveId={d.GetProperty("id")}&fromPeriodId={period.GetProperty("id")}&toPeriodId={period.GetProperty("id")}&orgUnitId={centre.GetProperty("id")}";
        var pdf = await analyst.GetByteArrayAsync(query + "&format=pdf&signed=true");
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        text.ShouldContain("/adbe.pkcs7.detached");
        // An outside tool agrees: poppler's pdfsig (./test.sh installs poppler-utils).
        var report = await TestCertificates.PdfsigAsync(pdf, portal.Root);
        report.ShouldContain("Signature is Valid");
        report.ShouldContain("Certificate is Trusted");
        report.ShouldContain("Ban Tuyên giáo và Dân vận Trung ương");
        report.ShouldContain("adbe.pkcs7.detached");
        (await analyst.GetAsync(query + "&format=docx&signed=true")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
