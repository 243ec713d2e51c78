using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.Core.Features.Users;

/// <summary>
/// Administrators create users, assign role and unit, disable, unlock and reset passwords; a unit administrator does
/// the same for the accounts of its own subtree, with the roles Reporter and Reviewer only (an account outside the
/// subtree is "not found", never a hint that it exists). There is no self-registration anywhere. Each operation runs Identity in its own short-lived scope, so a
/// Blazor circuit never holds a stale context.
/// </summary>
public sealed class UserAdminService(IServiceScopeFactory scopeFactory, IDbContextFactory<AppDbContext> dbFactory,
    ScopeResolver scopes, ICurrentUser currentUser, SignInFailures signInFailures, AccountSessions sessions,
    Notifications.EmailJobService mail, Notifications.OutboxSignal outbox, TimeProvider time)
{
    public async Task<PagedResult<UserDto>> ListAsync(string? search, int skip, int take, UserSort sort = UserSort.Email,
        bool descending = false, CancellationToken ct = default, UserFilter filter = UserFilter.All)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.ManageAccounts);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var query = db.Users.AsNoTracking();
        if (!scope.ReachesEveryUnit)
        {
            var own = scope.OrgUnitId;
            query = query.Where(u => u.OrgUnitId == own || u.OrgUnit.AncestorIds.Contains(own));
        }
        var folded = TextFolding.Fold(search);
        if (folded.Length > 0)
        {
            var pattern = $"%{search!.Trim()}%";
            query = query.Where(u => EF.Functions.ILike(u.Email!, pattern) || EF.Functions.ILike(u.FullName, pattern)
                || u.OrgUnit.SearchText.Contains(folded));
        }
        var today = Deadlines.TodayInVietnam(now);
        query = filter switch
        {
            UserFilter.AwaitingActivation => query.Where(u => u.PasswordHash == null && u.ActivatedAt == null),
            UserFilter.NeedsMove => query.Where(u => u.OrgUnit.ValidTo != null && u.OrgUnit.ValidTo < today),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        query = (sort, descending) switch
        {
            (UserSort.FullName, false) => query.OrderBy(u => u.FullName),
            (UserSort.FullName, true) => query.OrderByDescending(u => u.FullName),
            (UserSort.OrgUnit, false) => query.OrderBy(u => u.OrgUnit.Depth).ThenBy(u => u.OrgUnit.Code),
            (UserSort.OrgUnit, true) => query.OrderByDescending(u => u.OrgUnit.Depth).ThenByDescending(u => u.OrgUnit.Code),
            (UserSort.CreatedAt, false) => query.OrderBy(u => u.CreatedAt),
            (UserSort.CreatedAt, true) => query.OrderByDescending(u => u.CreatedAt),
            (_, true) => query.OrderByDescending(u => u.Email),
            _ => query.OrderBy(u => u.Email),
        };
        var items = (await UserRules.ToDtos(db, query.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)), now).ToListAsync(ct)).Select(WithSignInState).ToList();
        return new PagedResult<UserDto>(items, total);
    }

    public async Task<UserDto> CreateAsync(CreateUserRequest request, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.ManageAccounts);
        var errors = new Dictionary<string, string[]>();
        var email = request.Email?.Trim() ?? "";
        if (!UserImportRules.IsEmail(email)) errors["email"] = ["Địa chỉ e-mail không hợp lệ."];
        if (string.IsNullOrWhiteSpace(request.FullName)) errors["fullName"] = ["Cần nhập họ và tên."];
        UserRules.ValidateRole(scope, request.Role, errors);
        await ValidateUnitAsync(scope, request.OrgUnitId, errors, ct);
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var invite = string.IsNullOrEmpty(request.Password);
        var created = await WithUserManager(async (users, db) =>
        {
            if (await users.FindByEmailAsync(email) is not null)
                throw ValidationFailedException.For("email", "Đã có tài khoản với địa chỉ e-mail này.");
            var now = time.GetUtcNow();
            var user = AppUser.Create(email, request.FullName, request.OrgUnitId, now);
            if (!invite) user.Activated(now);
            // Without a password the account cannot sign in until its owner sets one through the invitation.
            Check(invite ? await users.CreateAsync(user) : await users.CreateAsync(user, request.Password!), "password");
            Check(await users.AddToRoleAsync(user, request.Role), "role");
            if (invite) await InviteAsync(users, db, user, now);
            return user.Id;
        }, ct);
        if (invite) outbox.Kick();
        return created;
    }

    /// <summary>
    /// Sends the invitation again (a new 72-hour link; the old one dies with the new security stamp). Only for an
    /// account whose owner has not set a password yet: anyone else uses "Quên mật khẩu".
    /// </summary>
    public async Task<UserDto> ResendInvitationAsync(Guid id, CancellationToken ct = default)
    {
        await RequireManageAsync(id, ct);
        var result = await WithUser(id, async (users, user, db) =>
        {
            if (!user.AwaitsActivation)
                throw new DomainException("Tài khoản đã được kích hoạt: người dùng tự đặt lại mật khẩu bằng “Quên mật khẩu” ở trang đăng nhập.");
            if (user.IsDisabled) throw new DomainException("Tài khoản đang bị vô hiệu hóa: hãy kích hoạt lại trước khi gửi thư mời.");
            Check(await users.UpdateSecurityStampAsync(user), "token");
            await InviteAsync(users, db, user, time.GetUtcNow());
        }, ct);
        outbox.Kick();
        return result;
    }

    private async Task InviteAsync(UserManager<AppUser> users, AppDbContext db, AppUser user, DateTimeOffset now)
    {
        var unitName = await db.OrgUnits.Where(u => u.Id == user.OrgUnitId).Select(u => u.Name).SingleAsync();
        db.EmailMessages.Add(await Invitations.PrepareAsync(users, user, unitName, mail.Link, now));
        Check(await users.UpdateAsync(user), "email");
    }

    public async Task<UserDto> UpdateAsync(Guid id, UpdateUserRequest request, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.ManageAccounts);
        await RequireManageAsync(scope, id, ct);
        if (id == scope.UserId && scope.ReachesEveryUnit && request.Role != Roles.Administrator)
            throw ValidationFailedException.For("role", "Bạn không thể tự bỏ vai trò quản trị của mình; hãy nhờ một quản trị viên khác.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.FullName)) errors["fullName"] = ["Cần nhập họ và tên."];
        UserRules.ValidateRole(scope, request.Role, errors);
        await ValidateUnitAsync(scope, request.OrgUnitId, errors, ct);
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var rightsChanged = false;
        var updated = await WithUser(id, async (users, user, db) =>
        {
            user.FullName = request.FullName.Trim();
            rightsChanged = user.OrgUnitId != request.OrgUnitId;
            user.OrgUnitId = request.OrgUnitId;
            Check(await users.UpdateAsync(user), "fullName");
            var current = await users.GetRolesAsync(user);
            if (!current.SequenceEqual([request.Role]))
            {
                if (current.Contains(Roles.Administrator)) await UserRules.KeepAnAdministratorAsync(users, db, user);
                Check(await users.RemoveFromRolesAsync(user, current), "role");
                Check(await users.AddToRoleAsync(user, request.Role), "role");
                rightsChanged = true;
            }
        }, ct);
        // A new role or unit changes what the user may see: every session they hold ends (a new name does not).
        if (rightsChanged) await sessions.EndAllAsync(id, SessionEndReason.RoleOrUnitChanged, ct);
        return updated;
    }

    public async Task<UserDto> SetDisabledAsync(Guid id, bool disabled, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.ManageAccounts);
        await RequireManageAsync(scope, id, ct);
        if (disabled && id == scope.UserId) throw new DomainException("Bạn không thể tự khóa tài khoản của mình.");
        var result = await WithUser(id, async (users, user, db) =>
        {
            if (disabled && !user.IsDisabled && await users.IsInRoleAsync(user, Roles.Administrator)) await UserRules.KeepAnAdministratorAsync(users, db, user);
            user.IsDisabled = disabled;
            Check(await users.UpdateAsync(user), "isDisabled");
        }, ct);
        if (disabled) await sessions.EndAllAsync(id, SessionEndReason.Disabled, ct);
        return result;
    }

    public async Task<UserDto> UnlockAsync(Guid id, CancellationToken ct = default)
    {
        await RequireManageAsync(id, ct);
        signInFailures.ResetAccount(id);
        return await WithUser(id, async (users, user, _) =>
        {
            Check(await users.SetLockoutEndDateAsync(user, null), "lockoutEnd");
            Check(await users.ResetAccessFailedCountAsync(user), "lockoutEnd");
        }, ct);
    }

    public async Task<UserDto> ResetPasswordAsync(Guid id, string newPassword, CancellationToken ct = default)
    {
        await RequireManageAsync(id, ct);
        var result = await WithUser(id, async (users, user, _) =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, newPassword ?? ""), "password");
        }, ct);
        await sessions.EndAllAsync(id, SessionEndReason.PasswordReset, ct);
        return result;
    }

    /// <summary>Whether invitations can go out now (an SMTP server is configured); without one they wait in the outbox.</summary>
    public bool MailConfigured => mail.Enabled;

    /// <summary>
    /// Before the accounts page mails someone the "Quên mật khẩu" link: the same rule as any change to the account
    /// (a unit administrator: its subtree's reporters and reviewers only).
    /// </summary>
    public async Task<UserDto> RequireManageableAsync(Guid id, CancellationToken ct = default)
    {
        await RequireManageAsync(id, ct);
        return await LoadAsync(id, ct);
    }

    public async Task<UserDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        await RequireManageAsync(id, ct);
        return await LoadAsync(id, ct);
    }

    private async Task<UserDto> LoadAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return WithSignInState(await UserRules.ToDtos(db, db.Users.AsNoTracking().Where(u => u.Id == id), time.GetUtcNow()).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Không tìm thấy tài khoản."));
    }

    /// <summary>Lockout is per account and client, in this process (see <see cref="SignInFailures"/>): the list shows whether any client is locked out.</summary>
    private UserDto WithSignInState(UserDto user)
    {
        // Wrong passwords per (account, client) here; wrong two-factor codes per account in the database (LockoutEnd).
        var (lockedOut, failures) = signInFailures.StateOf(user.Id);
        return user with { IsLockedOut = lockedOut || user.IsLockedOut, FailedSignIns = failures + user.FailedSignIns };
    }

    /// <summary>The unit must exist; outside the caller's subtree it does not, as far as the caller can tell (404).</summary>
    private async Task ValidateUnitAsync(UserScope scope, Guid orgUnitId, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == orgUnitId).Select(u => new { u.Id, u.AncestorIds }).SingleOrDefaultAsync(ct);
        if (unit is null) errors["orgUnitId"] = ["Cần chọn đơn vị."];
        else if (!scope.CanManageAccountsOf(unit.Id, unit.AncestorIds)) throw new NotFoundException("Không tìm thấy đơn vị.");
    }

    private async Task RequireManageAsync(Guid userId, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.ManageAccounts);
        await RequireManageAsync(scope, userId, ct);
    }

    /// <summary>
    /// A unit administrator reaches the accounts of its subtree (any other is "not found") whose roles it may give: an
    /// administrator, an analyst or another unit administrator in the subtree stays with the centre (403).
    /// </summary>
    private async Task RequireManageAsync(UserScope scope, Guid userId, CancellationToken ct)
    {
        if (scope.ReachesEveryUnit) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.OrgUnitId,
                u.OrgUnit.AncestorIds,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (target is null || !scope.CanManageAccountsOf(target.OrgUnitId, target.AncestorIds)) throw new NotFoundException("Không tìm thấy tài khoản.");
        if (target.Roles.Any(r => !scope.AssignableRoles.Contains(r)))
            throw new ForbiddenException("Tài khoản này do quản trị viên trung ương quản lý.");
    }

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                [field] = result.Errors.Select(e => e.Description).ToArray(),
            });
    }

    private Task<UserDto> WithUser(Guid id, Func<UserManager<AppUser>, AppUser, AppDbContext, Task> change, CancellationToken ct) =>
        WithUserManager(async (users, db) =>
        {
            var user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException("Không tìm thấy tài khoản.");
            await change(users, user, db);
            return user.Id;
        }, ct);

    /// <summary>
    /// Runs a change through a user manager whose store saves through <c>db</c>, in one transaction: the work gets
    /// that context explicitly (an administrator check takes its lock in the same transaction).
    /// </summary>
    private async Task<UserDto> WithUserManager(Func<UserManager<AppUser>, AppDbContext, Task<Guid>> work, CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        // Carry the administrator into the new scope so the audit records who did it.
        scope.ServiceProvider.GetRequiredService<CurrentUserHolder>().Principal = currentUser.Principal;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        // The user store saves through this scope's context: one transaction for the check and the change.
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var id = await work(users, db);
        await tx.CommitAsync(ct);
        return await LoadAsync(id, ct);
    }
}
