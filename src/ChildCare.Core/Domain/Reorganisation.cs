namespace ChildCare.Core.Domain;

public enum ReorganisationStatus
{
    Draft,
    Applied,
    Reverted,
}

/// <summary>What a row of a reorganisation does with its old unit.</summary>
public enum UnitMapping
{
    /// <summary>The old unit goes wholly into the new one (many old → one new is a merger).</summary>
    Whole,

    /// <summary>A part of the old unit goes to the new one (a split).</summary>
    Part,

    /// <summary>What is left of a split unit goes to the new one.</summary>
    Remainder,

    /// <summary>The old unit stays itself under a new code or name.</summary>
    Rename,

    /// <summary>The old unit stays itself under a new parent.</summary>
    Move,
}

/// <summary>
/// One line of a reorganisation: what becomes of <see cref="OldCode"/> (empty for a body set up from
/// nothing). <see cref="Share"/> is the declared share of the old unit a part or remainder takes, for
/// history; <see cref="InheritsAssignments"/> names the successor that takes over the old unit's
/// assignments when it has several.
/// </summary>
public sealed record ReorganisationRow(string? OldCode, string NewCode, string? NewName, OrgUnitKind? NewKind, string? NewParentCode,
    UnitMapping Mapping, decimal? Share = null, bool InheritsAssignments = false, string? NewShortName = null);

public sealed record ReorganisationSummary(int Created, int Closed, int Renamed, int Moved, int UsersAffected, int OpenReportsAffected);

/// <summary>What an applied reorganisation changed, so that it can be undone exactly.</summary>
public sealed class ReorganisationUndo
{
    public List<Guid> CreatedUnitIds { get; set; } = [];
    public Dictionary<Guid, List<OrgUnitVersionSnapshot>> Units { get; set; } = [];
    public Dictionary<Guid, Guid?> Assignments { get; set; } = [];
    public Dictionary<Guid, Guid> Users { get; set; } = [];

    /// <summary>Documents of a closed unit (a province's plan) handed to its heir: document id → the issuer before.</summary>
    public Dictionary<Guid, Guid> Issuers { get; set; } = [];
}

/// <summary>
/// A dated, legally based set of changes to the org tree (a merger, a split, a rename, a move), kept as
/// data: drafted and previewed, applied as one transaction, undone while it is not yet in force.
/// </summary>
public class Reorganisation
{
    /// <summary>
    /// Rows in one reorganisation. The 1/7/2025 package has 318 rows for Hà Nội and the provinces; the whole
    /// country's 3,321 communes formed from about 10,000 old ones would fit. More is a bug or an attack, and each
    /// row costs a created unit, its version and their audit rows in one transaction.
    /// </summary>
    public const int MaxRows = 10_000;

    /// <summary>
    /// Levels of new units nested under each other in one reorganisation (a new unit under a new unit under …).
    /// The real packages create units under existing ones (1 level; a new province's new communes would be 2);
    /// a long chain is never a reform, and every level deepens every descendant's ancestor list.
    /// </summary>
    public const int MaxNewUnitDepth = 5;

    private Reorganisation() { }

    public Reorganisation(string name, string? legalBasis, DateOnly effectiveOn, IReadOnlyList<ReorganisationRow> rows, Actor by,
        DateTimeOffset at, string? seedKey = null)
    {
        Id = Guid.CreateVersion7();
        CreatedAt = at;
        CreatedBy = by.Name;
        SeedKey = seedKey;
        Replace(name, legalBasis, effectiveOn, rows);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? LegalBasis { get; private set; }
    public DateOnly EffectiveOn { get; private set; }
    public ReorganisationStatus Status { get; private set; }
    public List<ReorganisationRow> Rows { get; private set; } = [];
    public ReorganisationSummary? Summary { get; set; }
    public ReorganisationUndo? Undo { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? AppliedAt { get; private set; }
    public string? AppliedBy { get; private set; }
    public DateTimeOffset? RevertedAt { get; private set; }
    public string? RevertedBy { get; private set; }

    /// <summary>Set on the reorganisations the seed applies (the real history), so a second run finds them.</summary>
    public string? SeedKey { get; private set; }
    public uint Version { get; private set; }

    public DateOnly LastDayBefore => EffectiveOn.AddDays(-1);

    public void Replace(string name, string? legalBasis, DateOnly effectiveOn, IReadOnlyList<ReorganisationRow> rows)
    {
        if (Status != ReorganisationStatus.Draft) throw new DomainException("Chỉ sửa được phương án sắp xếp chưa áp dụng.");
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Tên phương án sắp xếp không được để trống.");
        if (rows.Count == 0) throw new DomainException("Phương án sắp xếp cần ít nhất một dòng.");
        if (ReorganisationLimits.Check(rows) is [var limit, ..]) throw new DomainException(limit);
        Name = name.Trim();
        LegalBasis = string.IsNullOrWhiteSpace(legalBasis) ? null : legalBasis.Trim();
        EffectiveOn = effectiveOn;
        Rows = [.. rows];
    }

    public void MarkApplied(Actor by, DateTimeOffset at, ReorganisationUndo undo, ReorganisationSummary summary)
    {
        if (Status != ReorganisationStatus.Draft)
            throw new DomainException(Status == ReorganisationStatus.Applied ? "Phương án này đã được áp dụng." : "Phương án này đã được hủy áp dụng.");
        Status = ReorganisationStatus.Applied;
        AppliedAt = at;
        AppliedBy = by.Name;
        Undo = undo;
        Summary = summary;
    }

    /// <summary>Only while it is not yet in force: once units have lived under it, history depends on it.</summary>
    public void MarkReverted(Actor by, DateTimeOffset at, DateOnly today)
    {
        if (Status != ReorganisationStatus.Applied) throw new DomainException("Chỉ hủy được phương án đã áp dụng.");
        if (EffectiveOn <= today)
            throw new DomainException($"Phương án đã có hiệu lực từ {EffectiveOn:dd/MM/yyyy}; không thể hủy. Hãy lập phương án sắp xếp mới.");
        Status = ReorganisationStatus.Reverted;
        RevertedAt = at;
        RevertedBy = by.Name;
        Undo = null;
    }
}
