using ChildCare.Core.Text;

namespace ChildCare.Core.Domain;

/// <summary>One stretch of days in which a unit's code, name, kind and parent stayed the same.</summary>
public class OrgUnitVersion
{
    private OrgUnitVersion() { }

    internal OrgUnitVersion(OrgUnit unit, Guid id)
    {
        Id = id;
        OrgUnitId = unit.Id;
    }

    internal OrgUnitVersion(OrgUnit unit, DateOnly? validFrom, DateOnly? validTo, string code, string name, string? shortName, OrgUnitKind kind,
        OrgUnit? parent, Guid? reorganisationId)
    {
        if (validFrom is not null && validTo is not null && validTo < validFrom)
            throw new DomainException("Ngày kết thúc hiệu lực phải sau ngày bắt đầu.");
        Id = Guid.CreateVersion7();
        OrgUnitId = unit.Id;
        ValidFrom = validFrom;
        ValidTo = validTo;
        ReorganisationId = reorganisationId;
        Set(code, name, shortName, kind, parent);
    }

    public Guid Id { get; private set; }
    public Guid OrgUnitId { get; private set; }
    public DateOnly? ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? ShortName { get; private set; }
    public OrgUnitKind Kind { get; private set; }
    public Guid? ParentId { get; private set; }

    /// <summary>Levels below the root on these days (the centre 0, a province 1, a district or a new commune 2).</summary>
    public int Depth { get; private set; }
    public string SearchText { get; private set; } = "";

    /// <summary>The reorganisation that created this version, if any.</summary>
    public Guid? ReorganisationId { get; private set; }

    public bool Contains(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);

    internal void Set(string code, string name, string? shortName, OrgUnitKind kind, OrgUnit? parent)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new DomainException("Mã đơn vị không được để trống.");
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Tên đơn vị không được để trống.");
        if (code.Trim().Length > 40) throw new DomainException("Mã đơn vị tối đa 40 ký tự.");
        if (name.Trim().Length > 300) throw new DomainException("Tên đơn vị tối đa 300 ký tự.");
        Code = code.Trim();
        Name = name.Trim();
        ShortName = string.IsNullOrWhiteSpace(shortName) ? null : shortName.Trim();
        Kind = kind;
        ParentId = parent?.Id;
        Depth = parent is null ? 0 : parent.Depth + 1;
        SearchText = TextFolding.Fold($"{Name} {ShortName} {Code}");
    }

    internal void EndOn(DateOnly? lastDay)
    {
        if (lastDay is not null && ValidFrom is not null && lastDay < ValidFrom)
            throw new DomainException("Ngày kết thúc hiệu lực phải sau ngày bắt đầu.");
        ValidTo = lastDay;
    }

    internal OrgUnitVersionSnapshot ToSnapshot() =>
        new(Id, ValidFrom, ValidTo, Code, Name, ShortName, Kind, ParentId, Depth, ReorganisationId);

    internal void Restore(OrgUnitVersionSnapshot s, OrgUnit? parent)
    {
        ValidFrom = s.ValidFrom;
        ValidTo = s.ValidTo;
        ReorganisationId = s.ReorganisationId;
        Code = s.Code;
        Name = s.Name;
        ShortName = s.ShortName;
        Kind = s.Kind;
        ParentId = s.ParentId;
        Depth = parent is null ? s.Depth : parent.Depth + 1;
        SearchText = TextFolding.Fold($"{Name} {ShortName} {Code}");
    }
}

public sealed record OrgUnitVersionSnapshot(Guid Id, DateOnly? ValidFrom, DateOnly? ValidTo, string Code, string Name, string? ShortName,
    OrgUnitKind Kind, Guid? ParentId, int Depth, Guid? ReorganisationId);

/// <summary>How much of a predecessor a successor continues.</summary>
public enum SuccessionMapping
{
    /// <summary>All of it (a merger, or a unit continued by one new unit).</summary>
    Whole,

    /// <summary>A part of it (a split); with a share, history contributes that share, without one it is not comparable.</summary>
    Part,

    /// <summary>What is left of a split unit after its parts went elsewhere.</summary>
    Remainder,
}

/// <summary>One unit continuing another from a date, so that history adds up across reforms.</summary>
public class OrgUnitSuccession
{
    private OrgUnitSuccession() { }

    internal OrgUnitSuccession(OrgUnit predecessor, OrgUnit successor, DateOnly effectiveOn, SuccessionMapping mapping, decimal? share,
        Guid? reorganisationId)
    {
        Id = Guid.CreateVersion7();
        Predecessor = predecessor;
        PredecessorId = predecessor.Id;
        Successor = successor;
        SuccessorId = successor.Id;
        EffectiveOn = effectiveOn;
        Mapping = mapping;
        Share = share;
        ReorganisationId = reorganisationId;
    }

    public Guid Id { get; private set; }
    public Guid PredecessorId { get; private set; }
    public OrgUnit Predecessor { get; private set; } = null!;
    public Guid SuccessorId { get; private set; }
    public OrgUnit Successor { get; private set; } = null!;
    public DateOnly EffectiveOn { get; private set; }
    public SuccessionMapping Mapping { get; private set; }

    /// <summary>The declared share of the predecessor this successor took (0–1), for splits; null when none was declared.</summary>
    public decimal? Share { get; private set; }
    public Guid? ReorganisationId { get; private set; }
}
