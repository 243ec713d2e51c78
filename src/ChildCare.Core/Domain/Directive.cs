namespace ChildCare.Core.Domain;

public enum DirectiveKind
{
    Directive,   // Chỉ thị (CT)
    Resolution,  // Nghị quyết (NQ)
    Conclusion,  // Kết luận (KL)
    Decision,    // Quyết định (QĐ)
    Plan,        // Kế hoạch (KH)
    Guidance,    // Hướng dẫn (HD)
    Regulation,  // Quy định (QĐi)
    Other,
    ActionProgramme, // Chương trình hành động (CTr)
}

public enum DirectiveStatus
{
    Draft,
    Active,
    Completed,
    Superseded,
}

public enum ReportingCadence
{
    Quarterly,
    HalfYearly,
    Yearly,
}

/// <summary>Which days of a period its data covers.</summary>
public enum DataWindow
{
    /// <summary>The calendar period itself.</summary>
    Calendar,

    /// <summary>Decree 09/2019/NĐ-CP: from the 15th of the month before the period to the 14th of its last month.</summary>
    Decree09,
}

public class Directive
{
    private Directive() { }

    public Directive(string code, DirectiveKind kind, string issuingBody, DateOnly issuedOn, string title)
    {
        Id = Guid.CreateVersion7();
        Code = code.Trim();
        Kind = kind;
        IssuingBody = issuingBody;
        IssuedOn = issuedOn;
        Title = title;
        Status = DirectiveStatus.Active;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public DirectiveKind Kind { get; set; }
    public string IssuingBody { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public string? Place { get; set; }
    public string Title { get; set; } = "";
    public string? Preamble { get; set; }
    public string? SignerTitle { get; set; }
    public string? Signer { get; set; }
    public string? ClosingNote { get; set; }

    /// <summary>
    /// The copy as received (its full text, with the incoming stamp and the copying note): read by the document page
    /// only, so it lives in its own row — a report's load, which carries the document, never drags 13 KB of text.
    /// </summary>
    public DirectiveSource? Source { get; set; }

    /// <summary>Code of the directive this one continues, e.g. "20-CT/TW" (it may not be in the portal).</summary>
    public string? ContinuesCode { get; set; }

    /// <summary>
    /// The committee of the tree that issued it (a province's plan), or null for the centre's documents
    /// (Bộ Chính trị, Ban Bí thư…), which every committee reports on. A document with an issuing unit is
    /// tracked in that unit's subtree only: its reporters are the committees directly under the issuer.
    /// </summary>
    public Guid? IssuerUnitId { get; private set; }

    public OrgUnit? IssuerUnit { get; private set; }

    /// <summary>The document this one carries out ("thực hiện Chỉ thị số 28-CT/TW"), by code, and by id when it is in the portal.</summary>
    public string? ImplementsCode { get; private set; }

    public Guid? ImplementsId { get; private set; }

    /// <summary>Whom the summary reports on this document are addressed to ("Bộ Chính trị", "Ban Thường vụ Thành ủy").</summary>
    public string? Addressee { get; set; }
    public DirectiveStatus Status { get; private set; }

    /// <summary>
    /// Reports on this document for periods that begin on or after this day must be signed by the unit's leader (issue 19):
    /// unsigned submission is refused with the reason, and so is accepting an unsigned report.
    /// </summary>
    public DateOnly? RequiresSignatureFrom { get; set; }

    /// <summary>Whether a report of <paramref name="period"/> must carry its leader's signature.</summary>
    public bool RequiresSignatureFor(ReportingPeriod period) => RequiresSignatureFrom is { } from && period.StartsOn >= from;
    public ReportingCadence Cadence { get; set; } = ReportingCadence.Quarterly;
    public DataWindow DataWindow { get; set; } = DataWindow.Calendar;

    /// <summary>
    /// The kinds of unit that file progress reports on this directive (committees, never a committee's
    /// own commissions). Which of them report, and to whom, comes from the tree on the period's dates:
    /// see <see cref="ReportingRule"/>.
    /// </summary>
    public List<OrgUnitKind> ReportingUnitKinds { get; set; } = [];

    /// <summary>
    /// How many levels below the top of the tree report: 2 for 28-CT/TW (provinces to the centre, and
    /// the committees directly under a province to it — district committees until 30/6/2025, commune
    /// and ward committees since).
    /// </summary>
    public int ReportingLevels { get; set; } = ReportingRule.DefaultLevels;

    public uint Version { get; private set; }

    /// <summary>
    /// Counts changes to the document's task areas and indicators (what a report form is made of): a reader that keeps
    /// them in memory (<see cref="Features.Reports.DirectivePartsCache"/>) knows from this number, read with the
    /// report, whether what it keeps is still the document's — on every instance.
    /// </summary>
    public int PartsRevision { get; private set; }

    /// <summary>Records that a task area or indicator of this document was added or changed.</summary>
    public void PartsChanged() => PartsRevision++;

    public List<TaskArea> TaskAreas { get; private set; } = [];
    public List<Assignment> Assignments { get; private set; } = [];
    public List<Indicator> Indicators { get; private set; } = [];


    public TaskArea AddTaskArea(int number, string title, string text)
    {
        if (TaskAreas.Any(t => t.Number == number))
            throw new DomainException($"Nhiệm vụ số {number} đã có trong văn bản này.");
        var area = new TaskArea(this, number, title, text);
        TaskAreas.Add(area);
        PartsChanged();
        return area;
    }

    /// <summary>Makes the document a unit's own: tracked in its subtree, reported on by the committees directly under it.</summary>
    public void IssueBy(OrgUnit issuer)
    {
        if ((issuer.ValidFrom is { } from && from > IssuedOn) || (issuer.ValidTo is { } to && to < IssuedOn))
            throw new DomainException($"{issuer.Name} không tồn tại vào ngày ban hành {IssuedOn:dd/MM/yyyy}.");
        IssuerUnitId = issuer.Id;
        IssuerUnit = issuer;
        IssuingBody = issuer.Name;
        ReportingLevels = 1;
    }

    /// <summary>A reorganisation hands a closed issuer's documents to the unit that took it over.</summary>
    public void PassIssuerTo(Guid successorId)
    {
        if (IssuerUnitId is null) return;
        IssuerUnitId = successorId;
        IssuerUnit = null;
    }

    public void Implement(string? code, Directive? document)
    {
        if (document is not null && document.Id == Id) throw new DomainException("Văn bản không thể thực hiện chính nó.");
        ImplementsCode = document?.Code ?? (string.IsNullOrWhiteSpace(code) ? null : code.Trim());
        ImplementsId = document?.Id;
    }
}

/// <summary>A numbered group of tasks of a directive (28-CT/TW has five).</summary>
public class TaskArea
{
    private TaskArea() { }

    internal TaskArea(Directive directive, int number, string title, string text)
    {
        if (number < 1) throw new DomainException("Số thứ tự nhiệm vụ phải từ 1.");
        Id = Guid.CreateVersion7();
        Directive = directive;
        DirectiveId = directive.Id;
        Number = number;
        Title = title;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid DirectiveId { get; private set; }
    public Directive Directive { get; private set; } = null!;
    public int Number { get; private set; }
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
}

public enum AssignmentRole
{
    Lead,        // chủ trì
    Coordinate,  // phối hợp
    Supervise,   // giám sát
}

/// <summary>
/// Who answers for what: a clause of the implementation section, and one body it names with its role.
/// The body is a unit, a kind of unit ("every provincial committee"), or only named in text when it
/// matches no unit in the portal.
/// </summary>
public class Assignment
{
    private Assignment() { }

    public Assignment(Directive directive, int clauseNumber, string clauseText, AssignmentRole role, string body,
        OrgUnit? orgUnit = null, OrgUnitKind? orgUnitKind = null, TaskArea? taskArea = null)
    {
        Id = Guid.CreateVersion7();
        DirectiveId = directive.Id;
        ClauseNumber = clauseNumber;
        ClauseText = clauseText;
        Role = role;
        Body = body;
        OrgUnitId = orgUnit?.Id;
        OrgUnitKind = orgUnitKind;
        TaskAreaId = taskArea?.Id;
    }

    public Guid Id { get; private set; }
    public Guid DirectiveId { get; private set; }
    public int ClauseNumber { get; private set; }
    public string ClauseText { get; private set; } = "";
    public AssignmentRole Role { get; private set; }
    public string Body { get; private set; } = "";
    public Guid? OrgUnitId { get; private set; }
    public OrgUnit? OrgUnit { get; private set; }
    public OrgUnitKind? OrgUnitKind { get; private set; }
    public Guid? TaskAreaId { get; private set; }
    public TaskArea? TaskArea { get; private set; }

    /// <summary>
    /// A reorganisation hands the assignment to the body that took over the assigned one; the clause
    /// text keeps the name the directive used.
    /// </summary>
    public void PassTo(Guid? orgUnitId)
    {
        OrgUnitId = orgUnitId;
        OrgUnit = null;
    }
}

/// <summary>A document's received copy, word for word (<see cref="Directive.Source"/>).</summary>
public class DirectiveSource
{
    private DirectiveSource() { }

    public DirectiveSource(string text) => Text = text;

    public Guid DirectiveId { get; private set; }
    public string Text { get; private set; } = "";

    public static DirectiveSource? Of(string? text) => string.IsNullOrEmpty(text) ? null : new DirectiveSource(text);
}
