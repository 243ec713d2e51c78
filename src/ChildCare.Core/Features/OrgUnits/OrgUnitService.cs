using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.OrgUnits;

public sealed record OrgUnitDto(Guid Id, string Code, string Name, string? ShortName, OrgUnitKind Kind, Guid? ParentId,
    DateOnly? ValidFrom, DateOnly? ValidTo, int Depth);

public sealed record OrgTreeNode(Guid Id, string Code, string Name, OrgUnitKind Kind, DateOnly? ValidFrom, DateOnly? ValidTo, int ChildCount);

public sealed record OrgSearchHit(Guid Id, string Code, string Name, OrgUnitKind Kind, IReadOnlyList<string> Ancestors);

/// <summary>The org tree as the current user may see it: their unit and its subtree, or everything for analysts and administrators.</summary>
public sealed class OrgUnitService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes)
{
    public const int MaxSearchHits = 100;

    public async Task<IReadOnlyList<OrgUnitDto>> ListAsync(string? search = null, OrgUnitKind? kind = null, int? skip = null, int? take = null,
        CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = scope.Visible(db.OrgUnits.AsNoTracking());
        var folded = TextFolding.Fold(search);
        if (folded.Length > 0) query = query.Where(u => u.SearchText.Contains(folded));
        if (kind is not null) query = query.Where(u => u.Kind == kind);
        query = query.OrderBy(u => u.Path);
        if (skip is > 0) query = query.Skip(skip.Value);
        if (take is > 0) query = query.Take(take.Value);
        return await query.Select(u => new OrgUnitDto(u.Id, u.Code, u.Name, u.ShortName, u.Kind, u.ParentId, u.ValidFrom, u.ValidTo, u.Depth))
            .ToListAsync(ct);
    }

    /// <summary>The roots of the user's tree: the whole tree's root for national users, their own unit otherwise.</summary>
    public async Task<IReadOnlyList<OrgTreeNode>> RootsAsync(CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = scope.IsNational
            ? db.OrgUnits.Where(u => u.ParentId == null)
            : db.OrgUnits.Where(u => u.Id == scope.OrgUnitId);
        return await ToNodes(db, query, ct);
    }

    public async Task<IReadOnlyList<OrgTreeNode>> ChildrenAsync(Guid parentId, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = scope.Visible(db.OrgUnits).Where(u => u.ParentId == parentId);
        return await ToNodes(db, query, ct);
    }

    /// <summary>Accent-insensitive search within scope ("hai ba trung" finds "Hai Bà Trưng"), each hit with its ancestors' names.</summary>
    public async Task<IReadOnlyList<OrgSearchHit>> SearchAsync(string text, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var folded = TextFolding.Fold(text);
        if (folded.Length == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hits = await scope.Visible(db.OrgUnits.AsNoTracking())
            .Where(u => u.SearchText.Contains(folded))
            .OrderBy(u => u.Depth).ThenBy(u => u.Path)
            .Take(MaxSearchHits)
            .Select(u => new { u.Id, u.Code, u.Name, u.Kind, u.Path })
            .ToListAsync(ct);
        var ancestorCodes = hits.SelectMany(h => AncestorCodes(h.Path)).Distinct().ToList();
        var names = await db.OrgUnits.AsNoTracking().Where(u => ancestorCodes.Contains(u.Code))
            .ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        return hits.Select(h => new OrgSearchHit(h.Id, h.Code, h.Name, h.Kind,
            AncestorCodes(h.Path).Select(c => names.GetValueOrDefault(c, c)).ToList())).ToList();
    }

    /// <summary>The unit and its ancestors within the user's scope, from the top down (for drill-down trails).</summary>
    public async Task<IReadOnlyList<OrgTreeNode>> AncestorsAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy đơn vị.");
        var codes = unit.Path.Split(OrgUnit.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var chain = await scope.Visible(db.OrgUnits.AsNoTracking()).Where(u => codes.Contains(u.Code)).OrderBy(u => u.Depth)
            .Select(u => new OrgTreeNode(u.Id, u.Code, u.Name, u.Kind, u.ValidFrom, u.ValidTo, 0)).ToListAsync(ct);
        return chain;
    }

    private static IEnumerable<string> AncestorCodes(string path)
    {
        var codes = path.Split(OrgUnit.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return codes.Take(codes.Length - 1);
    }

    private static Task<List<OrgTreeNode>> ToNodes(AppDbContext db, IQueryable<OrgUnit> query, CancellationToken ct) =>
        query.AsNoTracking().OrderBy(u => u.Code)
            .Select(u => new OrgTreeNode(u.Id, u.Code, u.Name, u.Kind, u.ValidFrom, u.ValidTo, db.OrgUnits.Count(c => c.ParentId == u.Id)))
            .ToListAsync(ct);
}
