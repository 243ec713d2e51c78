using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ChildCare.Core.Features.Exports;
using ChildCare.Core.Features.Signing;
using ChildCare.Tests.Shared;
using PdfSharp.Pdf.Signatures;

namespace ChildCare.UnitTests.Signing;

/// <summary>
/// Issue 19, item 4: each rule a signed report PDF is checked against, on files made here — a test CA and leader
/// certificates from .NET's CertificateRequest, the report's PDF from the portal's writer, signed by PDFsharp's handler.
/// </summary>
public class PdfSignatureVerifierTests
{
    private const string LeaderEmail = "bithu.phuonghoankiem@childcare.local";
    private static readonly Guid ReportId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly SignerIdentity Leader = new(LeaderEmail, "Bí thư phường Hoàn Kiếm");

    private static X509Certificate2 Ca(string name) => TestCertificates.Root(name, Now);

    private static X509Certificate2 Person(X509Certificate2 ca, string email = LeaderEmail, X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, string name = "Bí thư phường Hoàn Kiếm") =>
        TestCertificates.Person(ca, email, name, usage, notBefore ?? Now.AddYears(-1), notAfter ?? Now.AddYears(1));

    private static PartyDocument Document() => new("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY PHƯỜNG HOÀN KIẾM", "Số …-BC/ĐU", "Hoàn Kiếm, ngày 5 tháng 1 năm 2027",
        "BÁO CÁO", "Kết quả thực hiện Chỉ thị số 28-CT/TW Quý IV/2026", [new DocParagraph("Đảng ủy phường Hoàn Kiếm báo cáo như sau.")], ["- Lưu."],
        ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], []);

    private static byte[] Pdf(uint version = 3, string hash = "abc123") =>
        Write(new DocumentStamp(ReportId, version, hash), null);

    private static byte[] Signed(X509Certificate2 signer, X509Certificate2 ca, uint version = 3, string hash = "abc123") =>
        Write(new DocumentStamp(ReportId, version, hash), doc =>
            DigitalSignatureHandler.ForDocument(doc, new PdfCmsSigner(SealKey.From(signer, [ca]), TimeProvider.System),
                new DigitalSignatureOptions { Reason = "Ký báo cáo", Location = "Hà Nội", AppName = "ChildCare" }));

    private static byte[] Write(DocumentStamp stamp, Action<PdfSharp.Pdf.PdfDocument>? sign)
    {
        using var output = new MemoryStream();
        PdfPartyWriter.Write(Document(), output, stamp, sign);
        return output.ToArray();
    }

    private static SignatureExpectation Expect(uint version = 3, string hash = "abc123", Guid? report = null, params SignerIdentity[] leaders) =>
        new(report ?? ReportId, version, hash, leaders.Length == 0 ? [Leader] : leaders, Now);

    private static readonly X509Certificate2 Root = Ca("CA tin cậy");
    private static readonly X509Certificate2 Stranger = Ca("CA lạ");

    private static SignatureVerdict Verify(byte[] pdf, SignatureExpectation? expected = null) =>
        PdfSignatureVerifier.Verify(pdf, [Root], expected ?? Expect());

    [Fact]
    public void A_report_signed_by_its_leader_with_a_trusted_certificate_passes_every_check()
    {
        var verdict = Verify(Signed(Person(Root), Root));
        verdict.Refusal.ShouldBeNull();
        verdict.Valid.ShouldBeTrue();
        verdict.SignerEmail.ShouldBe(LeaderEmail);
        verdict.SignerName.ShouldBe("Bí thư phường Hoàn Kiếm");
        verdict.SubFilter.ShouldBe("adbe.pkcs7.detached");
        verdict.SignedAt.ShouldNotBeNull();
        verdict.Checks.Select(c => c.Name).ShouldBe(["Tệp PDF", "Một chữ ký", "Phạm vi ký", "Kiểu chữ ký", "Toàn vẹn", "Thời hạn", "Chứng thư tin cậy", "Mục đích", "Đúng báo cáo", "Người ký", "Thu hồi"]);
    }

    [Fact]
    public void The_unsigned_pdf_carries_the_reports_id_version_and_hash_and_is_refused_as_unsigned()
    {
        var pdf = Pdf();
        var info = PdfSignatureVerifier.InfoValues(Encoding.Latin1.GetString(pdf));
        info[PdfSignatureVerifier.ReportIdKey].ShouldBe(ReportId.ToString());
        info[PdfSignatureVerifier.VersionKey].ShouldBe("3");
        info[PdfSignatureVerifier.ContentKey].ShouldBe("abc123");
        Verify(pdf).Refusal!.ShouldContain("chưa có chữ ký số");
    }

    [Fact]
    public void One_byte_changed_anywhere_in_the_signed_part_or_the_signatures_room_is_refused_as_altered()
    {
        var pdf = Signed(Person(Root), Root);
        var range = System.Text.RegularExpressions.Regex.Match(Encoding.Latin1.GetString(pdf), @"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)");
        var (gapStart, gapEnd) = (int.Parse(range.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(range.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var at in new[] { 200, gapStart / 2, gapEnd + (pdf.Length - gapEnd) / 2, gapEnd - 10 })
        {
            var copy = (byte[])pdf.Clone();
            copy[at] = copy[at] == (byte)'0' ? (byte)'1' : (byte)(copy[at] ^ 0x01);
            Verify(copy).Refusal.ShouldNotBeNull($"a byte changed at {at} of {pdf.Length} (signature room {gapStart}–{gapEnd})");
        }
        var last = (byte[])pdf.Clone();
        last[200] ^= 0x01;
        Verify(last).Refusal!.ShouldContain("đã bị thay đổi sau khi ký");
    }

    [Fact]
    public void A_certificate_from_another_CA_is_refused_as_untrusted() =>
        Verify(Signed(Person(Stranger), Stranger)).Refusal!.ShouldContain("không do tổ chức chứng thực tin cậy cấp");

    [Fact]
    public void An_expired_certificate_is_refused_with_its_dates() =>
        Verify(Signed(Person(Root, notBefore: Now.AddYears(-3), notAfter: Now.AddDays(-1)), Root)).Refusal!.ShouldContain("không có hiệu lực vào lúc ký");

    [Fact]
    public void A_certificate_not_meant_for_signing_is_refused() =>
        Verify(Signed(Person(Root, usage: X509KeyUsageFlags.KeyEncipherment), Root)).Refusal!.ShouldContain("không được cấp cho việc ký");

    [Fact]
    public void Bytes_added_after_the_signature_are_refused_as_not_covered()
    {
        var pdf = Signed(Person(Root), Root).Concat("\n% thêm sau khi ký\n"u8.ToArray()).ToArray();
        Verify(pdf).Refusal!.ShouldContain("không bao trùm toàn bộ tệp");
    }

    [Fact]
    public void A_second_signature_is_refused()
    {
        var pdf = Signed(Person(Root), Root).Concat("\n/ByteRange [0 10 20 30]\n"u8.ToArray()).ToArray();
        Verify(pdf).Refusal!.ShouldContain("Tệp có 2 chữ ký");
    }

    [Fact]
    public void Another_reports_pdf_an_older_version_or_changed_content_is_refused()
    {
        var pdf = Signed(Person(Root), Root);
        Verify(pdf, Expect(report: Guid.CreateVersion7())).Refusal!.ShouldContain("của một báo cáo khác");
        Verify(pdf, Expect(version: 4)).Refusal!.ShouldContain("phiên bản cũ");
        Verify(pdf, Expect(hash: "def456")).Refusal!.ShouldContain("Nội dung báo cáo đã thay đổi");
    }

    [Fact]
    public void A_signer_who_is_not_a_leader_of_the_unit_is_refused_and_a_unit_without_leaders_says_so()
    {
        var pdf = Signed(Person(Root, email: "van.thu@childcare.local", name: "Văn thư phường"), Root);
        Verify(pdf).Refusal!.ShouldContain("không phải lãnh đạo của đơn vị");
        Verify(Signed(Person(Root), Root), new SignatureExpectation(ReportId, 3, "abc123", [], Now)).Refusal!.ShouldContain("chưa có tài khoản lãnh đạo");
    }

    [Fact]
    public void Without_a_configured_trust_anchor_nothing_is_trusted() =>
        PdfSignatureVerifier.Verify(Signed(Person(Root), Root), [], Expect()).Refusal!.ShouldContain("Signing__TrustAnchors__0");

    [Fact]
    public void A_certificate_its_CA_has_revoked_is_refused_and_one_it_has_not_is_recorded_as_checked()
    {
        using var crl = new CrlServer(Root);
        var revoked = TestCertificates.Person(Root, LeaderEmail, "Bí thư phường Hoàn Kiếm", crlUrl: crl.Url);
        var valid = TestCertificates.Person(Root, LeaderEmail, "Bí thư phường Hoàn Kiếm", crlUrl: crl.Url);
        crl.Revoke(revoked);
        var refused = Verify(Signed(revoked, Root));
        refused.Refusal.ShouldNotBeNull(string.Join(" | ", refused.Checks.Select(c => c.Detail)));
        refused.Refusal.ShouldContain("đã bị thu hồi");
        var verdict = Verify(Signed(valid, Root));
        verdict.Refusal.ShouldBeNull();
        verdict.Checks.Single(c => c.Name == "Thu hồi").Detail.ShouldContain("chưa bị thu hồi");
    }

    [Fact]
    public void A_distribution_point_the_portal_cannot_reach_is_recorded_as_not_checked()
    {
        var verdict = Verify(Signed(TestCertificates.Person(Root, LeaderEmail, "Bí thư phường Hoàn Kiếm", crlUrl: "http://127.0.0.1:9/ca.crl"), Root));
        verdict.Refusal.ShouldBeNull();
        verdict.Checks.Single(c => c.Name == "Thu hồi").Detail.ShouldContain("không kết nối được");
    }
}
