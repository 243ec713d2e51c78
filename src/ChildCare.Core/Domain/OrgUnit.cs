using ChildCare.Core.Text;

namespace ChildCare.Core.Domain;

public enum OrgUnitKind
{
    CentralCommittee,
    CentralBody,
    StateAgency,
    MassOrganization,
    ProvincialCommittee,
    DistrictCommittee,
    GrassrootsCommittee,
}

/// <summary>
/// A party organisation in the tree. Units open, close, are renamed and moved (the 2025 reform merged
/// provinces and abolished districts), so what a unit is called and where it sits depends on the day:
/// each period of unchanged attributes is an <see cref="OrgUnitVersion"/>. The unit's own columns
/// mirror its latest version, for joins and labels; anything that asks "on that day" reads the versions.
/// </summary>
public class OrgUnit
{
    private OrgUnit() { }

    public OrgUnit(string code, string name, OrgUnitKind kind, OrgUnit? parent, string? shortName = null,
        DateOnly? validFrom = null, DateOnly? validTo = null, string? note = null, Guid? reorganisationId = null)
    {
        if (validFrom is not null && validTo is not null && validTo < validFrom)
            throw new DomainException("Ngày kết thúc hiệu lực phải sau ngày bắt đầu.");
        Id = Guid.CreateVersion7();
        Note = note;
        Versions.Add(new OrgUnitVersion(this, validFrom, validTo, code, name, shortName, kind, parent, reorganisationId));
        if (parent is not null) AncestorIds = [.. parent.AncestorIds, parent.Id];
        Sync();
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? ShortName { get; private set; }
    public OrgUnitKind Kind { get; private set; }
    public Guid? ParentId { get; private set; }
    public int Depth { get; private set; }
    public DateOnly? ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }
    public string? Note { get; set; }

    /// <summary>Name, short name and code folded (no diacritics, lower case) for accent-insensitive search.</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>
    /// Every unit this one has ever sat under, at any date: a user's scope is their unit's subtree across
    /// time, so a closed district's office still reads its wards' history. Keyed by id, never by code,
    /// so a later unit that reuses a code (the new Tuyên Quang took the old one's P08) never inherits
    /// the closed one's subtree.
    /// </summary>
    public List<Guid> AncestorIds { get; private set; } = [];

    public List<OrgUnitVersion> Versions { get; private set; } = [];
    public List<OrgUnitSuccession> Successors { get; private set; } = [];
    public List<OrgUnitSuccession> Predecessors { get; private set; } = [];

    public OrgUnitVersion? VersionOn(DateOnly day) => Versions.FirstOrDefault(v => v.Contains(day));

    public OrgUnitVersion Latest => Versions.OrderBy(v => v.ValidFrom ?? DateOnly.MinValue).Last();

    public bool ExistsOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);

    /// <summary>True when the unit existed on at least one day of [start, end].</summary>
    public bool ExistsDuring(DateOnly start, DateOnly end) =>
        (ValidFrom is null || ValidFrom <= end) && (ValidTo is null || start <= ValidTo);

    /// <summary>
    /// From <paramref name="from"/> on the unit has these attributes (a rename, a move, a change of
    /// kind); the version in force that day ends the day before. Earlier days keep what they had.
    /// </summary>
    public OrgUnitVersion ChangeFrom(DateOnly from, string code, string name, string? shortName, OrgUnitKind kind, OrgUnit? parent,
        Guid? reorganisationId = null)
    {
        var current = VersionOn(from) ?? throw new DomainException($"{Name} không tồn tại vào ngày {from:dd/MM/yyyy}.");
        if (parent is not null && (parent.Id == Id || parent.AncestorIds.Contains(Id)))
            throw new DomainException("Không thể đặt đơn vị dưới chính nó hoặc đơn vị cấp dưới của nó.");
        if (parent is not null && !parent.ExistsOn(from))
            throw new DomainException($"{parent.Name} không tồn tại vào ngày {from:dd/MM/yyyy}.");
        OrgUnitVersion next;
        if (current.ValidFrom == from)
        {
            current.Set(code, name, shortName, kind, parent);
            next = current;
        }
        else
        {
            next = new OrgUnitVersion(this, from, current.ValidTo, code, name, shortName, kind, parent, reorganisationId);
            current.EndOn(from.AddDays(-1));
            Versions.Add(next);
        }
        if (parent is not null) AncestorIds = [.. AncestorIds.Union(parent.AncestorIds).Union([parent.Id])];
        Sync();
        return next;
    }

    /// <summary>The unit's last day. A unit that already changed after that day cannot be closed before the change.</summary>
    public void CloseAfter(DateOnly lastDay)
    {
        if (ValidFrom is { } start && lastDay < start)
            throw new DomainException($"{Name} bắt đầu hoạt động từ {start:dd/MM/yyyy}, không thể kết thúc trước ngày đó.");
        if (Versions.Any(v => v.ValidFrom > lastDay))
            throw new DomainException($"{Name} đã có thay đổi sau ngày {lastDay:dd/MM/yyyy}; hãy hủy thay đổi đó trước.");
        var version = VersionOn(lastDay) ?? throw new DomainException($"{Name} không còn hoạt động vào ngày {lastDay:dd/MM/yyyy}.");
        version.EndOn(lastDay);
        Sync();
    }

    /// <summary>Undoes a closure: the last version runs on without an end.</summary>
    public void Reopen()
    {
        Latest.EndOn(null);
        Sync();
    }

    /// <summary>Puts back the versions a reorganisation found (its undo).</summary>
    public void RestoreVersions(IReadOnlyList<OrgUnitVersionSnapshot> snapshot, Func<Guid?, OrgUnit?> unitById)
    {
        Versions.RemoveAll(v => snapshot.All(s => s.Id != v.Id));
        foreach (var s in snapshot)
        {
            var v = Versions.FirstOrDefault(x => x.Id == s.Id);
            if (v is null) Versions.Add(v = new OrgUnitVersion(this, s.Id));
            v.Restore(s, unitById(s.ParentId));
        }
        Sync();
    }

    public IReadOnlyList<OrgUnitVersionSnapshot> Snapshot() => Versions.Select(v => v.ToSnapshot()).ToList();

    private void ReplaceAncestors(IEnumerable<Guid> ancestors) => AncestorIds = [.. ancestors.Distinct().OrderBy(x => x)];

    /// <summary>
    /// The ancestors of every unit across time: the parents of all its versions and, recursively, theirs.
    /// Run after moves and undos over the whole tree (a few thousand units: milliseconds).
    /// </summary>
    public static void RecomputeAncestors(IReadOnlyCollection<OrgUnit> units)
    {
        var byId = units.ToDictionary(u => u.Id);
        var memo = new Dictionary<Guid, HashSet<Guid>>();
        HashSet<Guid> Of(OrgUnit u, HashSet<Guid> visiting)
        {
            if (memo.TryGetValue(u.Id, out var known)) return known;
            if (!visiting.Add(u.Id)) return [];
            var set = new HashSet<Guid>();
            foreach (var parentId in u.Versions.Select(v => v.ParentId).OfType<Guid>().Distinct())
            {
                set.Add(parentId);
                if (byId.TryGetValue(parentId, out var parent)) set.UnionWith(Of(parent, visiting));
            }
            visiting.Remove(u.Id);
            return memo[u.Id] = set;
        }
        foreach (var u in units)
        {
            var set = Of(u, []);
            if (!set.SetEquals(u.AncestorIds)) u.ReplaceAncestors(set);
        }
    }

    /// <summary>Mirrors the latest version and the whole lifetime onto the unit's own columns.</summary>
    internal void Sync()
    {
        var latest = Latest;
        Code = latest.Code;
        Name = latest.Name;
        ShortName = latest.ShortName;
        Kind = latest.Kind;
        ParentId = latest.ParentId;
        Depth = latest.Depth;
        SearchText = latest.SearchText;
        ValidFrom = Versions.Any(v => v.ValidFrom is null) ? null : Versions.Min(v => v.ValidFrom);
        ValidTo = Versions.Any(v => v.ValidTo is null) ? null : Versions.Max(v => v.ValidTo);
    }

    /// <summary>Records that <paramref name="successor"/> continues this unit (whole or part) from a date.</summary>
    public OrgUnitSuccession SucceededBy(OrgUnit successor, DateOnly effectiveOn, SuccessionMapping mapping, decimal? share = null,
        Guid? reorganisationId = null)
    {
        if (successor.Id == Id) throw new DomainException("Đơn vị không thể kế thừa chính nó.");
        if (share is not null && (share <= 0 || share > 1)) throw new DomainException("Tỷ lệ phải lớn hơn 0 và không quá 1.");
        if (mapping == SuccessionMapping.Whole && share is not null && share != 1)
            throw new DomainException("Sáp nhập toàn bộ không có tỷ lệ.");
        var link = new OrgUnitSuccession(this, successor, effectiveOn, mapping, mapping == SuccessionMapping.Whole ? null : share, reorganisationId);
        Successors.Add(link);
        successor.Predecessors.Add(link);
        return link;
    }
}
