using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildCare.Core.Seed;

/// <summary>
/// A production database starts with no accounts and there is no self-registration: the first
/// administrator comes from configuration (Bootstrap:AdminEmail / Bootstrap:AdminPassword) and is
/// created only while no administrator exists.
/// </summary>
public sealed class AdminBootstrapper(UserManager<AppUser> users, IDbContextFactory<AppDbContext> dbFactory, TimeProvider time,
    ILogger<AdminBootstrapper> logger)
{
    public async Task<bool> EnsureAdministratorAsync(string? email, string? password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password)) return false;
        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var root = await db.OrgUnits.Where(u => u.ParentId == null).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync(ct);
        var admin = AppUser.Create(email, "Quản trị hệ thống", root, time.GetUtcNow());
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Bootstrap administrator: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, Roles.Administrator);
        logger.LogWarning("Created the first administrator {Email}; change the password after signing in", admin.Email);
        return true;
    }
}
