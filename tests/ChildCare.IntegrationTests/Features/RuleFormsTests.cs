using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Features;

/// <summary>
/// A rule that queries need has an SQL form beside its in-memory form; these properties check, on generated cases
/// in real PostgreSQL (statuses, period states, days and users drawn by a seeded random), that the two agree.
/// A change to one form that the other does not follow fails here.
/// </summary>
public sealed class RuleFormsTests(PortalFixture portal) : PortalTest(portal)
{
    private const int Seed = 20261207;

    [Fact]
    public async Task The_period_lock_reads_the_same_in_memory_and_in_SQL_for_every_state()
    {
        await Portal.Factory.SeedHistoryAsync();
        await using var db = await OpenAsync();
        var random = new Random(Seed);
        var periods = await db.ReportingPeriods.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        var states = Enum.GetValues<PeriodState>();
        foreach (var id in periods)
        {
            var state = states[random.Next(states.Length)];
            await db.ReportingPeriods.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, state));
        }

        var all = await db.ReportingPeriods.AsNoTracking().ToListAsync();
        all.Select(p => p.State).Distinct().Count().ShouldBe(states.Length); // every state drawn
        var notLocked = await db.ReportingPeriods.Where(PeriodLock.NotLocked).Select(p => p.Id).ToListAsync();
        notLocked.ShouldBe(all.Where(p => !PeriodLock.Freezes(p.State)).Select(p => p.Id), ignoreOrder: true);

        var reports = await db.ProgressReports.AsNoTracking().Include(r => r.Period).ToListAsync();
        reports.Count.ShouldBeGreaterThan(100);
        var open = await db.ProgressReports.Where(PeriodLock.ReportNotFrozen).Select(r => r.Id).ToListAsync();
        open.ShouldBe(reports.Where(r => !r.IsFrozen).Select(r => r.Id), ignoreOrder: true);
        open.Count.ShouldBeLessThan(reports.Count);
    }

    [Fact]
    public async Task The_review_rule_reads_the_same_in_memory_and_in_SQL_for_every_user_status_and_period_state()
    {
        await Portal.Factory.SeedHistoryAsync();
        await using var db = await OpenAsync();
        var random = new Random(Seed);
        await DrawStatusesAsync(db, random);
        var periodIds = await db.ReportingPeriods.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        var locked = periodIds.Where(_ => random.Next(4) == 0).ToList();
        await db.ReportingPeriods.Where(p => locked.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PeriodState.Locked));

        var reports = await db.ProgressReports.AsNoTracking().Include(r => r.Period).Include(r => r.OrgUnit).Include(r => r.Directive).ToListAsync();
        var checkedUsers = 0;
        var reviewable = 0;
        foreach (var email in await DemoUsersAsync(db))
        {
            var scope = await Portal.AsUserAsync<UserScope, ScopeResolver>(email, s => s.CurrentAsync());
            var sql = await db.ProgressReports.ReviewableBy(scope).Select(r => r.Id).ToListAsync();
            var memory = reports.Where(r => ReportAccess.For(scope, r).CanReview).Select(r => r.Id).ToList();
            sql.ShouldBe(memory, ignoreOrder: true, customMessage: email);
            checkedUsers++;
            reviewable += memory.Count;
        }
        checkedUsers.ShouldBeGreaterThan(5);
        reviewable.ShouldBeGreaterThan(0); // the generated cases reach reports someone reviews
    }

    [Fact]
    public async Task Counted_in_aggregates_reads_the_same_in_memory_and_in_SQL_for_every_status()
    {
        await Portal.Factory.SeedHistoryAsync();
        await using var db = await OpenAsync();
        var random = new Random(Seed);
        var statuses = await DrawStatusesAsync(db, random);

        var reports = await db.ProgressReports.AsNoTracking().Select(r => new { r.Id, r.Status }).ToListAsync();
        reports.Select(r => r.Status).Distinct().Count().ShouldBe(statuses.Length); // every status drawn
        var sql = await db.ProgressReports.Where(r => ReportingRule.Counted.Contains(r.Status)).Select(r => r.Id).ToListAsync();
        sql.ShouldBe(reports.Where(r => ReportingRule.IsCounted(r.Status)).Select(r => r.Id), ignoreOrder: true);
        sql.Count.ShouldBeInRange(1, reports.Count - 1);
    }

    [Fact]
    public async Task Who_reports_and_which_version_stands_read_the_same_in_memory_and_in_SQL_on_generated_days()
    {
        await using var db = await OpenAsync();
        var random = new Random(Seed);
        var versions = await db.OrgUnitVersions.AsNoTracking().ToListAsync();
        var directives = await db.Directives.AsNoTracking().ToListAsync();
        // Days around the 2025 reform and across the years the demo covers, drawn at random, plus the reform's eve and day.
        var days = Enumerable.Range(0, 8).Select(_ => new DateOnly(2023, 1, 1).AddDays(random.Next(4 * 365)))
            .Append(new DateOnly(2025, 6, 30)).Append(new DateOnly(2025, 7, 1)).ToList();
        var reporters = 0;
        foreach (var day in days)
        {
            var standing = await db.OrgUnitVersions.ValidOn(day).Select(v => v.Id).ToListAsync();
            standing.ShouldBe(versions.Where(v => v.Contains(day)).Select(v => v.Id), ignoreOrder: true, customMessage: day.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            foreach (var directive in directives)
            {
                var sql = await db.OrgUnitVersions.Reporters(directive, day).Select(v => v.Id).ToListAsync();
                var memory = versions.Where(v => v.Contains(day) && ReportingRule.Reports(directive, v)).Select(v => v.Id).ToList();
                sql.ShouldBe(memory, ignoreOrder: true, customMessage: string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{directive.Code} {day:O}"));
                reporters += sql.Count;
            }
        }
        reporters.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Unit_and_document_visibility_read_the_same_in_memory_and_in_SQL_for_every_demo_user()
    {
        await using var db = await OpenAsync();
        var units = await db.OrgUnits.AsNoTracking().ToListAsync();
        var documents = await db.Directives.AsNoTracking().Include(d => d.IssuerUnit).ToListAsync();
        foreach (var email in await DemoUsersAsync(db))
        {
            var scope = await Portal.AsUserAsync<UserScope, ScopeResolver>(email, s => s.CurrentAsync());
            var sqlUnits = await scope.Visible(db.OrgUnits).Select(u => u.Id).ToListAsync();
            sqlUnits.ShouldBe(units.Where(scope.CanSee).Select(u => u.Id), ignoreOrder: true, customMessage: email);
            var sqlDocuments = await scope.VisibleDocuments(db.Directives).Select(d => d.Id).ToListAsync();
            var memoryDocuments = documents.Where(d => scope.CanSeeDocument(d.IssuerUnitId, d.IssuerUnit?.AncestorIds ?? [])).Select(d => d.Id);
            sqlDocuments.ShouldBe(memoryDocuments, ignoreOrder: true, customMessage: email);
        }
    }

    /// <summary>Gives every report a status drawn by <paramref name="random"/> (in a fixed order of reports, so a seed repeats).</summary>
    private static async Task<ReportStatus[]> DrawStatusesAsync(AppDbContext db, Random random)
    {
        var statuses = Enum.GetValues<ReportStatus>();
        var reportIds = await db.ProgressReports.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        foreach (var group in reportIds.GroupBy(_ => statuses[random.Next(statuses.Length)]))
        {
            var ids = group.ToList();
            await db.ProgressReports.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, group.Key));
        }
        return statuses;
    }

    private async Task<AppDbContext> OpenAsync() =>
        await Portal.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>Every demo account's e-mail (each role, the centre, provinces, wards), in a fixed order.</summary>
    private static async Task<List<string>> DemoUsersAsync(AppDbContext db) =>
        await db.Users.Where(u => u.Email != null && !u.IsDisabled).OrderBy(u => u.Email).Select(u => u.Email!).Take(40).ToListAsync();
}
