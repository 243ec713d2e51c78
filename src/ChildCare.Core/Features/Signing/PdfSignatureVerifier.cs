using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace ChildCare.Core.Features.Signing;

/// <summary>One rule a signed file was checked against, as shown to the level above and kept with the signature.</summary>
public sealed record SignatureCheck(string Name, bool Ok, string Detail);

/// <summary>What the signed PDF must be: this report, at this version, with this content, signed by one of these people.</summary>
public sealed record SignatureExpectation(Guid ReportId, uint Version, string ContentSha256, IReadOnlyList<SignerIdentity> Leaders, DateTimeOffset Now);

/// <summary>A leader account: the certificate's e-mail or common name must be one of these.</summary>
public sealed record SignerIdentity(string Email, string FullName);

/// <summary>The outcome: every check (in order), the first refusal in words, and who signed.</summary>
public sealed record SignatureVerdict(IReadOnlyList<SignatureCheck> Checks, string? SignerName, string? SignerEmail, string? SignerOrganisation,
    string? Issuer, string? SerialNumber, DateTimeOffset? SignedAt, string? SubFilter)
{
    public bool Valid => Checks.All(c => c.Ok);

    public string? Refusal => Checks.FirstOrDefault(c => !c.Ok)?.Detail;
}

/// <summary>
/// Verifies a PAdES-style signature on a report's PDF (ISO 32000 §12.8: a signature dictionary whose ByteRange covers the
/// whole file but its Contents, holding a detached CMS): exactly one signature, over the whole file, of a supported kind;
/// the digest matches; the certificate chains to a configured trust anchor at signing time, is within its validity and
/// may sign; the file is this report at this version; the signer is a leader of the unit. Revocation is checked where
/// the certificate names a CRL distribution point or OCSP responder the portal can reach, and recorded either way. The CMS is .NET's (System.Security.Cryptography.Pkcs), the chain X509Chain with a custom root trust.
/// </summary>
public static partial class PdfSignatureVerifier
{
    public static readonly IReadOnlySet<string> SubFilters = new HashSet<string>(StringComparer.Ordinal) { "adbe.pkcs7.detached", "ETSI.CAdES.detached" };

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRangePattern();

    [GeneratedRegex(@"/SubFilter\s*/([A-Za-z0-9.]+)")]
    private static partial Regex SubFilterPattern();

    /// <summary>The report's stamp in the document information dictionary (written by the portal's PDF writer).</summary>
    public const string ReportIdKey = "ChildCareReportId", VersionKey = "ChildCareReportVersion", ContentKey = "ChildCareContentSha256";

    public static SignatureVerdict Verify(byte[] pdf, X509Certificate2Collection trustAnchors, SignatureExpectation expected)
    {
        var checks = new List<SignatureCheck>();
        SignatureVerdict Stop(string name, string detail, string? subFilter = null, X509Certificate2? signer = null, DateTimeOffset? at = null)
        {
            checks.Add(new SignatureCheck(name, false, detail));
            return Verdict(checks, signer, at, subFilter);
        }

        if (pdf.Length < 8 || Encoding.ASCII.GetString(pdf, 0, 5) != "%PDF-") return Stop("Tệp PDF", "Tệp không phải là PDF.");
        checks.Add(new SignatureCheck("Tệp PDF", true, $"{pdf.Length:N0} byte"));

        var text = Encoding.Latin1.GetString(pdf);
        var ranges = ByteRangePattern().Matches(text);
        if (ranges.Count == 0) return Stop("Một chữ ký", "Tệp PDF chưa có chữ ký số: hãy ký bản PDF tải từ cổng rồi tải lên.");
        if (ranges.Count > 1)
            return Stop("Một chữ ký", $"Tệp có {ranges.Count} chữ ký; cần đúng một chữ ký của lãnh đạo trên bản PDF tải từ cổng.");
        checks.Add(new SignatureCheck("Một chữ ký", true, "Đúng một chữ ký."));

        var m = ranges[0];
        var r = Enumerable.Range(1, 4).Select(i => long.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
        var whole = r[0] == 0 && r[1] > 0 && r[2] > r[1] && r[2] + r[3] == pdf.Length && r[1] < pdf.Length
            && pdf[r[1]] == (byte)'<' && pdf[r[2] - 1] == (byte)'>';
        if (!whole) return Stop("Phạm vi ký", "Chữ ký không bao trùm toàn bộ tệp: có phần được thêm hoặc sửa sau khi ký.");
        checks.Add(new SignatureCheck("Phạm vi ký", true, "Chữ ký bao trùm toàn bộ tệp (trừ chính chữ ký)."));

        // The signature dictionary holds the ByteRange: its SubFilter is near it (before or after), within the dictionary.
        var dictionary = text.Substring((int)Math.Max(0, r[1] - 4096), (int)Math.Min(text.Length - Math.Max(0, r[1] - 4096), (r[2] - Math.Max(0, r[1] - 4096)) + 4096));
        var subFilter = SubFilterPattern().Match(dictionary) is { Success: true } sf ? sf.Groups[1].Value : null;
        if (subFilter is null || !SubFilters.Contains(subFilter))
            return Stop("Kiểu chữ ký", $"Kiểu chữ ký “{subFilter ?? "không rõ"}” không được hỗ trợ; cần adbe.pkcs7.detached hoặc ETSI.CAdES.detached (PAdES).", subFilter);
        checks.Add(new SignatureCheck("Kiểu chữ ký", true, subFilter));

        var hex = new string(text.AsSpan((int)r[1] + 1, (int)(r[2] - r[1] - 2)).ToArray().Where(Uri.IsHexDigit).ToArray());
        if (hex.Length % 2 == 1) hex += "0";
        var signedContent = new byte[r[1] + r[3]];
        Buffer.BlockCopy(pdf, 0, signedContent, 0, (int)r[1]);
        Buffer.BlockCopy(pdf, (int)r[2], signedContent, (int)r[1], (int)r[3]);
        var cms = new SignedCms(new ContentInfo(signedContent), detached: true);
        try
        {
            // The CMS, then only the zeros that fill the reserved room: anything else there was changed after signing.
            var blob = Convert.FromHexString(hex);
            AsnDecoder.ReadEncodedValue(blob, AsnEncodingRules.BER, out _, out _, out var used);
            if (blob.AsSpan(used).IndexOfAnyExcept((byte)0) >= 0)
                return Stop("Toàn vẹn", "Nội dung tệp đã bị thay đổi sau khi ký (vùng chữ ký bị sửa).", subFilter);
            cms.Decode(blob.AsSpan(0, used));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or AsnContentException)
        {
            return Stop("Toàn vẹn", "Phần chữ ký của tệp không đọc được (không phải CMS/PKCS#7).", subFilter);
        }
        if (cms.SignerInfos.Count != 1 || cms.SignerInfos[0].Certificate is not { } signer)
            return Stop("Toàn vẹn", "Chữ ký không kèm chứng thư số của người ký.", subFilter);
        var signedAt = SigningTime(cms.SignerInfos[0]);
        try
        {
            cms.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            return Stop("Toàn vẹn", "Nội dung tệp đã bị thay đổi sau khi ký (mã băm không khớp với chữ ký).", subFilter, signer, signedAt);
        }
        checks.Add(new SignatureCheck("Toàn vẹn", true, "Mã băm khớp với chữ ký."));

        var at = signedAt ?? expected.Now;
        if (at < signer.NotBefore.ToUniversalTime() || at > signer.NotAfter.ToUniversalTime())
            return Stop("Thời hạn", $"Chứng thư số không có hiệu lực vào lúc ký ({Text.VietnamTime.Format(at)}): hiệu lực từ {signer.NotBefore:dd/MM/yyyy} đến {signer.NotAfter:dd/MM/yyyy}.",
                subFilter, signer, signedAt);
        checks.Add(new SignatureCheck("Thời hạn", true, $"Còn hiệu lực lúc ký ({Text.VietnamTime.Format(at)})."));

        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trustAnchors);
            chain.ChainPolicy.ExtraStore.AddRange(cms.Certificates);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = at.UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            var trusted = trustAnchors.Count > 0 && chain.Build(signer);
            if (!trusted)
            {
                var why = trustAnchors.Count == 0 ? "cổng chưa cấu hình tổ chức chứng thực tin cậy (Signing__TrustAnchors__0)"
                    : string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
                return Stop("Chứng thư tin cậy", $"Chứng thư số của người ký không do tổ chức chứng thực tin cậy cấp ({why}).", subFilter, signer, signedAt);
            }
        }
        checks.Add(new SignatureCheck("Chứng thư tin cậy", true, $"Do {signer.GetNameInfo(X509NameType.SimpleName, forIssuer: true)} cấp."));

        if (signer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
            && (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
            return Stop("Mục đích", "Chứng thư số không được cấp cho việc ký (thiếu digitalSignature/nonRepudiation).", subFilter, signer, signedAt);
        checks.Add(new SignatureCheck("Mục đích", true, "Được phép ký."));

        var info = InfoValues(Encoding.Latin1.GetString(signedContent));
        if (!info.TryGetValue(ReportIdKey, out var id) || !Guid.TryParse(id, out var reportId))
            return Stop("Đúng báo cáo", "Tệp PDF không mang mã báo cáo của cổng: hãy ký đúng bản PDF tải từ cổng.", subFilter, signer, signedAt);
        if (reportId != expected.ReportId)
            return Stop("Đúng báo cáo", "Tệp PDF là của một báo cáo khác, không phải báo cáo này.", subFilter, signer, signedAt);
        if (!info.TryGetValue(VersionKey, out var v) || v != expected.Version.ToString(CultureInfo.InvariantCulture))
            return Stop("Đúng báo cáo", $"Tệp PDF là một phiên bản cũ của báo cáo (phiên bản {v ?? "?"}, nay là {expected.Version}): hãy tải lại bản PDF và ký lại.",
                subFilter, signer, signedAt);
        if (!info.TryGetValue(ContentKey, out var hash) || !string.Equals(hash, expected.ContentSha256, StringComparison.OrdinalIgnoreCase))
            return Stop("Đúng báo cáo", "Nội dung báo cáo đã thay đổi so với bản PDF được ký: hãy tải lại bản PDF và ký lại.", subFilter, signer, signedAt);
        checks.Add(new SignatureCheck("Đúng báo cáo", true, $"Báo cáo {reportId}, phiên bản {v}, SHA-256 {hash[..Math.Min(12, hash.Length)]}…"));

        var email = EmailOf(signer);
        var name = signer.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var leader = expected.Leaders.FirstOrDefault(l =>
            (email is not null && string.Equals(l.Email, email, StringComparison.OrdinalIgnoreCase))
            || string.Equals(Text.TextFolding.Fold(l.FullName), Text.TextFolding.Fold(name), StringComparison.Ordinal));
        if (leader is null)
            return Stop("Người ký", expected.Leaders.Count == 0
                ? "Đơn vị chưa có tài khoản lãnh đạo trên cổng: không xác định được người có quyền ký."
                : $"Người ký ({name}{(email is null ? "" : $", {email}")}) không phải lãnh đạo của đơn vị trên cổng.", subFilter, signer, signedAt);
        checks.Add(new SignatureCheck("Người ký", true, $"{leader.FullName} ({leader.Email}), lãnh đạo đơn vị."));

        var revocation = Revocation(signer, cms.Certificates, trustAnchors, expected.Now);
        if (!revocation.Ok) return Stop(revocation.Name, revocation.Detail, subFilter, signer, signedAt);
        checks.Add(revocation);
        return Verdict(checks, signer, signedAt, subFilter);
    }

    /// <summary>How long a CRL or OCSP answer is waited for: on a closed network the point is unreachable, and the upload must not hang.</summary>
    public static readonly TimeSpan RevocationTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Revocation, checked when the certificate names a distribution point (CRL) or an OCSP responder and the portal can
    /// reach it; a revoked certificate is refused; an unreachable point is recorded as not checked (closed networks).
    /// Checked as of the upload, not the signing time the signer claims: a key revoked since (a lost token) signs nothing.
    /// </summary>
    private static SignatureCheck Revocation(X509Certificate2 signer, X509Certificate2Collection carried, X509Certificate2Collection anchors, DateTimeOffset at)
    {
        if (!signer.Extensions.Any(e => e.Oid?.Value is "2.5.29.31" or "1.3.6.1.5.5.7.1.1"))
            return new SignatureCheck("Thu hồi", true, "Chứng thư không nêu điểm kiểm tra thu hồi (CRL/OCSP): không kiểm tra.");
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.ExtraStore.AddRange(carried);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.Online;
        chain.ChainPolicy.RevocationFlag = X509RevocationFlag.EndCertificateOnly;
        chain.ChainPolicy.UrlRetrievalTimeout = RevocationTimeout;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.Build(signer);
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        if (flags.HasFlag(X509ChainStatusFlags.Revoked))
            return new SignatureCheck("Thu hồi", false, "Chứng thư số của người ký đã bị thu hồi (theo danh sách thu hồi của tổ chức chứng thực).");
        if (flags.HasFlag(X509ChainStatusFlags.RevocationStatusUnknown) || flags.HasFlag(X509ChainStatusFlags.OfflineRevocation))
            return new SignatureCheck("Thu hồi", true, "Chứng thư nêu điểm kiểm tra thu hồi (CRL/OCSP) nhưng cổng không kết nối được tới đó: chưa kiểm tra.");
        return new SignatureCheck("Thu hồi", true, "Đã kiểm tra danh sách thu hồi: chứng thư chưa bị thu hồi.");
    }

    private static SignatureVerdict Verdict(List<SignatureCheck> checks, X509Certificate2? signer, DateTimeOffset? at, string? subFilter) => new(checks,
        signer?.GetNameInfo(X509NameType.SimpleName, forIssuer: false), signer is null ? null : EmailOf(signer), signer is null ? null : Organisation(signer),
        signer?.GetNameInfo(X509NameType.SimpleName, forIssuer: true), signer?.SerialNumber, at, subFilter);

    /// <summary>The signed signingTime attribute (PKCS#9), if the signer put one.</summary>
    private static DateTimeOffset? SigningTime(SignerInfo info) =>
        info.SignedAttributes.Cast<CryptographicAttributeObject>()
            .Where(a => a.Oid.Value == "1.2.840.113549.1.9.5").SelectMany(a => a.Values.Cast<AsnEncodedData>())
            .Select(v => (DateTimeOffset?)new Pkcs9SigningTime(v.RawData).SigningTime).FirstOrDefault();

    /// <summary>The e-mail address: subjectAltName rfc822Name, else the subject's E=.</summary>
    public static string? EmailOf(X509Certificate2 certificate)
    {
        if (certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault() is { } san)
        {
            foreach (var general in ReadGeneralNames(san.RawData))
                if (general is not null) return general;
        }
        var e = certificate.GetNameInfo(X509NameType.EmailName, forIssuer: false);
        return string.IsNullOrWhiteSpace(e) ? null : e;
    }

    private static IEnumerable<string?> ReadGeneralNames(byte[] raw)
    {
        var reader = new AsnReader(raw, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        var tag = new Asn1Tag(TagClass.ContextSpecific, 1); // rfc822Name
        while (sequence.HasData)
        {
            if (sequence.PeekTag().HasSameClassAndValue(tag)) yield return sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag);
            else sequence.ReadEncodedValue();
        }
    }

    private static string? Organisation(X509Certificate2 certificate) =>
        certificate.SubjectName.EnumerateRelativeDistinguishedNames().Where(n => n.GetSingleElementType().Value == "2.5.4.10")
            .Select(n => n.GetSingleElementValue()).FirstOrDefault();

    [GeneratedRegex(@"/(ChildCare[A-Za-z0-9]+)\s*\(([^()\\]*)\)")]
    private static partial Regex InfoPattern();

    /// <summary>The portal's keys in the (signed part of the) file: literal strings, written uncompressed in the Info dictionary.</summary>
    public static Dictionary<string, string> InfoValues(string signedText)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in InfoPattern().Matches(signedText)) values[m.Groups[1].Value] = m.Groups[2].Value; // the last wins (incremental updates)
        return values;
    }
}
