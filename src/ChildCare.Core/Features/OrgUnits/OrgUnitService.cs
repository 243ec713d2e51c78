using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.OrgUnits;

/// <summary>A unit as it stood on a day: code, name, kind and parent of that day; its lifetime in <c>ValidFrom</c>/<c>ValidTo</c>.</summary>
public sealed record OrgUnitDto(Guid Id, string Code, string Name, string? ShortName, OrgUnitKind Kind, Guid? ParentId,
    DateOnly? ValidFrom, DateOnly? ValidTo, int Depth);

public sealed record OrgTreeNode(Guid Id, string Code, string Name, OrgUnitKind Kind, DateOnly? ValidFrom, DateOnly? ValidTo, int ChildCount);

public sealed record OrgSearchHit(Guid Id, string Code, string Name, OrgUnitKind Kind, IReadOnlyList<string> Ancestors, DateOnly? ValidFrom, DateOnly? ValidTo);

/// <summary>A unit before or after a change: another unit (whole, part, remainder) or the same one renamed or moved.</summary>
public sealed record OrgUnitLink(Guid Id, string Code, string Name, string Mapping, decimal? Share, DateOnly EffectiveOn);

public sealed record OrgUnitVersionDto(DateOnly? ValidFrom, DateOnly? ValidTo, string Code, string Name, string? ShortName, OrgUnitKind Kind,
    Guid? ParentId, string? ParentName);

public sealed record OrgUnitDetails(Guid Id, string Code, string Name, string? ShortName, OrgUnitKind Kind, Guid? ParentId, string? ParentName,
    DateOnly? ValidFrom, DateOnly? ValidTo, int Depth, string? Note, IReadOnlyList<OrgUnitVersionDto> Versions,
    IReadOnlyList<OrgUnitLink> Predecessors, IReadOnlyList<OrgUnitLink> Successors, int Users, int OpenReports);

/// <summary>
/// The org tree as the current user may see it, on a day: their unit and everything that was ever under
/// it (or everything, for analysts and administrators). Every list takes the day it describes; the
/// default is today in Vietnam.
/// </summary>
public sealed class OrgUnitService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time)
{
    public const int MaxSearchHits = 100;
    public const int MaxTake = 5000;

    public DateOnly Today => Deadlines.TodayInVietnam(time.GetUtcNow());

    public async Task<IReadOnlyList<OrgUnitDto>> ListAsync(string? search = null, OrgUnitKind? kind = null, int? skip = null, int? take = null,
        DateOnly? asOf = null, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var day = asOf ?? Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Versions(db, scope, day);
        var folded = TextFolding.Fold(search);
        if (folded.Length > 0) query = query.Where(x => x.Version.SearchText.Contains(folded));
        if (kind is not null) query = query.Where(x => x.Version.Kind == kind);
        query = query.OrderBy(x => x.Version.Depth).ThenBy(x => x.Version.Code);
        if (skip is > 0) query = query.Skip(skip.Value);
        if (take is > 0) query = query.Take(Math.Min(take.Value, MaxTake));
        return await query.Select(x => new OrgUnitDto(x.Unit.Id, x.Version.Code, x.Version.Name, x.Version.ShortName, x.Version.Kind,
                x.Version.ParentId, x.Unit.ValidFrom, x.Unit.ValidTo, x.Version.Depth))
            .ToListAsync(ct);
    }

    public async Task<OrgUnitDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().Include(u => u.Versions).AsSplitQuery().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null || !scope.CanSee(unit)) throw new NotFoundException("Không tìm thấy đơn vị trong phạm vi của bạn.");
        var versions = unit.Versions.OrderBy(v => v.ValidFrom ?? DateOnly.MinValue).ToList();
        var parentIds = versions.Select(v => v.ParentId).OfType<Guid>().Distinct().ToList();
        var parentNames = await db.OrgUnits.AsNoTracking().Where(u => parentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        var links = await db.OrgUnitSuccessions.AsNoTracking().Where(s => s.PredecessorId == id || s.SuccessorId == id)
            .Select(s => new { s.PredecessorId, s.SuccessorId, s.Mapping, s.Share, s.EffectiveOn }).ToListAsync(ct);
        var otherIds = links.Select(l => l.PredecessorId == id ? l.SuccessorId : l.PredecessorId).Distinct().ToList();
        // The other side as it stood at the change: a predecessor on its last day, a successor on its first.
        var others = await db.OrgUnitVersions.AsNoTracking().Where(v => otherIds.Contains(v.OrgUnitId)).ToListAsync(ct);
        OrgUnitLink Link(Guid other, DateOnly day, SuccessionMapping mapping, decimal? share, DateOnly effective)
        {
            var v = others.Where(x => x.OrgUnitId == other).OrderBy(x => x.Contains(day) ? 0 : 1).First();
            return new OrgUnitLink(other, v.Code, v.Name, mapping.ToString().ToLowerInvariant(), share, effective);
        }
        var predecessors = links.Where(l => l.SuccessorId == id)
            .Select(l => Link(l.PredecessorId, l.EffectiveOn.AddDays(-1), l.Mapping, l.Share, l.EffectiveOn)).ToList();
        var successors = links.Where(l => l.PredecessorId == id)
            .Select(l => Link(l.SuccessorId, l.EffectiveOn, l.Mapping, l.Share, l.EffectiveOn)).ToList();
        // A rename or a move keeps the unit: its versions are its own predecessors and successors.
        for (var i = 1; i < versions.Count; i++)
        {
            var (was, now) = (versions[i - 1], versions[i]);
            var mapping = was.ParentId != now.ParentId ? "move" : "rename";
            var on = now.ValidFrom!.Value;
            predecessors.Add(new OrgUnitLink(id, was.Code, was.Name, mapping, null, on));
            successors.Add(new OrgUnitLink(id, now.Code, now.Name, mapping, null, on));
        }
        var users = await db.Users.CountAsync(u => u.OrgUnitId == id, ct);
        var open = await db.ProgressReports.CountAsync(r => r.OrgUnitId == id && r.Status != ReportStatus.Accepted, ct);
        return new OrgUnitDetails(unit.Id, unit.Code, unit.Name, unit.ShortName, unit.Kind, unit.ParentId,
            unit.ParentId is { } p ? parentNames.GetValueOrDefault(p) : null, unit.ValidFrom, unit.ValidTo, unit.Depth, unit.Note,
            versions.Select(v => new OrgUnitVersionDto(v.ValidFrom, v.ValidTo, v.Code, v.Name, v.ShortName, v.Kind, v.ParentId,
                v.ParentId is { } vp ? parentNames.GetValueOrDefault(vp) : null)).ToList(),
            predecessors.OrderBy(l => l.EffectiveOn).ThenBy(l => l.Code).ToList(), successors.OrderBy(l => l.EffectiveOn).ThenBy(l => l.Code).ToList(),
            users, open);
    }

    /// <summary>The roots of the user's tree on a day: the root for national users, their own unit otherwise.</summary>
    public async Task<IReadOnlyList<OrgTreeNode>> RootsAsync(DateOnly? asOf = null, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var day = asOf ?? Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = scope.IsNational
            ? db.OrgUnitVersions.ValidOn(day).Where(v => v.ParentId == null)
            : db.OrgUnitVersions.Where(v => v.OrgUnitId == scope.OrgUnitId)
                .OrderBy(v => (v.ValidFrom == null || v.ValidFrom <= day) && (v.ValidTo == null || v.ValidTo >= day) ? 0 : 1)
                .ThenByDescending(v => v.ValidFrom).Take(1);
        return await ToNodes(db, query, day, ct);
    }

    public async Task<IReadOnlyList<OrgTreeNode>> ChildrenAsync(Guid parentId, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var day = asOf ?? Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = scope.Visible(db.OrgUnits).Select(u => u.Id);
        var query = db.OrgUnitVersions.ValidOn(day).Where(v => v.ParentId == parentId && visible.Contains(v.OrgUnitId));
        return await ToNodes(db, query, day, ct);
    }

    /// <summary>Accent-insensitive search within scope among the units of a day ("hai ba trung" finds "Hai Bà Trưng"), each hit with its ancestors.</summary>
    public async Task<IReadOnlyList<OrgSearchHit>> SearchAsync(string text, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var folded = TextFolding.Fold(text);
        if (folded.Length == 0) return [];
        var day = asOf ?? Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hits = await Versions(db, scope, day)
            .Where(x => x.Version.SearchText.Contains(folded))
            .OrderBy(x => x.Version.Depth).ThenBy(x => x.Version.Code)
            .Take(MaxSearchHits)
            .Select(x => new { x.Unit.Id, x.Version.Code, x.Version.Name, x.Version.Kind, x.Version.ParentId, x.Unit.ValidFrom, x.Unit.ValidTo })
            .ToListAsync(ct);
        var chains = await ChainsAsync(db, hits.Select(h => h.ParentId).OfType<Guid>(), day, ct);
        return hits.Select(h => new OrgSearchHit(h.Id, h.Code, h.Name, h.Kind,
            h.ParentId is { } p ? chains.GetValueOrDefault(p, []) : [], h.ValidFrom, h.ValidTo)).ToList();
    }

    /// <summary>The unit and its ancestors within the user's scope on a day, from the top down (for drill-down trails).</summary>
    public async Task<IReadOnlyList<OrgTreeNode>> AncestorsAsync(Guid id, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var day = asOf ?? Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chain = new List<OrgTreeNode>();
        Guid? next = id;
        while (next is { } current && chain.Count < 10)
        {
            var unit = await db.OrgUnits.AsNoTracking().Include(u => u.Versions).SingleOrDefaultAsync(u => u.Id == current, ct);
            if (unit is null) break;
            var v = unit.VersionOn(day) ?? unit.Latest;
            if (scope.CanSee(unit)) chain.Insert(0, new OrgTreeNode(unit.Id, v.Code, v.Name, v.Kind, unit.ValidFrom, unit.ValidTo, 0));
            next = v.ParentId;
        }
        if (chain.Count == 0) throw new NotFoundException("Không tìm thấy đơn vị.");
        return chain;
    }

    /// <summary>The versions valid on a day of the units the user may see.</summary>
    private static IQueryable<UnitVersion> Versions(AppDbContext db, UserScope scope, DateOnly day) =>
        scope.Visible(db.OrgUnits).Join(db.OrgUnitVersions.ValidOn(day), u => u.Id, v => v.OrgUnitId, (u, v) => new UnitVersion { Unit = u, Version = v });

    private sealed class UnitVersion
    {
        public OrgUnit Unit { get; init; } = null!;
        public OrgUnitVersion Version { get; init; } = null!;
    }

    /// <summary>For each unit, the names of its ancestors on a day, from the top down.</summary>
    private static async Task<Dictionary<Guid, List<string>>> ChainsAsync(AppDbContext db, IEnumerable<Guid> unitIds, DateOnly day, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        var all = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.AncestorIds).ToListAsync(ct);
        var wanted = ids.Concat(all.SelectMany(a => a)).Distinct().ToList();
        var versions = await db.OrgUnitVersions.AsNoTracking().ValidOn(day).Where(v => wanted.Contains(v.OrgUnitId))
            .ToDictionaryAsync(v => v.OrgUnitId, ct);
        var result = new Dictionary<Guid, List<string>>();
        foreach (var id in ids)
        {
            var names = new List<string>();
            Guid? next = id;
            while (next is { } current && versions.TryGetValue(current, out var v) && names.Count < 10)
            {
                names.Insert(0, v.Name);
                next = v.ParentId;
            }
            result[id] = names;
        }
        return result;
    }

    private static Task<List<OrgTreeNode>> ToNodes(AppDbContext db, IQueryable<OrgUnitVersion> query, DateOnly day, CancellationToken ct) =>
        query.AsNoTracking().Join(db.OrgUnits, v => v.OrgUnitId, u => u.Id, (v, u) => new { v, u })
            .OrderBy(x => x.v.Code)
            .Select(x => new OrgTreeNode(x.u.Id, x.v.Code, x.v.Name, x.v.Kind, x.u.ValidFrom, x.u.ValidTo,
                db.OrgUnitVersions.Count(c => c.ParentId == x.u.Id && (c.ValidFrom == null || c.ValidFrom <= day) && (c.ValidTo == null || c.ValidTo >= day))))
            .ToListAsync(ct);
}
