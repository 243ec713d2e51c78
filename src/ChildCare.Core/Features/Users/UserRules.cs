using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Users;

/// <summary>The accounts' rules that more than one use case asks: how an account reads in a list, the last administrator, who may give which role.</summary>
internal static class UserRules
{
    internal static IQueryable<UserDto> ToDtos(AppDbContext db, IQueryable<AppUser> users, DateTimeOffset now)
    {
        var today = Deadlines.TodayInVietnam(now);
        return users
            .Select(u => new UserDto(u.Id, u.Email!, u.FullName,
                db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).FirstOrDefault() ?? "",
                u.OrgUnitId, u.OrgUnit.Name, u.IsDisabled, u.LockoutEnd != null && u.LockoutEnd > now, u.LockoutEnd,
                u.AccessFailedCount, u.CreatedAt,
                u.PasswordHash != null || u.ActivatedAt != null ? InvitationState.Activated
                    : u.InvitationExpiresAt != null && u.InvitationExpiresAt > now ? InvitationState.Pending : InvitationState.Expired,
                u.InvitationExpiresAt, u.LastSignInAt, u.OrgUnit.ValidTo != null && u.OrgUnit.ValidTo < today, u.OrgUnit.Code, u.PhoneNumber));
    }

    /// <summary>
    /// The portal is never left without an active administrator: taking the role from one, or disabling
    /// one, needs another. Serialised by a transaction-scoped advisory lock, so two administrators
    /// demoting each other at once cannot both succeed.
    /// </summary>
    internal static async Task KeepAnAdministratorAsync(UserManager<AppUser> users, AppDbContext db, AppUser leaving)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLocks.LastAdministrator})");
        var others = (await users.GetUsersInRoleAsync(Roles.Administrator)).Count(u => u.Id != leaving.Id && !u.IsDisabled);
        if (others == 0)
            throw ValidationFailedException.For("role", "Đây là quản trị viên cuối cùng đang hoạt động: hãy cấp quyền quản trị cho người khác trước.");
    }

    internal static void ValidateRole(UserScope scope, string? role, Dictionary<string, string[]> errors)
    {
        if (role is null || !Roles.All.Contains(role)) errors["role"] = ["Vai trò không hợp lệ."];
        else if (!scope.AssignableRoles.Contains(role))
            errors["role"] = [$"Bạn chỉ cấp được vai trò {string.Join(", ", scope.AssignableRoles.Select(r => Labels.Vi(() => Labels.Role(r))))}; vai trò khác do quản trị viên trung ương cấp."];
    }
}
