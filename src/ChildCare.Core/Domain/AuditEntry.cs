namespace ChildCare.Core.Domain;

/// <summary>One write to the database: who, when, which row, and each changed property old → new (JSON).</summary>
public class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(DateTimeOffset at, Guid? userId, string userName, string entityType, string entityId, string action, string changes,
        Guid? rootId = null)
    {
        RootId = rootId;
        Id = Guid.CreateVersion7();
        At = at;
        UserId = userId;
        UserName = userName;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        Changes = changes;
    }

    public Guid Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string Changes { get; private set; } = "{}";

    /// <summary>The aggregate the row belongs to (a progress report for its task-area and indicator rows).</summary>
    public Guid? RootId { get; private set; }
}
