using System.Globalization;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.OrgUnits;

/// <summary>
/// What a drafted reorganisation would do, computed on an untracked copy of the tree nobody saves: units created and
/// closed, accounts to move (with the proposed unit), open reports, and how many reporters each affected parent expects
/// in the coming quarters before and after.
/// </summary>
internal static class ReorganisationPreview
{
    internal static async Task<ReorganisationDetails> BuildAsync(AppDbContext db, Reorganisation r, List<OrgUnit> units, ReorganisationPlan plan,
        CancellationToken ct)
    {
        var closingIds = plan.Closing.Select(u => u.Id).ToList();
        var users = await db.Users.AsNoTracking().Where(u => closingIds.Contains(u.OrgUnitId))
            .Select(u => new { u.Id, u.Email, u.FullName, u.OrgUnitId }).ToListAsync(ct);
        var openReports = await ReorganisationService.OpenReportsAsync(db, closingIds, ct);
        var directives = await db.Directives.AsNoTracking().Where(d => d.Status == DirectiveStatus.Active).ToListAsync(ct);
        var directiveIds = directives.Select(d => d.Id).ToList();
        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(p => directiveIds.Contains(p.DirectiveId) && p.Kind == PeriodKind.Quarter && p.EndsOn >= r.EffectiveOn)
            .OrderBy(p => p.StartsOn).ToListAsync(ct);

        // The parents whose reporters change: where units close, are created, or move to and from.
        var lastDay = r.LastDayBefore;
        var parentIds = plan.Closing.Select(u => u.VersionOn(lastDay)?.ParentId)
            .Concat(plan.Changes.Select(c => c.Unit.VersionOn(lastDay)?.ParentId))
            .OfType<Guid>().ToHashSet();
        var parentCodes = plan.Creations.Select(c => c.ParentCode).Concat(plan.Changes.Select(c => c.ParentCode)).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var u in units)
            if (u.VersionOn(r.EffectiveOn) is { } v && parentCodes.Contains(v.Code)) parentIds.Add(u.Id);
        var before = Count(units);

        // The same plan, applied to the untracked units nobody saves (they are read afresh for anything else).
        List<OrgUnit> created = plan.IsValid ? plan.Apply(r.Id, units).Created : [];
        List<OrgUnit> afterUnits = [.. units, .. created];
        var after = Count(afterUnits);

        Dictionary<(Guid Directive, Guid Parent, Guid Period), int> Count(List<OrgUnit> tree)
        {
            // Only units that ever sit under one of those parents can count: found once, not per directive and period.
            var under = tree.Where(u => u.Versions.Any(v => v.ParentId is { } p && parentIds.Contains(p))).ToList();
            var counts = new Dictionary<(Guid, Guid, Guid), int>();
            foreach (var d in directives)
                foreach (var p in periods.Where(p => p.DirectiveId == d.Id).Take(ReorganisationService.PreviewPeriods))
                {
                    var day = ReportingRule.DecidingDay(p);
                    foreach (var u in under)
                        if (u.VersionOn(day) is { ParentId: { } parent } v && parentIds.Contains(parent) && ReportingRule.Reports(d, v))
                            counts[(d.Id, parent, p.Id)] = counts.GetValueOrDefault((d.Id, parent, p.Id)) + 1;
                }
            return counts;
        }
        var names = afterUnits.ToDictionary(u => u.Id, u => u.Name);
        var expected = new List<ExpectedChange>();
        foreach (var d in directives)
            foreach (var p in periods.Where(p => p.DirectiveId == d.Id).Take(ReorganisationService.PreviewPeriods))
                foreach (var parent in parentIds.Where(names.ContainsKey).OrderBy(id => names[id]))
                {
                    var (b, a) = (before.GetValueOrDefault((d.Id, parent, p.Id)), after.GetValueOrDefault((d.Id, parent, p.Id)));
                    if (b != 0 || a != 0) expected.Add(new ExpectedChange(d.Code, names[parent], p.Code, b, a));
                }

        var byNewCode = afterUnits.Where(u => u.ExistsOn(r.EffectiveOn)).GroupBy(u => u.VersionOn(r.EffectiveOn)!.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        // Without a named heir, a user is proposed the remainder of a split, else the first successor.
        var firstSuccessor = new Dictionary<Guid, ReorganisationPlan.Link>();
        foreach (var l in plan.Links)
            if (!firstSuccessor.TryGetValue(l.From.Id, out var known)
                || (known.Mapping != SuccessionMapping.Remainder && l.Mapping == SuccessionMapping.Remainder))
                firstSuccessor[l.From.Id] = l;
        UnitRef? Proposed(Guid unitId)
        {
            var code = plan.Heirs.GetValueOrDefault(unitId) ?? firstSuccessor.GetValueOrDefault(unitId)?.ToCode;
            return code is not null && byNewCode.TryGetValue(code, out var u) ? new UnitRef(u.Id, code, u.VersionOn(r.EffectiveOn)!.Name) : null;
        }
        var closingById = plan.Closing.ToDictionary(u => u.Id);
        var affected = users.Select(u =>
        {
            var from = closingById[u.OrgUnitId];
            return new AffectedUser(u.Id, u.Email ?? "", u.FullName, new UnitRef(from.Id, from.VersionOn(lastDay)!.Code, from.VersionOn(lastDay)!.Name),
                Proposed(u.OrgUnitId));
        }).OrderBy(u => u.From.Code).ThenBy(u => u.Email).ToList();

        var kinds = plan.Creations.Select(c => c.Kind).Concat(plan.Closing.Select(u => u.VersionOn(lastDay)!.Kind)).Distinct().OrderBy(k => k);
        var levels = kinds.Select(k => new LevelChange(k, plan.Creations.Count(c => c.Kind == k), plan.Closing.Count(u => u.VersionOn(lastDay)!.Kind == k))).ToList();
        var summary = new ReorganisationSummary(plan.Creations.Count, plan.Closing.Count, plan.Renamed, plan.Moved, users.Count, openReports);
        return new ReorganisationDetails(r.Id, r.Name, r.LegalBasis, r.EffectiveOn, r.Status, summary, plan.Errors, plan.Warnings, levels,
            created.Select(u => new UnitRef(u.Id, u.Code, u.Name)).ToList(),
            plan.Closing.Select(u => new UnitRef(u.Id, u.VersionOn(lastDay)!.Code, u.VersionOn(lastDay)!.Name)).OrderBy(u => u.Code).ToList(),
            affected, expected, r.Rows, r.CreatedAt, r.CreatedBy, r.AppliedAt, r.AppliedBy, r.RevertedAt, r.RevertedBy,
            CanApply: plan.IsValid, CanRevert: false);
    }
}
