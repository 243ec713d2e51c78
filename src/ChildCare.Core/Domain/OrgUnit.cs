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
/// A party organisation in the tree. Units open and close (the 2025 reform merged provinces and
/// abolished districts), so whether a unit exists on a date comes from its validity dates, never a flag.
/// </summary>
public class OrgUnit
{
    public const char PathSeparator = '/';

    private OrgUnit() { }

    public OrgUnit(string code, string name, OrgUnitKind kind, OrgUnit? parent, string? shortName = null,
        DateOnly? validFrom = null, DateOnly? validTo = null, string? note = null)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new DomainException("Mã đơn vị không được để trống.");
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Tên đơn vị không được để trống.");
        Id = Guid.CreateVersion7();
        Code = code.Trim();
        Kind = kind;
        Rename(name, shortName);
        MoveUnder(parent);
        SetValidity(validFrom, validTo);
        Note = note;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? ShortName { get; private set; }
    public OrgUnitKind Kind { get; private set; }
    public Guid? ParentId { get; private set; }
    public OrgUnit? Parent { get; private set; }

    /// <summary>Codes from the root down, e.g. "/TW/P01/P01-D007/"; a subtree is a prefix match.</summary>
    public string Path { get; private set; } = "";
    public int Depth { get; private set; }
    public DateOnly? ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }
    public string? Note { get; private set; }

    /// <summary>Name, short name and code folded (no diacritics, lower case) for accent-insensitive search.</summary>
    public string SearchText { get; private set; } = "";

    public List<OrgUnitSuccession> Successors { get; private set; } = [];
    public List<OrgUnitSuccession> Predecessors { get; private set; } = [];

    public void Rename(string name, string? shortName)
    {
        Name = name.Trim();
        ShortName = string.IsNullOrWhiteSpace(shortName) ? null : shortName.Trim();
        SearchText = TextFolding.Fold($"{Name} {ShortName} {Code}");
    }

    public void MoveUnder(OrgUnit? parent)
    {
        if (parent is not null && (parent.Id == Id || parent.Path.StartsWith(Path, StringComparison.Ordinal) && Path.Length > 0))
            throw new DomainException("Không thể đặt đơn vị dưới chính nó hoặc đơn vị cấp dưới của nó.");
        Parent = parent;
        ParentId = parent?.Id;
        Path = (parent?.Path ?? PathSeparator.ToString()) + Code + PathSeparator;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    public void SetValidity(DateOnly? validFrom, DateOnly? validTo)
    {
        if (validFrom is not null && validTo is not null && validTo < validFrom)
            throw new DomainException("Ngày kết thúc hiệu lực phải sau ngày bắt đầu.");
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    public bool ExistsOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);

    /// <summary>True when the unit existed on at least one day of [start, end].</summary>
    public bool ExistsDuring(DateOnly start, DateOnly end) =>
        (ValidFrom is null || ValidFrom <= end) && (ValidTo is null || start <= ValidTo);

    public bool IsInSubtreeOf(string ancestorPath) => Path.StartsWith(ancestorPath, StringComparison.Ordinal);

    /// <summary>Closes this unit and records what continues it (merger, split, rename).</summary>
    public OrgUnitSuccession SucceededBy(OrgUnit successor, DateOnly effectiveOn, SuccessionKind kind)
    {
        if (successor.Id == Id) throw new DomainException("Đơn vị không thể kế thừa chính nó.");
        var lastDay = effectiveOn.AddDays(-1);
        SetValidity(ValidFrom, lastDay);
        var link = new OrgUnitSuccession(this, successor, effectiveOn, kind);
        Successors.Add(link);
        return link;
    }
}

public enum SuccessionKind
{
    Merger,
    Split,
    Rename,
    Transfer,
}

/// <summary>One unit continuing another from a date, so that history adds up across reforms.</summary>
public class OrgUnitSuccession
{
    private OrgUnitSuccession() { }

    internal OrgUnitSuccession(OrgUnit predecessor, OrgUnit successor, DateOnly effectiveOn, SuccessionKind kind)
    {
        Id = Guid.CreateVersion7();
        Predecessor = predecessor;
        PredecessorId = predecessor.Id;
        Successor = successor;
        SuccessorId = successor.Id;
        EffectiveOn = effectiveOn;
        Kind = kind;
    }

    public Guid Id { get; private set; }
    public Guid PredecessorId { get; private set; }
    public OrgUnit Predecessor { get; private set; } = null!;
    public Guid SuccessorId { get; private set; }
    public OrgUnit Successor { get; private set; } = null!;
    public DateOnly EffectiveOn { get; private set; }
    public SuccessionKind Kind { get; private set; }
}
