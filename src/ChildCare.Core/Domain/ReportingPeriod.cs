namespace ChildCare.Core.Domain;

public enum PeriodKind
{
    Quarter,
    HalfYear,
    Year,
    Review,
}

public enum PeriodState
{
    /// <summary>Reports are filed and reviewed.</summary>
    Open,

    /// <summary>The deadline has passed: reports are still accepted but marked late.</summary>
    Closed,

    /// <summary>No more changes.</summary>
    Locked,
}

public class ReportingPeriod
{
    private ReportingPeriod() { }

    public ReportingPeriod(Directive directive, string code, string name, PeriodKind kind, DateOnly startsOn, DateOnly endsOn,
        DateOnly dataFrom, DateOnly dataTo, DateOnly dueOnUnit, DateOnly dueOnProvince)
    {
        if (endsOn < startsOn) throw new DomainException("Ngày kết thúc kỳ phải sau ngày bắt đầu.");
        if (dataTo < dataFrom) throw new DomainException("Ngày chốt số liệu phải sau ngày bắt đầu lấy số liệu.");
        if (dueOnProvince < dueOnUnit) throw new DomainException("Hạn báo cáo của cấp tỉnh không được sớm hơn hạn của cấp huyện.");
        Id = Guid.CreateVersion7();
        DirectiveId = directive.Id;
        Code = code;
        Name = name;
        Kind = kind;
        StartsOn = startsOn;
        EndsOn = endsOn;
        DataFrom = dataFrom;
        DataTo = dataTo;
        DueOnUnit = dueOnUnit;
        DueOnProvince = dueOnProvince;
        State = PeriodState.Open;
    }

    public Guid Id { get; private set; }
    public Guid DirectiveId { get; private set; }

    /// <summary>"2026-Q4", "2026-H2", "2026", or a free code for a review.</summary>
    public string Code { get; private set; } = "";

    /// <summary>Vietnamese label, e.g. "Quý IV/2026".</summary>
    public string Name { get; private set; } = "";
    public PeriodKind Kind { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }

    /// <summary>First and last day of the data the reports cover (the data cut-off is <see cref="DataTo"/>).</summary>
    public DateOnly DataFrom { get; private set; }
    public DateOnly DataTo { get; private set; }

    /// <summary>Due date of a reporting unit's report to its parent (district → province).</summary>
    public DateOnly DueOnUnit { get; private set; }

    /// <summary>Due date of a province's report to the centre.</summary>
    public DateOnly DueOnProvince { get; private set; }
    public PeriodState State { get; private set; }
    public uint Version { get; private set; }

    public DateOnly DueOnFor(OrgUnitKind kind) =>
        kind is OrgUnitKind.ProvincialCommittee or OrgUnitKind.CentralBody or OrgUnitKind.CentralCommittee ? DueOnProvince : DueOnUnit;

    public bool Contains(DateOnly day) => StartsOn <= day && day <= EndsOn;

    public void Reschedule(DateOnly dueOnUnit, DateOnly dueOnProvince)
    {
        if (PeriodLock.Freezes(State)) throw new DomainException("Kỳ báo cáo đã khóa.");
        if (dueOnUnit < EndsOn.AddDays(-31)) throw new DomainException("Hạn báo cáo quá sớm so với kỳ báo cáo.");
        if (dueOnProvince < dueOnUnit) throw new DomainException("Hạn báo cáo của cấp tỉnh không được sớm hơn hạn của cấp huyện.");
        DueOnUnit = dueOnUnit;
        DueOnProvince = dueOnProvince;
    }

    public void SetDataWindow(DateOnly dataFrom, DateOnly dataTo)
    {
        if (PeriodLock.Freezes(State)) throw new DomainException("Kỳ báo cáo đã khóa.");
        if (dataTo < dataFrom) throw new DomainException("Ngày chốt số liệu phải sau ngày bắt đầu lấy số liệu.");
        DataFrom = dataFrom;
        DataTo = dataTo;
    }

    public void Close()
    {
        if (State != PeriodState.Open) throw new DomainException("Chỉ đóng được kỳ đang mở.");
        State = PeriodState.Closed;
    }

    public void Lock()
    {
        if (PeriodLock.Freezes(State)) throw new DomainException("Kỳ báo cáo đã khóa.");
        State = PeriodState.Locked;
    }

    public void Reopen()
    {
        if (State == PeriodState.Open) throw new DomainException("Kỳ báo cáo đang mở.");
        State = PeriodState.Open;
    }

    /// <summary>Closes an open period once the units' deadline has passed (Vietnam time).</summary>
    public bool CloseIfOverdue(DateTimeOffset now)
    {
        if (State != PeriodState.Open || now <= Deadlines.EndOfDay(DueOnUnit)) return false;
        State = PeriodState.Closed;
        return true;
    }
}
