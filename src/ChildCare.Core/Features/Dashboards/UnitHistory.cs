using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ChildCare.Core.Features.Dashboards;

/// <summary>Who stands for a unit on a day before it existed (see <see cref="DashboardService.TrendAsync"/>).</summary>
public sealed record UnitHistory(Dictionary<Guid, (DateOnly? From, DateOnly? To)> Lives,
    List<(Guid Successor, Guid Predecessor, SuccessionMapping Mapping, decimal? Share)> Links)
{
    /// <summary>How far back predecessors are followed (a reform every few years: six is decades).</summary>
    private const int MaxGenerations = 6;

    /// <summary>The unit, its predecessors, theirs, and so on, with their lifetimes and mappings.</summary>
    public static async Task<UnitHistory> LoadAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var lives = new Dictionary<Guid, (DateOnly? From, DateOnly? To)>();
        var links = new List<(Guid Successor, Guid Predecessor, SuccessionMapping Mapping, decimal? Share)>();
        var frontier = new List<Guid> { unitId };
        for (var level = 0; level < MaxGenerations && frontier.Count > 0; level++)
        {
            var ids = frontier;
            foreach (var u in await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.ValidFrom, u.ValidTo }).ToListAsync(ct))
                lives[u.Id] = (u.ValidFrom, u.ValidTo);
            var found = await db.OrgUnitSuccessions.AsNoTracking().Where(s => ids.Contains(s.SuccessorId))
                .Select(s => new { s.SuccessorId, s.PredecessorId, s.Mapping, s.Share }).ToListAsync(ct);
            links.AddRange(found.Select(f => (f.SuccessorId, f.PredecessorId, f.Mapping, f.Share)));
            frontier = found.Select(f => f.PredecessorId).Where(id => !lives.ContainsKey(id)).Distinct().ToList();
        }
        return new UnitHistory(lives, links);
    }

    /// <summary>Adds the units whose figures make up <paramref name="unitId"/>'s on <paramref name="day"/>; false when a split has no share.</summary>
    public bool Contribute(Guid unitId, DateOnly day, decimal factor, List<(Guid Unit, decimal Factor)> into, int depth = 0)
    {
        if (!Lives.TryGetValue(unitId, out var life) || depth > MaxGenerations) return true;
        if ((life.From is null || life.From <= day) && (life.To is null || day <= life.To))
        {
            into.Add((unitId, factor));
            return true;
        }
        if (life.From is null || life.From <= day) return true; // closed before that day: nothing of it
        foreach (var link in Links.Where(l => l.Successor == unitId))
        {
            if (link.Mapping != SuccessionMapping.Whole && link.Share is null) return false;
            if (!Contribute(link.Predecessor, day, link.Mapping == SuccessionMapping.Whole ? factor : factor * link.Share!.Value, into, depth + 1))
                return false;
        }
        return true;
    }
}
