using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ChildCare.Core.Features.Exports;
using ChildCare.Core.Features.Signing;
using ChildCare.Tests.Shared;

namespace ChildCare.UnitTests.Signing;

/// <summary>
/// Issue 19, item 3b: a seal key on a PKCS#11 token (SoftHSM, installed by ./test.sh): the portal finds the key and its
/// certificate on the token — or the certificate in a file —, the token signs, and the PDF it signs verifies.
/// </summary>
public class Pkcs11SealTests
{
    private const string Pin = "246810";

    [Fact]
    public async Task A_key_and_certificate_on_the_token_sign_a_pdf_that_verifies_against_the_CA()
    {
        var root = TestCertificates.Root();
        var seal = TestCertificates.Person(root, "vanphong@childcare.local", "Đảng ủy phường Hoàn Kiếm");
        var token = await TestCertificates.SoftHsmTokenAsync(seal, Pin);
        var key = Pkcs11Seal.Open(new SigningOptions.SealKeyOptions { Pkcs11Module = TestCertificates.SoftHsmModule, Slot = token, Pin = Pin });
        using var _ = key.PrivateKey;
        key.Certificate.Thumbprint.ShouldBe(seal.Thumbprint, "the certificate with the key's CKA_ID, read from the token");
        key.PrivateKey.ShouldBeOfType<Pkcs11Seal>();
        Should.Throw<CryptographicException>(() => ((RSA)key.PrivateKey).ExportParameters(true));

        var id = Guid.CreateVersion7();
        using var output = new MemoryStream();
        PdfPartyWriter.WriteSigned(new PartyDocument("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY PHƯỜNG HOÀN KIẾM", "Số 12-BC/ĐU", "Hoàn Kiếm, ngày 5 tháng 1 năm 2027",
            "BÁO CÁO", "Thử ký bằng thiết bị", [new DocParagraph("Nội dung.")], ["- Lưu."], ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], []),
            output, key, TimeProvider.System, "Ký thử", "Hà Nội", new DocumentStamp(id, 1, "abc"));
        var verdict = PdfSignatureVerifier.Verify(output.ToArray(), [root],
            new SignatureExpectation(id, 1, "abc", [new SignerIdentity("vanphong@childcare.local", "x")], DateTimeOffset.UtcNow));
        verdict.Refusal.ShouldBeNull();
        verdict.SignerName.ShouldBe("Đảng ủy phường Hoàn Kiếm");
        Encoding.Latin1.GetString(output.ToArray()).ShouldContain("/adbe.pkcs7.detached");
    }

    [Fact]
    public async Task The_certificate_can_come_from_a_file_and_a_wrong_pin_or_token_is_refused_with_the_reason()
    {
        var root = TestCertificates.Root();
        var seal = TestCertificates.Person(root, "seal@childcare.local", "Khóa thử");
        var token = await TestCertificates.SoftHsmTokenAsync(seal, Pin, certificateOnToken: false);
        var pem = Path.Combine(Path.GetTempPath(), $"seal-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pem, seal.ExportCertificatePem() + "\n" + root.ExportCertificatePem() + "\n");
        var key = Pkcs11Seal.Open(new SigningOptions.SealKeyOptions { Pkcs11Module = TestCertificates.SoftHsmModule, Slot = token, Pin = Pin, KeyLabel = "seal", CertificatePath = pem });
        using (key.PrivateKey)
        {
            key.Chain.Select(c => c.Thumbprint).ShouldBe([root.Thumbprint], "further certificates in the file are the chain");
            var hash = SHA256.HashData("ChildCare"u8);
            var signature = ((RSA)key.PrivateKey).SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            seal.GetRSAPublicKey()!.VerifyHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).ShouldBeTrue();
        }

        Should.Throw<Net.Pkcs11Interop.Common.Pkcs11Exception>(() =>
            Pkcs11Seal.Open(new SigningOptions.SealKeyOptions { Pkcs11Module = TestCertificates.SoftHsmModule, Slot = token, Pin = "000000", CertificatePath = pem }));
        Should.Throw<InvalidOperationException>(() =>
            Pkcs11Seal.Open(new SigningOptions.SealKeyOptions { Pkcs11Module = TestCertificates.SoftHsmModule, Slot = "no-such-token", Pin = Pin }))
            .Message.ShouldContain("no-such-token");
    }
}
