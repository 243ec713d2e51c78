using System.Security.Cryptography;
using System.Text.Json;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Reports;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Signing;

/// <summary>
/// A report's signature as the level above sees it. <see cref="LeaderRequired"/>: the unit has a leader account, so its
/// submissions go to the leader; <see cref="RequiredFrom"/>: the document requires signed reports from that day;
/// <see cref="SealConfigured"/>: the unit chose to let the portal sign with its seal key.
/// </summary>
public sealed record SignatureView(bool Signed, string? SignerName, string? SignerEmail, string? SignerOrganisation, DateTimeOffset? SignedAt,
    string? Issuer, string? SerialNumber, bool Valid, IReadOnlyList<SignatureCheck> Checks, SignatureMethod? Method, string? Sha256,
    bool LeaderRequired, DateOnly? RequiredFrom = null, bool SealConfigured = false);

/// <summary>
/// The leader's step (issue 19): a report sent for signature ("Trình ký") is signed by the unit's leader — a PDF signed in
/// their own tool and uploaded, verified every time (<see cref="PdfSignatureVerifier"/>), refused with the reason and
/// nothing changed when any check fails — and signing submits it to the level above. The signed file is kept byte for
/// byte with its SHA-256.
/// </summary>
public sealed class ReportSigningService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, ProgressReportService reports,
    Exports.ReportExportService documents, SigningKeys keys, TimeProvider time, Live.LiveEvents live, Reports.DirectivePartsCache directiveParts)
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The leader uploads the PDF they signed in their own tool; it is verified and, if every check passes, kept and the report submitted.</summary>
    public Task<ReportDetails> UploadAsync(Guid id, byte[] file, CancellationToken ct = default)
    {
        if (file.Length == 0) throw ValidationFailedException.For("file", "Chưa chọn tệp PDF đã ký.");
        if (file.Length > MaxFileBytes) throw ValidationFailedException.For("file", "Tệp PDF lớn hơn 20 MB.");
        return SignAndSubmitAsync(id, async (db, scope, report, details, now) =>
        {
            var verdict = PdfSignatureVerifier.Verify(file, keys.Anchors,
                new SignatureExpectation(report.Id, report.Version, ReportFingerprint.Of(details), await SigningDemand.LeadersAsync(db, report.OrgUnitId, ct), now));
            if (!verdict.Valid) throw ValidationFailedException.For("file", verdict.Refusal!);
            return new ReportSignature(report.Id, report.Version, SignatureMethod.Upload, file, Sha256(file), verdict.SignerName, verdict.SignerEmail,
                verdict.SignerOrganisation, verdict.Issuer, verdict.SerialNumber, verdict.SignedAt, verdict.Valid,
                JsonSerializer.Serialize(verdict.Checks, Json), scope.UserId, now);
        }, ct);
    }

    /// <summary>
    /// The leader has the portal sign with the unit's seal key instead of their own token (where the unit chose it: a
    /// key is configured for it). The signed PDF is kept like an uploaded one and the report is submitted.
    /// </summary>
    public Task<ReportDetails> SealAsync(Guid id, CancellationToken ct = default) =>
        SignAndSubmitAsync(id, async (_, scope, report, details, now) =>
        {
            var seal = keys.SealFor(report.OrgUnit.Code, report.OrgUnit.Name)
                ?? throw new DomainException($"{report.OrgUnit.Name} chưa có khóa ký số trên cổng (Signing__Keys__{report.OrgUnit.Code}): hãy ký bằng thiết bị ký số của mình rồi tải lên.");
            var file = await documents.SealedPdfAsync(details, seal, ct);
            SignatureCheck[] checks =
            [
                new("Khóa của đơn vị", true, $"Cổng ký bằng khóa của {report.OrgUnit.Name} ({seal.Name}), theo lệnh của {scope.Actor.Name}."),
                new("Đúng báo cáo", true, $"Báo cáo {report.Id}, phiên bản {report.Version}."),
            ];
            return new ReportSignature(report.Id, report.Version, SignatureMethod.Seal, file, Sha256(file), seal.Name, PdfSignatureVerifier.EmailOf(seal.Certificate),
                report.OrgUnit.Name, seal.Issuer, seal.Certificate.SerialNumber, now, true, JsonSerializer.Serialize(checks, Json), scope.UserId, now);
        }, ct);

    /// <summary>
    /// The leader's signing, whichever way: the report must await this leader's signature; <paramref name="sign"/> makes
    /// the signature (or refuses, and nothing changes); it is kept and the report submitted, signed, in one transaction.
    /// </summary>
    private async Task<ReportDetails> SignAndSubmitAsync(Guid id,
        Func<AppDbContext, UserScope, ProgressReport, ReportDetails, DateTimeOffset, Task<ReportSignature>> sign, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadContentAsync(db, id, tracking: true, ct);
        ReportAccess.RequireSign(scope, report);
        if (report.Status != ReportStatus.AwaitingSignature)
            throw new DomainException("Báo cáo không chờ ký: văn phòng cần “Trình ký” trước.");
        var now = time.GetUtcNow();
        db.ReportSignatures.Add(await sign(db, scope, report, await reports.GetAsync(id, ct), now));
        report.Submit(scope.Actor, now, report.Period.DueOnFor(report.OrgUnit.Kind), signed: true);
        await ReportStore.SaveAsync(db, report, report.Version, ct);
        await live.ReportChangedAsync(report, ct);
        return await ReportStore.ToDetailsAsync(db, scope, report, await directiveParts.GetAsync(db, report.Directive, ct), ct);
    }

    private static string Sha256(byte[] file) => Convert.ToHexString(SHA256.HashData(file)).ToLowerInvariant();

    public async Task<SignatureView> GetAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadHeaderAsync(db, id, ct);
        ReportAccess.RequireView(scope, report);
        var demand = await SigningDemand.ForAsync(db, report, ct);
        var s = await db.ReportSignatures.AsNoTracking().Where(x => x.ReportId == id).OrderByDescending(x => x.CreatedAt)
            .Select(x => new { x.SignerName, x.SignerEmail, x.SignerOrganisation, x.SignedAt, x.Issuer, x.SerialNumber, x.Valid, x.ChecksJson, x.Method, x.Sha256, x.CreatedAt })
            .FirstOrDefaultAsync(ct);
        // A signature counts for the report as submitted with it; one from before a return and a new draft does not.
        if (s is null || !report.IsSigned)
            return new SignatureView(false, null, null, null, null, null, null, false, [], null, null, demand.HasLeader, demand.RequiredFrom,
                keys.IsConfigured(report.OrgUnit.Code));
        return new SignatureView(true, s.SignerName, s.SignerEmail, s.SignerOrganisation, s.SignedAt, s.Issuer, s.SerialNumber, s.Valid,
            JsonSerializer.Deserialize<List<SignatureCheck>>(s.ChecksJson, Json) ?? [], s.Method, s.Sha256, demand.HasLeader, demand.RequiredFrom,
            keys.IsConfigured(report.OrgUnit.Code));
    }

    /// <summary>The signed PDF as received, for anyone who may read the report.</summary>
    public async Task<(string FileName, byte[] Content)> DocumentAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadHeaderAsync(db, id, ct);
        ReportAccess.RequireView(scope, report);
        var content = await db.ReportSignatures.AsNoTracking().Where(x => x.ReportId == id).OrderByDescending(x => x.CreatedAt)
            .Select(x => x.Content).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Báo cáo chưa có bản PDF đã ký.");
        return ($"Báo cáo {report.Directive.Code.Replace('/', '-')} {report.Period.Name.Replace('/', '-')} - {report.OrgUnit.Name} (đã ký).pdf", content);
    }
}
