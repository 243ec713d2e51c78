using ChildCare.Core.Data;
using ChildCare.Core.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Features;

public sealed class SeedTests(PortalFixture portal) : PortalTest(portal)
{
    private async Task<Dictionary<string, int>> CountsAsync()
    {
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return new()
        {
            ["units"] = await db.OrgUnits.CountAsync(),
            ["directives"] = await db.Directives.CountAsync(),
            ["areas"] = await db.TaskAreas.CountAsync(),
            ["assignments"] = await db.Assignments.CountAsync(),
            ["indicators"] = await db.Indicators.CountAsync(),
            ["targets"] = await db.IndicatorTargets.CountAsync(),
            ["periods"] = await db.ReportingPeriods.CountAsync(),
            ["receipts"] = await db.DirectiveReceipts.CountAsync(),
            ["copies"] = await db.CertifiedCopies.CountAsync(),
            ["users"] = await db.Users.CountAsync(),
            ["audit"] = await db.AuditEntries.CountAsync(),
        };
    }

    [Fact]
    public async Task Running_the_seed_again_changes_nothing()
    {
        var before = await CountsAsync();
        await using (var scope = Portal.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }
        var after = await CountsAsync();

        after.ShouldBe(before);
        // 2024; then Bạch Mai, 3 central bodies, 2 ministries, 23 provinces, Hà Nội's 126 communes; the other provinces' 3,195
        before["units"].ShouldBe(134 + 1 + 3 + 2 + 23 + 126 + 3195);
        before["areas"].ShouldBe(5);
        before["indicators"].ShouldBe(25);
        before["users"].ShouldBe(11); // with Nghệ An's unit administrator and reviewer, Hoàn Kiếm's office and leader
    }

    [Fact]
    public async Task The_dissemination_chain_of_the_seed_copy_is_recorded()
    {
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var receipts = await db.DirectiveReceipts.Include(r => r.OrgUnit).OrderBy(r => r.ReceivedOn).ToListAsync();
        receipts.Select(r => (r.OrgUnit.Code, r.IncomingNumber)).ShouldBe([("P01", "3420"), ("P01-D007", "11")]);
        var copy = await db.CertifiedCopies.Include(c => c.Recipients).SingleAsync();
        copy.Number.ShouldBe("131-BS/VPQU");
        copy.IssuedOn.ShouldBe(new DateOnly(2024, 1, 5));
        copy.Recipients.Count(r => r.OrgUnitId != null).ShouldBe(18); // "Các TCCS đảng trực thuộc": the 18 wards
        copy.Recipients.ShouldContain(r => r.Text == "Lưu VPQU");
    }
}

public sealed class AdminBootstrapTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task The_first_administrator_comes_from_configuration_only_while_none_exists()
    {
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        var bootstrap = scope.ServiceProvider.GetRequiredService<AdminBootstrapper>();
        // The demo data already has an administrator: configuration must not add a second one.
        (await bootstrap.EnsureAdministratorAsync("root@childcare.local", "Root@2024x")).ShouldBeFalse();

        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ChildCare.Core.Domain.AppUser>>();
        var admin = await users.FindByEmailAsync("admin@childcare.local");
        await users.RemoveFromRoleAsync(admin!, ChildCare.Core.Domain.Roles.Administrator);

        (await bootstrap.EnsureAdministratorAsync("root@childcare.local", "Root@2024x")).ShouldBeTrue();
        using var client = await Portal.SignedInAsync("root@childcare.local", "Root@2024x");
        (await client.GetAsync("/api/users")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}
