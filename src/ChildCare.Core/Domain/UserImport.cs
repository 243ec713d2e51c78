namespace ChildCare.Core.Domain;

/// <summary>One row of an uploaded list of accounts, as read and judged at preview time.</summary>
public sealed record UserImportRow(int Line, string UnitCode, string FullName, string Email, string Role, string? Phone, Guid? OrgUnitId,
    IReadOnlyList<string> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// An uploaded list of accounts between its preview and its application: kept so that "apply" creates exactly what
/// the caller saw (the rows are judged again then, against the accounts of that moment). Only its uploader applies it,
/// once, within <see cref="Lifetime"/>.
/// </summary>
public class UserImport
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private UserImport() { }

    public UserImport(Guid createdById, string fileName, IReadOnlyList<UserImportRow> rows, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        CreatedById = createdById;
        FileName = fileName;
        Rows = [.. rows];
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid CreatedById { get; private set; }

    public string FileName { get; private set; } = "";

    public List<UserImportRow> Rows { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? AppliedAt { get; private set; }

    public int Created { get; private set; }

    public uint Version { get; private set; }

    public void Applied(int created, DateTimeOffset now)
    {
        if (AppliedAt is not null) throw new DomainException("Danh sách này đã được áp dụng; hãy tải lên danh sách mới nếu cần thêm tài khoản.");
        if (now - CreatedAt > Lifetime) throw new DomainException("Bản xem trước đã quá một ngày: hãy tải danh sách lên lại để xem trước với dữ liệu hiện tại.");
        AppliedAt = now;
        Created = created;
    }
}
