using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Notifications;

public sealed record EmailPreference(EmailKind Kind, string Name, bool Enabled);

public sealed record EmailPreferencesRequest(IReadOnlyList<EmailKind>? Muted);

/// <summary>Which kinds of e-mail the signed-in user receives (all, for a new account); each user decides for themself only.</summary>
public sealed class EmailPreferenceService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes)
{
    /// <summary>The kinds a person may mute: notices about reports. What concerns the account itself always arrives.</summary>
    public static readonly IReadOnlyList<EmailKind> Mutable =
        [EmailKind.DueInAWeek, EmailKind.DueToday, EmailKind.Overdue, EmailKind.ReportReturned, EmailKind.ReportSubmitted];

    public static string NameOf(EmailKind kind) => kind switch
    {
        EmailKind.DueInAWeek => "Nhắc trước hạn nộp một tuần",
        EmailKind.DueToday => "Nhắc vào ngày hết hạn",
        EmailKind.Overdue => "Báo quá hạn",
        EmailKind.ReportReturned => "Báo cáo của đơn vị bị trả lại",
        EmailKind.ReportSubmitted => "Đơn vị cấp dưới gửi báo cáo (cán bộ thẩm định)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public async Task<IReadOnlyList<EmailPreference>> GetAsync(CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var muted = await db.Users.Where(u => u.Id == scope.UserId).Select(u => u.MutedEmailKinds).SingleAsync(ct);
        return Mutable.Select(k => new EmailPreference(k, NameOf(k), !muted.Contains(k))).ToList();
    }

    public async Task<IReadOnlyList<EmailPreference>> SetAsync(EmailPreferencesRequest request, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var muted = (request.Muted ?? []).Distinct().ToList();
        if (muted.Any(k => !Mutable.Contains(k)))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["muted"] = ["Loại thư không hợp lệ."] });
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleAsync(u => u.Id == scope.UserId, ct);
        user.MutedEmailKinds = muted;
        await db.SaveChangesAsync(ct);
        return await GetAsync(ct);
    }
}
