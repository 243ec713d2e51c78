namespace ChildCare.Core.Domain;

/// <summary>
/// What one user has typed into a report and not yet saved, kept every few seconds so a closed
/// browser or a dropped connection loses nothing. It is not the report: saving it neither changes the
/// report's version nor writes the audit.
/// </summary>
public class ReportDraft
{
    private ReportDraft() { }

    public ReportDraft(Guid reportId, Guid userId, uint baseVersion, string content, DateTimeOffset savedAt)
    {
        ReportId = reportId;
        UserId = userId;
        Update(baseVersion, content, savedAt);
    }

    public Guid ReportId { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>The report version the user started typing on.</summary>
    public uint BaseVersion { get; private set; }

    /// <summary>The form's content as JSON.</summary>
    public string Content { get; private set; } = "{}";
    public DateTimeOffset SavedAt { get; private set; }

    public void Update(uint baseVersion, string content, DateTimeOffset savedAt)
    {
        BaseVersion = baseVersion;
        Content = content;
        SavedAt = savedAt;
    }
}
