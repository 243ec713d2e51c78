using System.Security.Cryptography;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Exports;
using ChildCare.Core.Features.Notifications;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.Core.Features.Users;

public sealed record UserImportRowDto(int Line, string UnitCode, string FullName, string Email, string Role, string? Phone, bool Ok,
    IReadOnlyList<string> Errors);

public sealed record UserImportSummary(int Ok, int Failed);

public sealed record UserImportPreview(Guid Id, string FileName, IReadOnlyList<UserImportRowDto> Rows, UserImportSummary Summary);

/// <summary>What applying a list did: the accounts created (each invited) and the rows refused at that moment.</summary>
public sealed record UserImportResult(int Created, IReadOnlyList<UserImportRowDto> Refused, bool MailConfigured);

public sealed record UserListTemplate(string FileName, byte[] Content)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>
/// Bulk onboarding: a unit administrator (or the centre) uploads a list of people; the preview judges every row
/// (<see cref="UserImportRules"/>) and creates nothing; applying it — by its uploader, once, within a day — judges the
/// rows again against the accounts of that moment and creates every valid one in one transaction, each invited by
/// e-mail (the messages written in the same transaction, sent at once after it).
/// </summary>
public sealed class UserImportService(IServiceScopeFactory scopeFactory, IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes,
    ICurrentUser currentUser, EmailJobService mail, OutboxSignal outbox, TimeProvider time)
{
    public async Task<UserImportPreview> PreviewAsync(Stream file, string? fileName, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.ManageAccounts);
        var rows = UserListFile.Read(file, fileName);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var judged = await JudgeAsync(db, scope, rows, ct);
        var name = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "danh-sach" : fileName.Trim());
        var import = new UserImport(scope.UserId, name.Length > 260 ? name[..260] : name, judged, time.GetUtcNow());
        // Lists hold names, addresses and phones: none is kept past its day.
        var stale = time.GetUtcNow() - UserImport.Lifetime;
        await db.UserImports.Where(i => i.CreatedAt < stale).ExecuteDeleteAsync(ct);
        db.UserImports.Add(import);
        await db.SaveChangesAsync(ct);
        return new UserImportPreview(import.Id, import.FileName, judged.Select(ToDto).ToList(),
            new UserImportSummary(judged.Count(r => r.Ok), judged.Count(r => !r.Ok)));
    }

    public async Task<UserImportResult> ApplyAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.ManageAccounts);
        await using var services = scopeFactory.CreateAsyncScope();
        services.ServiceProvider.GetRequiredService<CurrentUserHolder>().Principal = currentUser.Principal;
        var users = services.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = services.ServiceProvider.GetRequiredService<AppDbContext>();
        // Someone else's list does not exist for the caller.
        var import = await db.UserImports.SingleOrDefaultAsync(i => i.Id == id && i.CreatedById == scope.UserId, ct)
            ?? throw new NotFoundException("Không tìm thấy danh sách đã tải lên.");
        var now = time.GetUtcNow();
        if (import.AppliedAt is not null || now - import.CreatedAt > UserImport.Lifetime) import.Applied(0, now); // says why, in words

        // Judged again: an e-mail may have got an account, a unit may have closed, since the preview.
        var judged = await JudgeAsync(db, scope, import.Rows.Select(r => new UserListRow(r.Line, r.UnitCode, r.FullName, r.Email, r.Role, r.Phone)).ToList(), ct);
        var valid = judged.Where(r => r.Ok).ToList();
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var unitNames = await db.OrgUnits.Where(u => valid.Select(r => r.OrgUnitId!.Value).Distinct().Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in valid)
        {
            var user = AppUser.Create(row.Email, row.FullName, row.OrgUnitId!.Value, now);
            user.NormalizedEmail = users.NormalizeEmail(user.Email);
            user.NormalizedUserName = users.NormalizeName(user.UserName);
            user.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            user.PhoneNumber = row.Phone;
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[row.Role] });
            db.EmailMessages.Add(await Invitations.PrepareAsync(users, user, unitNames[row.OrgUnitId!.Value], mail.Link, now));
        }
        import.Applied(valid.Count, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Danh sách này vừa được áp dụng (ở một cửa sổ khác); hãy xem danh sách tài khoản.");
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw ValidationFailedException.For("email", "Trong lúc áp dụng, một e-mail của danh sách vừa được dùng cho tài khoản khác: hãy tải danh sách lên lại để xem trước.");
        }
        await tx.CommitAsync(ct);
        if (valid.Count > 0) outbox.Kick();
        return new UserImportResult(valid.Count, judged.Where(r => !r.Ok).Select(ToDto).ToList(), mail.Enabled);
    }

    /// <summary>The list's template: the columns to fill on the first sheet, the caller's open units (codes and names) on the second.</summary>
    public async Task<UserListTemplate> TemplateAsync(CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.ManageAccounts);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = Deadlines.TodayInVietnam(time.GetUtcNow());
        var units = db.OrgUnits.AsNoTracking().Where(u => (u.ValidFrom == null || u.ValidFrom <= today) && (u.ValidTo == null || u.ValidTo >= today));
        if (!scope.ReachesEveryUnit)
        {
            var own = scope.OrgUnitId;
            units = units.Where(u => u.Id == own || u.AncestorIds.Contains(own));
        }
        var list = await units.OrderBy(u => u.Depth).ThenBy(u => u.Code).Select(u => new { u.Code, u.Name, Parent = db.OrgUnits.Where(p => p.Id == u.ParentId).Select(p => p.Name).FirstOrDefault() ?? "" }).ToListAsync(ct);
        using var stream = new MemoryStream();
        using (var xlsx = new XlsxWriter(stream))
        {
            xlsx.Sheet("Danh sách", [new("Mã đơn vị", 14, XlsxWriter.Style.Text), new("Họ và tên", 36, XlsxWriter.Style.Text),
                new("E-mail", 36, XlsxWriter.Style.Text), new("Vai trò", 20, XlsxWriter.Style.Text), new("Số điện thoại", 16, XlsxWriter.Style.Text)],
                Array.Empty<object>(), _ => []);
            xlsx.Sheet("Đơn vị", [new("Mã đơn vị", 14, XlsxWriter.Style.Text), new("Tên đơn vị", 48, XlsxWriter.Style.Text), new("Trực thuộc", 40, XlsxWriter.Style.Text)],
                list, u => [u.Code, u.Name, u.Parent]);
            xlsx.Sheet("Hướng dẫn", [new("Cột", 16, XlsxWriter.Style.Text), new("Cách điền", 90, XlsxWriter.Style.Text)],
                [
                    ("Mã đơn vị", "Mã của đơn vị (xem trang “Đơn vị”), ví dụ P40-16681."),
                    ("Họ và tên", "Họ tên người dùng hoặc tên văn phòng."),
                    ("E-mail", "Mỗi người một địa chỉ; thư mời kích hoạt gửi tới đây."),
                    ("Vai trò", string.Join(" hoặc ", scope.AssignableRoles.Select(r => Labels.Vi(() => Labels.Role(r)))) + "."),
                    ("Số điện thoại", "Không bắt buộc."),
                ], r => [r.Item1, r.Item2]);
        }
        return new UserListTemplate("mau-danh-sach-tai-khoan.xlsx", stream.ToArray());
    }

    private async Task<List<UserImportRow>> JudgeAsync(AppDbContext db, UserScope scope, IReadOnlyList<UserListRow> rows, CancellationToken ct)
    {
        var today = Deadlines.TodayInVietnam(time.GetUtcNow());
        var codes = rows.Select(r => r.UnitCode.ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        // A code names the unit that holds it today; a code used by several units over time (P08 before and after
        // the merger) never picks a closed one over the open one, nor differently at preview and at apply.
        var units = await db.OrgUnits.AsNoTracking().Where(u => codes.Contains(u.Code.ToUpper()))
            .Select(u => new ImportUnit(u.Id, u.Code, u.Name, u.ValidTo, u.AncestorIds, u.ValidFrom)).ToListAsync(ct);
        var byCode = units.GroupBy(u => u.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.OpenOn(today)).ThenByDescending(u => u.ValidTo ?? DateOnly.MaxValue).ThenBy(u => u.Id).First(),
                StringComparer.OrdinalIgnoreCase);
        var emails = rows.Select(r => r.Email.ToUpperInvariant()).Where(e => e.Length > 0).Distinct().ToList();
        var taken = (await db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!)).Select(u => u.NormalizedEmail!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        return UserImportRules.Judge(rows, byCode, u => scope.CanManageAccountsOf(u.Id, u.AncestorIds), scope.AssignableRoles, taken, today);
    }

    private static UserImportRowDto ToDto(UserImportRow r) => new(r.Line, r.UnitCode, r.FullName, r.Email, r.Role, r.Phone, r.Ok, r.Errors);
}
