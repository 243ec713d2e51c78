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

    public const int MaxBytes = 1_048_576;

    /// <summary>Why <paramref name="content"/> cannot be kept as a draft (at most 1 MB of JSON that PostgreSQL's jsonb takes), or null.</summary>
    public static string? Problem(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return "Bản nháp rỗng.";
        if (System.Text.Encoding.UTF8.GetByteCount(content) > MaxBytes) return "Bản nháp lớn hơn 1 MB, không lưu được.";
        if (content.Contains("\\u0000", StringComparison.Ordinal)) return "Bản nháp chứa ký tự NUL, không lưu được.";
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(content, new System.Text.Json.JsonDocumentOptions { MaxDepth = 32 });
            return null;
        }
        catch (System.Text.Json.JsonException)
        {
            return "Bản nháp phải là JSON hợp lệ.";
        }
    }

    public void Update(uint baseVersion, string content, DateTimeOffset savedAt)
    {
        if (Problem(content) is { } problem) throw new DomainException(problem);
        BaseVersion = baseVersion;
        Content = content;
        SavedAt = savedAt;
    }
}
