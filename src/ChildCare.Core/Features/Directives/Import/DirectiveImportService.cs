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
    IReadOnlyList<ProposedTaskArea> TaskAreas, IReadOnlyList<SaveAssignment>? Assignments);

public sealed record SaveAssignment(int Clause, string Text, AssignmentRole Role, IReadOnlyList<Guid>? OrgUnitIds, OrgUnitKind? OrgUnitKind);

/// <summary>Administrators and analysts import a directive's text, check the proposal, and save it.</summary>
public sealed class DirectiveImportService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time)
{
    public const long MaxFileBytes = DocumentText.MaxFileBytes;

    public async Task RequireImporterAsync(CancellationToken ct = default) =>
        (await scopes.CurrentAsync(ct)).Require(Roles.Administrator, Roles.Analyst);

    public async Task<DirectiveProposal> ProposeAsync(string text, CancellationToken ct = default)
    {
        await RequireImporterAsync(ct);
        if (string.IsNullOrWhiteSpace(text)) throw ValidationFailedException.For("text", "Chưa có nội dung văn bản.");
        text = DocumentText.CheckText(text);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.OrgUnits.AsNoTracking()
            .Where(u => u.Kind != OrgUnitKind.GrassrootsCommittee)
            .Select(u => new KnownUnit(u.Id, u.Code, u.Name, u.ShortName, u.Kind)).ToListAsync(ct);
        return DirectiveImporter.Parse(text, units);
    }

    /// <summary>The text of an uploaded .txt, .docx or text-layer .pdf, read within bounds (see <see cref="DocumentText"/>).</summary>
    public static string ExtractText(string fileName, byte[] content) => DocumentText.Extract(fileName, content);

    public async Task<Guid> SaveAsync(SaveDirectiveRequest request, CancellationToken ct = default)
    {
        await RequireImporterAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var code = request.Code?.Trim() ?? "";
        if (code.Length == 0) errors["code"] = ["Cần nhập số và ký hiệu văn bản."];
        if (string.IsNullOrWhiteSpace(request.IssuingBody)) errors["issuingBody"] = ["Cần nhập cơ quan ban hành."];
        if (string.IsNullOrWhiteSpace(request.Title)) errors["title"] = ["Cần nhập trích yếu."];
        if (request.TaskAreas is not { Count: > 0 }) errors["taskAreas"] = ["Văn bản cần có ít nhất một nhóm nhiệm vụ."];
        else if (request.TaskAreas.Select(t => t.Number).Distinct().Count() != request.TaskAreas.Count) errors["taskAreas"] = ["Số thứ tự nhiệm vụ bị trùng."];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (code.Length > 0 && await db.Directives.AnyAsync(d => d.Code == code, ct)) errors["code"] = [$"Đã có văn bản số {code}."];
        var unitIds = (request.Assignments ?? []).SelectMany(a => a.OrgUnitIds ?? []).Distinct().ToList();
        var units = await db.OrgUnits.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        if (units.Count != unitIds.Count) errors["assignments"] = ["Có đơn vị được giao không tồn tại."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var directive = new Directive(code, request.Kind, request.IssuingBody.Trim(), request.IssuedOn, request.Title.Trim())
        {
            Place = request.Place,
            Preamble = request.Preamble,
            SignerTitle = request.SignerTitle,
            Signer = request.Signer,
            ClosingNote = request.ClosingNote,
            ContinuesCode = request.Continues,
            SourceText = request.SourceText,
            ReportingUnitKinds = [.. ReportingRule.CommitteeKinds],
        };
        db.Directives.Add(directive);
        foreach (var t in request.TaskAreas!.OrderBy(t => t.Number)) directive.AddTaskArea(t.Number, t.Title.Trim(), t.Text.Trim());
        foreach (var a in request.Assignments ?? [])
        {
            var area = directive.TaskAreas.FirstOrDefault(t => a.Text.Contains($"nhiệm vụ {t.Number}", StringComparison.OrdinalIgnoreCase));
            var ids = a.OrgUnitIds ?? [];
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

    private static string Body(SaveAssignment a) => a.OrgUnitKind is { } k ? $"Mọi đơn vị loại {Text.Labels.Of(k)}" : a.Text.Length > 200 ? a.Text[..200] : a.Text;
}
