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
        new("tuyengiao@childcare.local", "Chuyên viên Ban Tuyên giáo và Dân vận", Roles.Analyst, "TW-BTGDV"),
        new("hanoi@childcare.local", "Cán bộ Thành ủy Hà Nội", Roles.Reviewer, "P01"),
        // The district offices stay on their committees, closed on 30/6/2025: they read their history.
        new("haibatrung@childcare.local", "Cán bộ Quận ủy Hai Bà Trưng", Roles.Reporter, "P01-D007"),
        new("badinh@childcare.local", "Cán bộ Quận ủy Ba Đình", Roles.Reporter, "P01-D001"),
        new("phuonghaibatrung@childcare.local", "Cán bộ Đảng ủy phường Hai Bà Trưng", Roles.Reporter, "P01-00256"),
        new("phuongbadinh@childcare.local", "Cán bộ Đảng ủy phường Ba Đình", Roles.Reporter, "P01-00004"),
        // A province on its first day: its office manages its people, its communes have no accounts yet.
        new("quantri.nghean@childcare.local", "Văn phòng Tỉnh ủy Nghệ An (quản trị đơn vị)", Roles.UnitAdministrator, "P40"),
        new("nghean@childcare.local", "Cán bộ Tỉnh ủy Nghệ An", Roles.Reviewer, "P40"),
        // A ward whose reports its leader signs (issue 19): the office sends for signature, the leader signs.
        new("phuonghoankiem@childcare.local", "Văn phòng Đảng ủy phường Hoàn Kiếm", Roles.Reporter, "P01-00070"),
        new("bithu.phuonghoankiem@childcare.local", "Bí thư Đảng ủy phường Hoàn Kiếm", Roles.UnitLeader, "P01-00070"),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A code names the unit that holds it today, else the last one that held it (a closed district).
        var today = Deadlines.TodayInVietnam(time.GetUtcNow());
        var units = (await db.OrgUnitVersions.AsNoTracking().Select(v => new { v.Code, v.OrgUnitId, v.ValidFrom, v.ValidTo }).ToListAsync(ct))
            .GroupBy(v => v.Code)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => (v.ValidFrom ?? DateOnly.MinValue) <= today && (v.ValidTo ?? DateOnly.MaxValue) >= today ? 0 : 1)
                .ThenByDescending(v => v.ValidFrom ?? DateOnly.MinValue).First().OrgUnitId);
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
