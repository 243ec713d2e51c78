namespace ChildCare.Core.Domain;

public enum IndicatorAggregation
{
    /// <summary>Values add up across units.</summary>
    Sum,

    /// <summary>Σ numerator / Σ denominator, recomputed at every level — never an average of child rates.</summary>
    Rate,
}

public enum IndicatorDirection
{
    Higher,
    Lower,
    None,
}

/// <summary>How an indicator behaves over a range of periods.</summary>
public enum IndicatorNature
{
    /// <summary>Events in the period (deaths, conferences, cases): periods add up.</summary>
    Flow,

    /// <summary>A level at a point in time (coverage, share of units): the latest period counts.</summary>
    Stock,
}

public enum IndicatorUnit
{
    Percent,
    PerThousand,
    PerHundredThousand,
    Count,
    MillionVnd,
}

/// <summary>The figures a summary report's first section quotes ("… đã ban hành kế hoạch", "… hội nghị quán triệt").</summary>
public enum SummaryFigure
{
    /// <summary>A rate: organisations that issued their plan (numerator) of those expected (denominator).</summary>
    PlansIssued,

    /// <summary>A count of dissemination conferences.</summary>
    Conferences,

    /// <summary>A count of attendees from outside the Party.</summary>
    Attendance,

    /// <summary>A rate: party members reached (numerator) of all members (denominator).</summary>
    MembersReached,
}

public class Indicator
{
    private Indicator() { }

    public Indicator(Directive directive, TaskArea? taskArea, string code, string name, IndicatorUnit unit,
        IndicatorAggregation aggregation, IndicatorDirection direction, IndicatorNature nature)
    {
        if (aggregation == IndicatorAggregation.Rate && unit is IndicatorUnit.Count or IndicatorUnit.MillionVnd)
            throw new DomainException("Chỉ tiêu dạng tỷ lệ phải có đơn vị %, ‰ hoặc trên 100.000.");
        Id = Guid.CreateVersion7();
        DirectiveId = directive.Id;
        TaskAreaId = taskArea?.Id;
        Code = code;
        Name = name;
        Unit = unit;
        Aggregation = aggregation;
        Direction = direction;
        Nature = nature;
    }

    public Guid Id { get; private set; }
    public Guid DirectiveId { get; private set; }
    public Guid? TaskAreaId { get; private set; }
    public TaskArea? TaskArea { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public IndicatorUnit Unit { get; private set; }
    public IndicatorAggregation Aggregation { get; private set; }
    public IndicatorDirection Direction { get; set; }
    public IndicatorNature Nature { get; set; }
    public string? Note { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Which figure of a summary report's leadership paragraph this indicator gives, if any (data of the document, not code).</summary>
    public SummaryFigure? SummaryFigure { get; set; }

    /// <summary>Whether the summary report's indicator annex quotes it, unit by unit, against its target.</summary>
    public bool InSummaryAnnex { get; set; }
    public List<IndicatorTarget> Targets { get; private set; } = [];

    /// <summary>The factor a rate's ratio is multiplied by: 100 for %, 1,000 for ‰, 100,000 per 100,000.</summary>
    public decimal Scale => ScaleOf(Unit);

    public static decimal ScaleOf(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Percent => 100m,
        IndicatorUnit.PerThousand => 1_000m,
        IndicatorUnit.PerHundredThousand => 100_000m,
        _ => 1m,
    };

    /// <summary>The scaled ratio, or null when nothing was reported or the denominator is 0.</summary>
    public decimal? RateOf(decimal? numerator, decimal? denominator) =>
        numerator is null || denominator is null or 0 ? null : numerator.Value / denominator.Value * Scale;

    public void RemoveTarget(Guid targetId)
    {
        var target = Targets.FirstOrDefault(t => t.Id == targetId) ?? throw new DomainException("Không tìm thấy mục tiêu.");
        Targets.Remove(target);
    }

    /// <summary>Against the nearest target from the period's year on (the first source when two disagree).</summary>
    public TargetStatus StatusAgainstTarget(decimal? value, int year)
    {
        if (value is null) return TargetStatus.NoData;
        if (Direction == IndicatorDirection.None) return TargetStatus.NoDirection;
        var target = Targets.Where(t => t.Value is not null).OrderBy(t => t.Year < year ? 1 : 0).ThenBy(t => t.Year < year ? -t.Year : t.Year)
            .FirstOrDefault();
        if (target?.Value is not { } goal) return TargetStatus.NoTarget;
        var met = Direction == IndicatorDirection.Higher ? value >= goal : value <= goal;
        return met ? TargetStatus.Met : TargetStatus.NotMet;
    }

    public IndicatorTarget AddTarget(int year, decimal? value, string? source, string? description = null)
    {
        if (Targets.Any(t => t.Year == year && t.Source == source))
            throw new DomainException($"Chỉ tiêu đã có mục tiêu năm {year} theo nguồn này.");
        var target = new IndicatorTarget(this, year, value, source, description);
        Targets.Add(target);
        return target;
    }
}

/// <summary>A target for a year and where it comes from; two sources can set different targets — both are kept.</summary>
public class IndicatorTarget
{
    private IndicatorTarget() { }

    internal IndicatorTarget(Indicator indicator, int year, decimal? value, string? source, string? description)
    {
        if (year is < 2000 or > 2100) throw new DomainException("Năm mục tiêu không hợp lệ.");
        if (value is null && string.IsNullOrWhiteSpace(description))
            throw new DomainException("Mục tiêu cần có giá trị hoặc mô tả.");
        Id = Guid.CreateVersion7();
        IndicatorId = indicator.Id;
        Year = year;
        Value = value;
        Source = source;
        Description = description;
    }

    public Guid Id { get; private set; }
    public Guid IndicatorId { get; private set; }
    public int Year { get; private set; }
    public decimal? Value { get; private set; }
    public string? Source { get; private set; }

    /// <summary>A target that is not a plain value, e.g. "giảm 10% so với năm 2020".</summary>
    public string? Description { get; private set; }
}

/// <summary>Where an indicator's value stands against its target.</summary>
public enum TargetStatus
{
    NoData,
    NoTarget,
    NoDirection,
    Met,
    NotMet,
}
