using System.Text;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace ChildCare.Core.Features.Directives.Import;

public sealed record SaveDirectiveRequest(string Code, DirectiveKind Kind, string IssuingBody, DateOnly IssuedOn, string? Place, string Title,
    string? Preamble, string? SignerTitle, string? Signer, string? ClosingNote, string? Continues, string? SourceText,
    IReadOnlyList<ProposedTaskArea> TaskAreas, IReadOnlyList<SaveAssignment>? Assignments, MatchedUnit? IssuerUnit = null,
    string? Implements = null, string? Addressee = null);

/// <summary>An assignment to save: units by id (<see cref="OrgUnitIds"/>) or as the proposal matched them (<see cref="OrgUnits"/>).</summary>
public sealed record SaveAssignment(int Clause, string Text, AssignmentRole Role, IReadOnlyList<Guid>? OrgUnitIds, OrgUnitKind? OrgUnitKind,
    IReadOnlyList<MatchedUnit>? OrgUnits = null)
{
    public IReadOnlyList<Guid> UnitIds => OrgUnitIds ?? [.. (OrgUnits ?? []).Where(u => u.Id is not null).Select(u => u.Id!.Value)];
}

/// <summary>
/// Administrators and analysts import any document's text, check the proposal and save it; a reviewer of a
/// committee with committees under it (a province) registers their committee's own documents (its plan), which
/// are then tracked in its subtree only (<see cref="Directive.IssueBy"/>).
/// </summary>
public sealed class DirectiveImportService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time)
{
    public const long MaxFileBytes = DocumentText.MaxFileBytes;

    public async Task<UserScope> RequireImporterAsync(CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        if (!scope.CanIssueFor(scope.OrgUnitId)) throw new ForbiddenException("Bạn không có quyền đăng ký văn bản.");
        return scope;
    }

    public async Task<DirectiveProposal> ProposeAsync(string text, CancellationToken ct = default)
    {
        var scope = await RequireImporterAsync(ct);
        if (string.IsNullOrWhiteSpace(text)) throw ValidationFailedException.For("text", "Chưa có nội dung văn bản.");
        text = DocumentText.CheckText(text);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.OrgUnits.AsNoTracking()
            .Where(u => u.Kind != OrgUnitKind.GrassrootsCommittee)
            .Select(u => new KnownUnit(u.Id, u.Code, u.Name, u.ShortName, u.Kind)).ToListAsync(ct);
        var proposal = DirectiveImporter.Parse(text, units);
        if (scope.IsNational || proposal.IssuerUnit is not null) return proposal;
        // A reviewer registers their own committee's documents: theirs unless the text names another issuer.
        var own = units.Single(u => u.Id == scope.OrgUnitId);
        return proposal with { IssuerUnit = new MatchedUnit(own.Id, own.Code, own.Name), IssuingBody = own.Name };
    }

    /// <summary>The text of an uploaded .txt, .docx or text-layer .pdf, read within bounds (see <see cref="DocumentText"/>).</summary>
    public static string ExtractText(string fileName, byte[] content) => DocumentText.Extract(fileName, content);

    public async Task<Guid> SaveAsync(SaveDirectiveRequest request, CancellationToken ct = default)
    {
        var scope = await RequireImporterAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var code = request.Code?.Trim() ?? "";
        if (code.Length == 0) errors["code"] = ["Cần nhập số và ký hiệu văn bản."];
        if (string.IsNullOrWhiteSpace(request.IssuingBody)) errors["issuingBody"] = ["Cần nhập cơ quan ban hành."];
        if (string.IsNullOrWhiteSpace(request.Title)) errors["title"] = ["Cần nhập trích yếu."];
        if (request.TaskAreas is not { Count: > 0 }) errors["taskAreas"] = ["Văn bản cần có ít nhất một nhóm nhiệm vụ."];
        else if (request.TaskAreas.Select(t => t.Number).Distinct().Count() != request.TaskAreas.Count) errors["taskAreas"] = ["Số thứ tự nhiệm vụ bị trùng."];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (code.Length > 0 && await db.Directives.AnyAsync(d => d.Code == code, ct)) errors["code"] = [$"Đã có văn bản số {code}."];
        var unitIds = (request.Assignments ?? []).SelectMany(a => a.UnitIds).Distinct().ToList();
        var units = await db.OrgUnits.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        if (units.Count != unitIds.Count) errors["assignments"] = ["Có đơn vị được giao không tồn tại."];
        // The issuing unit: a reviewer's is always their own committee; the national roles name any (or none: the centre's).
        var issuerId = request.IssuerUnit?.Id ?? (scope.IsNational ? null : scope.OrgUnitId);
        var issuer = issuerId is { } iid ? await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == iid, ct) : null;
        if (issuerId is not null && issuer is null) errors["issuerUnit"] = ["Không tìm thấy đơn vị ban hành."];
        else if (issuer is not null && !scope.CanIssueFor(issuer.Id))
            errors["issuerUnit"] = [$"Bạn chỉ đăng ký được văn bản do {scope.OrgUnitName} ban hành."];
        var implementsCode = string.IsNullOrWhiteSpace(request.Implements) ? null : request.Implements.Trim();
        var implemented = implementsCode is null ? null : await db.Directives.SingleOrDefaultAsync(d => d.Code == implementsCode, ct);
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var directive = new Directive(code, request.Kind, request.IssuingBody.Trim(), request.IssuedOn, request.Title.Trim())
        {
            Place = request.Place,
            Preamble = request.Preamble,
            SignerTitle = request.SignerTitle,
            Signer = request.Signer,
            ClosingNote = request.ClosingNote,
            ContinuesCode = request.Continues,
            Source = DirectiveSource.Of(request.SourceText),
            ReportingUnitKinds = [.. ReportingRule.CommitteeKinds],
        };
        try
        {
            if (issuer is not null) directive.IssueBy(issuer);
            directive.Implement(implementsCode, implemented);
        }
        catch (DomainException ex)
        {
            throw ValidationFailedException.For("issuerUnit", ex.Message);
        }
        directive.Addressee = string.IsNullOrWhiteSpace(request.Addressee)
            ? issuer is null ? directive.IssuingBody : $"Ban Thường vụ {issuer.Name}"
            : request.Addressee.Trim();
        db.Directives.Add(directive);
        foreach (var t in request.TaskAreas!.OrderBy(t => t.Number)) directive.AddTaskArea(t.Number, t.Title.Trim(), t.Text.Trim());
        foreach (var a in request.Assignments ?? [])
        {
            var area = directive.TaskAreas.FirstOrDefault(t => a.Text.Contains($"nhiệm vụ {t.Number}", StringComparison.OrdinalIgnoreCase));
            var ids = a.UnitIds;
            if (ids.Count == 0) db.Assignments.Add(new Assignment(directive, a.Clause, a.Text, a.Role, Body(a), null, a.OrgUnitKind, area));
            foreach (var id in ids)
                db.Assignments.Add(new Assignment(directive, a.Clause, a.Text, a.Role, units[id].Name, units[id], a.OrgUnitKind, area));
        }
        // Reporting periods follow the directive from the quarter it was issued in.
        var today = Deadlines.TodayInVietnam(time.GetUtcNow());
        foreach (var (year, quarter) in PeriodCalendar.QuartersThrough(PeriodCalendar.QuarterOf(request.IssuedOn), today, Seed.ReferenceDataSeeder.QuartersAhead))
        {
            var period = PeriodCalendar.NewQuarter(directive, year, quarter);
            period.CloseIfOverdue(time.GetUtcNow());
            db.ReportingPeriods.Add(period);
        }
        await db.SaveChangesAsync(ct);
        return directive.Id;
    }

    private static string Body(SaveAssignment a) => a.OrgUnitKind is { } k ? $"Mọi đơn vị loại {Text.Labels.Vi(() => Text.Labels.Of(k))}" : a.Text.Length > 200 ? a.Text[..200] : a.Text;
}
