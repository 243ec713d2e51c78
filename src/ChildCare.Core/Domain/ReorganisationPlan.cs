using System.Globalization;

namespace ChildCare.Core.Domain;

/// <summary>
/// What a reorganisation's rows mean against the tree as it stands: which units close, which are
/// created, renamed or moved, who continues whom. Pure: built from the loaded units, checked, and
/// applied to them in memory; the caller saves. The same plan gives the preview and the change.
/// </summary>
/// <remarks>
/// The rules: an old unit with a <c>rename</c> or <c>move</c> row continues (same id, a new version
/// from the effective date); any other old unit closes the day before. A new code names an existing
/// unit that goes on (it absorbs) or, if there is none, a unit created from the row; so a province
/// that takes one of its predecessors' codes is a new unit whose predecessors are all the old ones.
/// </remarks>
public sealed class ReorganisationPlan
{
    public sealed record Creation(string Code, string Name, string? ShortName, OrgUnitKind Kind, string ParentCode);

    public sealed record Change(OrgUnit Unit, string Code, string Name, string? ShortName, OrgUnitKind Kind, string? ParentCode, UnitMapping Mapping);

    public sealed record Link(OrgUnit From, string ToCode, SuccessionMapping Mapping, decimal? Share);

    public List<string> Errors { get; } = [];
    public List<string> Warnings { get; } = [];
    public List<Creation> Creations { get; } = [];
    public List<OrgUnit> Closing { get; } = [];
    public List<Change> Changes { get; } = [];
    public List<Link> Links { get; } = [];

    /// <summary>For each closing unit, the code of the unit that takes over its assignments (and, by default, its users).</summary>
    public Dictionary<Guid, string> Heirs { get; } = [];

    public DateOnly EffectiveOn { get; }
    public bool IsValid => Errors.Count == 0;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    // Codes of the day before and of the effective date, and the renames and moves by code and by unit: every
    // question "which unit is this code" is a lookup, so building and applying stay linear in rows and units.
    private Dictionary<string, OrgUnit> _before = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, OrgUnit> _onDay = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Change> _changeByCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<OrgUnit, Change> _changeByUnit = [];
    private HashSet<OrgUnit> _closing = [];

    private ReorganisationPlan(DateOnly effectiveOn) => EffectiveOn = effectiveOn;

    private static Dictionary<string, OrgUnit> ByCode(IEnumerable<OrgUnit> units, DateOnly day)
    {
        var map = new Dictionary<string, OrgUnit>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in units)
            if (u.VersionOn(day) is { } v) map.TryAdd(v.Code, u);
        return map;
    }

    /// <summary>
    /// A plan over the loaded units. Rows over the limits (<see cref="ReorganisationLimits.Check"/>) give a plan with only those
    /// errors, without looking at the units: the caller should have refused them before loading the tree.
    /// </summary>
    public static ReorganisationPlan Build(DateOnly effectiveOn, IReadOnlyList<ReorganisationRow> rows, IReadOnlyCollection<OrgUnit> units)
    {
        var plan = new ReorganisationPlan(effectiveOn);
        plan.Errors.AddRange(ReorganisationLimits.Check(rows));
        if (!plan.IsValid) return plan;
        plan._before = ByCode(units, effectiveOn.AddDays(-1));
        plan._onDay = ByCode(units, effectiveOn);
        plan.Read(rows, units);
        return plan;
    }

    private void Read(IReadOnlyList<ReorganisationRow> rows, IReadOnlyCollection<OrgUnit> units)
    {
        var lastDay = EffectiveOn.AddDays(-1);
        string Line(int i) => $"Dòng {i + 1}";
        var byOld = new Dictionary<OrgUnit, List<(int Index, ReorganisationRow Row)>>();
        var fresh = new List<(int Index, ReorganisationRow Row)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (string.IsNullOrWhiteSpace(row.NewCode)) { Errors.Add($"{Line(i)}: thiếu mã đơn vị mới (newCode)."); continue; }
            if (row.NewCode.Trim().Length > 40) { Errors.Add($"{Line(i)}: mã đơn vị mới tối đa 40 ký tự."); continue; }
            if (row.Share is { } s && (s <= 0 || s > 1)) { Errors.Add($"{Line(i)}: tỷ lệ (share) phải lớn hơn 0 và không quá 1."); continue; }
            if (string.IsNullOrWhiteSpace(row.OldCode)) { fresh.Add((i, row)); continue; }
            if (!_before.TryGetValue(row.OldCode.Trim(), out var old))
            {
                Errors.Add($"{Line(i)}: không có đơn vị mã «{row.OldCode.Trim()}» hoạt động ngày {lastDay:dd/MM/yyyy} (ngày trước ngày hiệu lực).");
                continue;
            }
            if (!byOld.TryGetValue(old, out var list)) byOld[old] = list = [];
            list.Add((i, row));
        }

        // Which old units go on and which close.
        foreach (var (old, list) in byOld)
        {
            var keeps = list.Where(x => x.Row.Mapping is UnitMapping.Rename or UnitMapping.Move).ToList();
            if (keeps.Count > 1) Errors.Add($"{old.Name}: chỉ được một dòng đổi tên hoặc chuyển đơn vị.");
            var wholes = list.Count(x => x.Row.Mapping == UnitMapping.Whole);
            if (wholes > 0 && list.Count > 1) Errors.Add($"{old.Name}: đã sáp nhập toàn bộ (whole) thì không thể có dòng khác.");
            var shares = list.Where(x => x.Row.Mapping is UnitMapping.Part or UnitMapping.Remainder && x.Row.Share is not null).Sum(x => x.Row.Share!.Value);
            if (shares > 1.0001m) Errors.Add($"{old.Name}: tổng tỷ lệ các phần ({shares:0.###}) vượt quá 1.");
            if (keeps.Count == 0) Closing.Add(old);
        }
        var closing = _closing = Closing.ToHashSet();

        // Codes in force on the effective date that go on: new codes naming them point to them.
        OrgUnit? Continuing(string code)
        {
            if (_onDay.TryGetValue(code, out var u) && !closing.Contains(u)) return u;
            if (_before.TryGetValue(code, out u) && !closing.Contains(u)
                && !(_changeByUnit.TryGetValue(u, out var change) && !change.Code.Equals(code, StringComparison.OrdinalIgnoreCase)))
                return u;
            return null;
        }

        // Renames and moves first: they decide which codes are taken on the effective date.
        foreach (var (old, list) in byOld)
        {
            var keep = list.FirstOrDefault(x => x.Row.Mapping is UnitMapping.Rename or UnitMapping.Move);
            if (keep.Row is null) continue;
            var row = keep.Row;
            var current = old.VersionOn(lastDay)!;
            var code = row.NewCode.Trim();
            if (row.Mapping == UnitMapping.Move && string.IsNullOrWhiteSpace(row.NewParentCode))
                Errors.Add($"{Line(keep.Index)}: chuyển đơn vị cần mã đơn vị cấp trên mới (newParentCode).");
            if (_onDay.TryGetValue(code, out var holder) && holder != old && !closing.Contains(holder))
                Errors.Add($"{Line(keep.Index)}: mã «{code}» đang được {holder.Name} sử dụng vào ngày {EffectiveOn:dd/MM/yyyy}.");
            var change = new Change(old, code, string.IsNullOrWhiteSpace(row.NewName) ? current.Name : row.NewName.Trim(),
                string.IsNullOrWhiteSpace(row.NewShortName) ? current.ShortName : row.NewShortName.Trim(), row.NewKind ?? current.Kind,
                string.IsNullOrWhiteSpace(row.NewParentCode) ? null : row.NewParentCode.Trim(), row.Mapping);
            Changes.Add(change);
            _changeByCode.TryAdd(code, change);
            _changeByUnit.TryAdd(old, change);
        }

        // Targets of the other rows: an existing unit that goes on, or one to create.
        var creations = new Dictionary<string, (Creation Spec, int Index)>(StringComparer.OrdinalIgnoreCase);
        void Target(int index, ReorganisationRow row)
        {
            var code = row.NewCode.Trim();
            if (Continuing(code) is not null) return;
            if (_changeByCode.ContainsKey(code))
            {
                Errors.Add($"{Line(index)}: mã «{code}» là mã mới của một đơn vị đổi tên; không thể tạo đơn vị khác cùng mã.");
                return;
            }
            if (string.IsNullOrWhiteSpace(row.NewName) || row.NewKind is null || string.IsNullOrWhiteSpace(row.NewParentCode))
            {
                Errors.Add($"{Line(index)}: đơn vị mới «{code}» cần tên (newName), loại (newKind) và đơn vị cấp trên (newParentCode).");
                return;
            }
            var spec = new Creation(code, row.NewName.Trim(), string.IsNullOrWhiteSpace(row.NewShortName) ? null : row.NewShortName.Trim(),
                row.NewKind.Value, row.NewParentCode.Trim());
            if (creations.TryGetValue(code, out var known))
            {
                if (!known.Spec.Name.Equals(spec.Name, StringComparison.Ordinal) || known.Spec.Kind != spec.Kind
                    || !known.Spec.ParentCode.Equals(spec.ParentCode, StringComparison.OrdinalIgnoreCase))
                    Errors.Add($"{Line(index)}: đơn vị mới «{code}» khác tên, loại hoặc cấp trên so với dòng {known.Index + 1}.");
                return;
            }
            creations[code] = (spec, index);
        }
        foreach (var (index, row) in fresh) Target(index, row);
        foreach (var (old, list) in byOld)
            foreach (var (index, row) in list.Where(x => x.Row.Mapping is UnitMapping.Whole or UnitMapping.Part or UnitMapping.Remainder))
            {
                Target(index, row);
                if (row.NewCode.Trim().Equals(old.VersionOn(lastDay)!.Code, StringComparison.OrdinalIgnoreCase) && !closing.Contains(old)) continue;
                Links.Add(new Link(old, row.NewCode.Trim(), row.Mapping switch
                {
                    UnitMapping.Whole => SuccessionMapping.Whole,
                    UnitMapping.Part => SuccessionMapping.Part,
                    _ => SuccessionMapping.Remainder,
                }, row.Mapping == UnitMapping.Whole ? null : row.Share));
            }
        Creations.AddRange(creations.Values.OrderBy(c => c.Index).Select(c => c.Spec));

        // Parents must exist on the effective date and go on.
        bool Resolvable(string code) => Continuing(code) is not null || creations.ContainsKey(code) || _changeByCode.ContainsKey(code);
        foreach (var c in Creations.Where(c => !Resolvable(c.ParentCode)))
            Errors.Add($"Đơn vị mới «{c.Code}»: không có đơn vị cấp trên mã «{c.ParentCode}» hoạt động từ {EffectiveOn:dd/MM/yyyy}.");
        foreach (var c in Changes.Where(c => c.ParentCode is not null && !Resolvable(c.ParentCode)))
            Errors.Add($"{c.Unit.Name}: không có đơn vị cấp trên mã «{c.ParentCode}» hoạt động từ {EffectiveOn:dd/MM/yyyy}.");
        if (Creations.Any(c => c.ParentCode.Equals(c.Code, StringComparison.OrdinalIgnoreCase)))
            Errors.Add("Một đơn vị mới không thể là cấp trên của chính nó.");

        // Nothing may be left under a unit that closes.
        // One pass over the tree finds what is left under each closing unit.
        var moved = Changes.Where(c => c.ParentCode is not null).Select(c => c.Unit).ToHashSet();
        var closingIds = Closing.Select(u => u.Id).ToHashSet();
        var leftBehind = new Dictionary<Guid, List<OrgUnit>>();
        foreach (var u in units)
            if (u.VersionOn(lastDay)?.ParentId is { } parentId && closingIds.Contains(parentId) && u.VersionOn(EffectiveOn) is not null
                && !closing.Contains(u) && !moved.Contains(u))
            {
                if (!leftBehind.TryGetValue(parentId, out var children)) leftBehind[parentId] = children = [];
                children.Add(u);
            }
        foreach (var parent in Closing)
            foreach (var child in leftBehind.GetValueOrDefault(parent.Id, []).Take(3))
                Errors.Add($"{parent.Name} kết thúc nhưng đơn vị trực thuộc {child.Name} chưa được sắp xếp (kết thúc hoặc chuyển sang đơn vị khác).");
        foreach (var unit in Closing.Where(u => u.Versions.Any(v => v.ValidFrom > lastDay)))
            Errors.Add($"{unit.Name} đã có thay đổi từ sau ngày {lastDay:dd/MM/yyyy}; hãy hủy thay đổi đó trước.");

        // Who takes over the assignments (and, unless told otherwise, the users) of a closing unit.
        foreach (var old in Closing)
        {
            var list = byOld[old];
            var flagged = list.Where(x => x.Row.InheritsAssignments).Select(x => x.Row.NewCode.Trim()).Distinct().ToList();
            var targets = list.Select(x => x.Row.NewCode.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (flagged.Count > 1) Errors.Add($"{old.Name}: chỉ một đơn vị kế thừa nhiệm vụ (inheritsAssignments).");
            else if (flagged.Count == 1) Heirs[old.Id] = flagged[0];
            else if (targets.Count == 1) Heirs[old.Id] = targets[0];
        }
        var unshared = Links.Where(l => l.Mapping != SuccessionMapping.Whole && l.Share is null).Select(l => l.From).Distinct().Count();
        if (unshared > 0)
            Warnings.Add($"{unshared} đơn vị chia tách không có tỷ lệ: số liệu của chúng trước ngày {EffectiveOn:dd/MM/yyyy} sẽ hiện là «không so sánh được» ở đơn vị kế thừa.");
    }

    public int Renamed => Changes.Count(c => c.Mapping == UnitMapping.Rename);
    public int Moved => Changes.Count(c => c.Mapping == UnitMapping.Move);

    /// <summary>The outcome of <see cref="Apply"/>: the units to add, and how to undo it.</summary>
    public sealed record Result(List<OrgUnit> Created, List<OrgUnitSuccession> Links, ReorganisationUndo Undo, Dictionary<string, OrgUnit> ByNewCode);

    /// <summary>Changes the loaded units. Throws <see cref="DomainException"/> if the plan has errors.</summary>
    public Result Apply(Guid reorganisationId, IReadOnlyCollection<OrgUnit> units)
    {
        if (!IsValid) throw new DomainException(string.Join(" ", Errors.Take(5)));
        var lastDay = EffectiveOn.AddDays(-1);
        var undo = new ReorganisationUndo();
        foreach (var u in Closing.Concat(Changes.Select(c => c.Unit)).Distinct())
            undo.Units[u.Id] = [.. u.Snapshot()];

        var resolved = new Dictionary<string, OrgUnit>(StringComparer.OrdinalIgnoreCase);
        var closing = _closing;
        OrgUnit? Find(string code)
        {
            if (resolved.TryGetValue(code, out var u)) return u;
            if (_changeByCode.TryGetValue(code, out var change)) return change.Unit;
            if (_onDay.TryGetValue(code, out u) && !closing.Contains(u)) return u;
            if (_before.TryGetValue(code, out u) && !closing.Contains(u)) return u;
            return null;
        }

        // Parents before their children: a creation whose parent is still to be created walks up the (short, bounded)
        // chain of creations first, so each unit is created once, in one pass.
        var created = new List<OrgUnit>(Creations.Count);
        var specs = Creations.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        var chain = new Stack<Creation>();
        foreach (var creation in Creations)
        {
            for (var c = creation; !resolved.ContainsKey(c.Code); c = specs[c.ParentCode])
            {
                chain.Push(c);
                if (Find(c.ParentCode) is not null) break;
                if (!specs.ContainsKey(c.ParentCode) || chain.Count > specs.Count)
                    throw new DomainException($"Không xác định được đơn vị cấp trên của «{c.Code}».");
            }
            while (chain.TryPop(out var c))
            {
                var unit = new OrgUnit(c.Code, c.Name, c.Kind, Find(c.ParentCode), c.ShortName, EffectiveOn, null, null, reorganisationId);
                resolved[c.Code] = unit;
                created.Add(unit);
                undo.CreatedUnitIds.Add(unit.Id);
            }
        }
        var byId = Changes.Any(c => c.ParentCode is null) ? units.ToDictionary(u => u.Id) : [];
        foreach (var c in Changes)
        {
            var parent = c.ParentCode is null ? c.Unit.VersionOn(lastDay)!.ParentId is { } id ? byId.GetValueOrDefault(id) : null : Find(c.ParentCode);
            c.Unit.ChangeFrom(EffectiveOn, c.Code, c.Name, c.ShortName, c.Kind, parent, reorganisationId);
        }
        foreach (var u in Closing) u.CloseAfter(lastDay);
        var links = new List<OrgUnitSuccession>();
        foreach (var l in Links)
        {
            var to = Find(l.ToCode) ?? throw new DomainException($"Không xác định được đơn vị «{l.ToCode}».");
            if (to == l.From) continue;
            if (l.From.Successors.Any(s => s.SuccessorId == to.Id)) continue;
            links.Add(l.From.SucceededBy(to, EffectiveOn, l.Mapping, l.Share, reorganisationId));
        }
        // A new unit takes its parent's ancestors when it is created and a renamed unit keeps its place; only a move
        // changes the ancestors of a subtree (new units under the moved one included).
        if (Changes.Any(c => c.ParentCode is not null)) OrgUnit.RecomputeAncestors([.. units, .. created]);
        var byNewCode = new Dictionary<string, OrgUnit>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in Heirs.Values.Concat(Links.Select(l => l.ToCode)).Distinct(StringComparer.OrdinalIgnoreCase))
            if (Find(code) is { } u) byNewCode[code] = u;
        return new Result(created, links, undo, byNewCode);
    }
}
