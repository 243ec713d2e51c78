using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildCare.Core.Seed;

/// <summary>Demo accounts for development and tests. Never runs in production.</summary>
public sealed class DemoDataSeeder(UserManager<AppUser> users, IDbContextFactory<AppDbContext> dbFactory, TimeProvider time,
    ILogger<DemoDataSeeder> logger)
{
    public const string Password = "ChildCare@2024";

    public sealed record DemoAccount(string Email, string FullName, string Role, string OrgUnitCode);

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin@childcare.local", "Quản trị hệ thống", Roles.Administrator, "TW"),
        new("tuyengiao@childcare.local", "Chuyên viên Ban Tuyên giáo", Roles.Analyst, "TW-BTG"),
        new("hanoi@childcare.local", "Cán bộ Thành ủy Hà Nội", Roles.Reviewer, "P01"),
        new("haibatrung@childcare.local", "Cán bộ Quận ủy Hai Bà Trưng", Roles.Reporter, "P01-D007"),
        new("badinh@childcare.local", "Cán bộ Quận ủy Ba Đình", Roles.Reporter, "P01-D001"),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        foreach (var account in Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null) continue;
            var user = AppUser.Create(account.Email, account.FullName, units[account.OrgUnitCode], time.GetUtcNow());
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Demo user {account.Email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            await users.AddToRoleAsync(user, account.Role);
            logger.LogInformation("Created demo account {Email} ({Role})", account.Email, account.Role);
        }
    }
}
