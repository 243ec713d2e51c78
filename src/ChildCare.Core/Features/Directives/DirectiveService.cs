using ChildCare.Core.Data;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Directives;

/// <summary>
/// Documents being tracked. The centre's documents every signed-in user reads; a unit's own document (a
/// province's plan) only its subtree, the units above it and the national roles (<see cref="UserScope.VisibleDocuments"/>).
/// </summary>
public sealed class DirectiveService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes)
{
    public async Task<IReadOnlyList<DirectiveSummary>> ListAsync(CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await scope.VisibleDocuments(db.Directives.AsNoTracking())
            .OrderByDescending(d => d.IssuedOn).ThenBy(d => d.Code)
            .Select(d => new DirectiveSummary(d.Id, d.Code, d.Kind, d.IssuingBody, d.Title, d.IssuedOn, d.Status,
                d.TaskAreas.OrderBy(t => t.Number).Select(t => new TaskAreaSummary(t.Id, t.Number, t.Title)).ToList(),
                d.Indicators.OrderBy(i => i.SortOrder).ThenBy(i => i.Code)
                    .Select(i => new IndicatorSummary(i.Id, i.Code, i.Name, i.Unit, i.Aggregation, i.Direction, i.Nature,
                        i.TaskArea == null ? null : i.TaskArea.Number)).ToList(),
                d.IssuerUnitId, d.IssuerUnit == null ? null : d.IssuerUnit.Name, d.ImplementsCode, d.ImplementsId))
            .AsSplitQuery()
            .ToListAsync(ct);
    }

    public async Task<DirectiveDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var d = await db.Directives.AsNoTracking().Include(x => x.IssuerUnit).Include(x => x.Source).SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("Không tìm thấy văn bản.");
        scope.RequireSeeDocument(d);
        var areas = await db.TaskAreas.AsNoTracking().Where(t => t.DirectiveId == id).OrderBy(t => t.Number)
            .Select(t => new TaskAreaDetails(t.Id, t.Number, t.Title, t.Text)).ToListAsync(ct);
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.DirectiveId == id)
            .OrderBy(a => a.ClauseNumber).ThenBy(a => a.Role)
            .Select(a => new AssignmentDetails(a.Id, a.ClauseNumber, a.ClauseText, a.Role, a.Body, a.OrgUnitId,
                a.OrgUnit == null ? null : a.OrgUnit.Name, a.OrgUnitKind, a.TaskArea == null ? null : a.TaskArea.Number))
            .ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.DirectiveId == id)
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code)
            .Select(i => new IndicatorDetails(i.Id, i.Code, i.Name, i.NameEn, i.Unit, i.Aggregation, i.Direction, i.Nature,
                i.TaskArea == null ? null : i.TaskArea.Number, i.Note,
                i.Targets.OrderBy(t => t.Year).ThenBy(t => t.Source)
                    .Select(t => new TargetDetails(t.Id, t.Year, t.Value, t.Source, t.Description)).ToList()))
            .ToListAsync(ct);
        return new DirectiveDetails(d.Id, d.Code, d.Kind, d.IssuingBody, d.Place, d.IssuedOn, d.Title, d.Preamble, d.SignerTitle, d.Signer,
            d.ClosingNote, d.ContinuesCode, d.Status, d.Cadence, d.ReportingUnitKinds, d.Source?.Text, areas, assignments, indicators, d.DataWindow, d.Version,
            d.IssuerUnitId, d.IssuerUnit?.Name, d.ImplementsCode, d.ImplementsId, d.Addressee, d.RequiresSignatureFrom);
    }
}
