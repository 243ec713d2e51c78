using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Reports;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Exports;

/// <summary>A unit's own report (a district's quarter, a province's consolidated report) as a party-format document to sign and file.</summary>
public sealed class ReportExportService(IDbContextFactory<AppDbContext> dbFactory, ProgressReportService reports, ScopeResolver scopes, TimeProvider time)
{
    public async Task<(string FileName, string ContentType, byte[] Content)> ExportAsync(Guid reportId, ExportFormat format, CancellationToken ct = default)
    {
        if (format is not (ExportFormat.Docx or ExportFormat.Pdf))
            throw ValidationFailedException.For("format", "Văn bản báo cáo xuất ra Word (docx) hoặc PDF.");
        using var vietnamese = Labels.Vietnamese(); // an official document: Vietnamese whatever the reader's screen language
        var r = await reports.GetAsync(reportId, ct); // checks the caller may read it
        var (document, unit) = await DocumentAsync(r, ct);
        using var output = new MemoryStream();
        if (format == ExportFormat.Docx) DocxPartyWriter.Write(document, output);
        else PdfPartyWriter.Write(document, output, new DocumentStamp(r.Id, r.Version, Signing.ReportFingerprint.Of(r)));
        var name = $"Báo cáo {r.DirectiveCode.Replace('/', '-')} {r.PeriodName.Replace('/', '-')} - {unit.Name}.{format.ToString().ToLowerInvariant()}";
        return (name, SummaryExportService.ContentType(format), output.ToArray());
    }

    /// <summary>
    /// The report's PDF signed with the unit's seal key by the portal (issue 19, item 3b): the same document, its
    /// signature block naming the key, signed by PDFsharp's handler with a CMS from <see cref="Signing.PdfCmsSigner"/>.
    /// </summary>
    public async Task<byte[]> SealedPdfAsync(ReportDetails r, Signing.SealKey seal, CancellationToken ct)
    {
        using var vietnamese = Labels.Vietnamese();
        var (document, unit) = await DocumentAsync(r, ct);
        using var output = new MemoryStream();
        PdfPartyWriter.WriteSigned(document, output, seal, time, "Ký báo cáo bằng khóa của đơn vị", unit.Name,
            new DocumentStamp(r.Id, r.Version, Signing.ReportFingerprint.Of(r)));
        return output.ToArray();
    }

    private async Task<(PartyDocument Document, OrgUnit Unit)> DocumentAsync(ReportDetails r, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == r.OrgUnitId, ct);
        var parent = await SummaryExportService.ParentAsync(db, unit, ct);
        var directive = await db.Directives.AsNoTracking().SingleAsync(d => d.Id == r.DirectiveId, ct);
        var signer = Signer(await Signing.SigningDemand.LeadersAsync(db, unit.Id, ct), await scopes.CurrentAsync(ct));
        return (Document(r, unit, parent, directive, Deadlines.TodayInVietnam(time.GetUtcNow()), signer?.FullName), unit);
    }

    /// <summary>
    /// Who the signature block names (issue 19, item 2): the leader who downloads or signs the report, else the unit's
    /// leader (the first by name when it has several), else nobody — the office writes the name by hand.
    /// </summary>
    public static Signing.SignerIdentity? Signer(IReadOnlyList<Signing.SignerIdentity> leaders, UserScope caller) =>
        leaders.FirstOrDefault(l => string.Equals(l.Email, caller.UserName, StringComparison.OrdinalIgnoreCase))
        ?? leaders.OrderBy(l => l.FullName, StringComparer.Create(Vi, ignoreCase: true)).FirstOrDefault();

    private static readonly System.Globalization.CultureInfo Vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The signature block: the body, the post, room for the signature (and the seal's mark), the signer's name.</summary>
    public static IReadOnlyList<string> SignatureBlock(string? signerName) => string.IsNullOrWhiteSpace(signerName)
        ? ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
        : ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "", signerName];

    public static PartyDocument Document(ReportDetails r, OrgUnit unit, OrgUnit? parent, Directive directive, DateOnly today, string? signerName = null)
    {
        var (issuerParent, issuer, symbol, place) = SummaryExportService.Issuer(unit, parent);
        var body = new List<DocBlock>
        {
            new DocParagraph($"Thực hiện {Labels.Of(directive.Kind)} số {directive.Code} ngày {directive.IssuedOn:dd/MM/yyyy} của {directive.IssuingBody}, {unit.Name} báo cáo kết quả " +
                $"thực hiện {r.PeriodName} như sau:"),
            new DocParagraph("I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", Heading: true),
        };
        foreach (var a in r.TaskAreas)
        {
            body.Add(new DocParagraph($"{a.Number}. {a.Title}", Bold: true));
            body.Add(new DocParagraph($"Tình trạng: {Labels.Of(a.Status).ToLowerInvariant()}" + (a.PercentComplete is { } p ? $"; đã hoàn thành {p}%." : ".")));
            if (!string.IsNullOrWhiteSpace(a.Results)) body.Add(new DocParagraph($"Kết quả: {a.Results}"));
            if (!string.IsNullOrWhiteSpace(a.Difficulties)) body.Add(new DocParagraph($"Khó khăn, vướng mắc: {a.Difficulties}"));
        }
        body.Add(new DocParagraph("II. CÁC CHỈ TIÊU", Heading: true));
        body.Add(new DocTable(["Mã", "Chỉ tiêu", "Số liệu kỳ này", "Ghi chú"],
            r.IndicatorValues.Select(i => (IReadOnlyList<string>)[i.Code, i.Name,
                i.Aggregation == IndicatorAggregation.Rate && i.Denominator is not null
                    ? $"{SummaryText.Number(i.ComputedValue, i.Unit)} ({SummaryText.Count(i.Numerator)}/{SummaryText.Count(i.Denominator)})"
                    : SummaryText.Number(i.ComputedValue, i.Unit),
                i.Comment ?? ""]).ToList(),
            [0.1, 0.5, 0.22, 0.18]));
        body.Add(new DocParagraph("III. ĐỀ XUẤT, KIẾN NGHỊ", Heading: true));
        var proposals = r.TaskAreas.Where(a => !string.IsNullOrWhiteSpace(a.Proposals)).ToList();
        if (proposals.Count == 0) body.Add(new DocParagraph("Không có."));
        foreach (var a in proposals) body.Add(new DocParagraph($"Về nhiệm vụ {a.Number}: {a.Proposals}", Bullet: true));
        if (r.Attachments.Count > 0)
        {
            body.Add(new DocParagraph("Tài liệu kèm theo:", Bold: true));
            foreach (var f in r.Attachments) body.Add(new DocParagraph(f.FileName, Bullet: true));
        }
        return new PartyDocument(issuerParent, issuer, $"Số …-{symbol}", SummaryText.Date(today, place), "BÁO CÁO",
            $"Kết quả thực hiện {Labels.Of(directive.Kind)} số {directive.Code} của {directive.IssuingBody} {r.PeriodName}", body,
            [$"- {(parent is null ? directive.Addressee ?? directive.IssuingBody : parent.Name)} (để báo cáo),", "- Thường trực cấp ủy,", "- Lưu Văn phòng."],
            SignatureBlock(signerName), []);
    }
}
