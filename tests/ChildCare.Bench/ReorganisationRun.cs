using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using ChildCare.Core;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.OrgUnits;
using ChildCare.Core.Security;
using ChildCare.Core.Seed;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildCare.Bench;

/// <summary>
/// <c>--reorganisation</c>: drafts, applies and reverts the 1/7/2025 package and a synthetic one at the row and
/// depth limits through <see cref="ReorganisationService"/>, as the API does, and prints seconds and the peak
/// working set of each step. The clock stands on 15/6/2025 so that the seeded 1/7/2025 package can be undone
/// first (an applied reorganisation can only be reverted before it is in force) and drafted again.
/// </summary>
internal static class ReorganisationRun
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary><paramref name="chains"/> chains of <paramref name="depth"/> new units, each under the previous, spread over the provinces.</summary>
    public static List<ReorganisationRow> Synthetic(IReadOnlyList<string> provinceCodes, int chains, int depth)
    {
        var rows = new List<ReorganisationRow>(chains * depth);
        for (var c = 0; c < chains; c++)
            for (var level = 0; level < depth; level++)
            {
                var parent = level == 0 ? provinceCodes[c % provinceCodes.Count] : string.Create(CultureInfo.InvariantCulture, $"SYN-{c}-{level - 1}");
                rows.Add(new ReorganisationRow(null, string.Create(CultureInfo.InvariantCulture, $"SYN-{c}-{level}"),
                    string.Create(CultureInfo.InvariantCulture, $"Đảng ủy thử nghiệm {c}.{level}"), OrgUnitKind.GrassrootsCommittee, parent, UnitMapping.Whole));
            }
        return rows;
    }

    public static async Task RunAsync(string cs, string[] args)
    {
        var rows = args.SkipWhile(a => a != "--rows").Skip(1).Select(int.Parse).DefaultIfEmpty(Reorganisation.MaxRows).First();
        var clock = new FixedClock(new DateTimeOffset(2025, 6, 15, 3, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", args.Contains("--sql") ? LogLevel.Information : LogLevel.Warning))
            .AddChildCareCore(cs).BuildServiceProvider();
        Guid adminId;
        var seed = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            await db.Database.MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
            var root = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync();
            var admin = AppUser.Create("bench-admin@childcare.local", "Bench", root, clock.GetUtcNow());
            admin.NormalizedEmail = admin.NormalizedUserName = "BENCH-ADMIN@CHILDCARE.LOCAL";
            admin.SecurityStamp = Guid.NewGuid().ToString();
            db.Users.Add(admin);
            var role = await db.Roles.SingleAsync(r => r.Name == Roles.Administrator);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = admin.Id, RoleId = role.Id });
            // One account on every unit below a province that stood in 2024, so the 2025 package moves users.
            var locals = await db.OrgUnits.Where(u => u.ValidFrom == null && u.Depth >= 2).Select(u => u.Id).ToListAsync();
            foreach (var (unit, i) in locals.Select((u, i) => (u, i)))
            {
                var email = string.Create(CultureInfo.InvariantCulture, $"bench-{i}@childcare.local");
                var user = AppUser.Create(email, "Bench " + i.ToString(CultureInfo.InvariantCulture), unit, clock.GetUtcNow());
                user.NormalizedEmail = user.NormalizedUserName = email.ToUpperInvariant();
                user.SecurityStamp = Guid.NewGuid().ToString();
                db.Users.Add(user);
            }
            await db.SaveChangesAsync();
            adminId = admin.Id;
        }
        Console.WriteLine($"Seeded in {seed.Elapsed.TotalSeconds:N1} s (clock at {clock.GetUtcNow():yyyy-MM-dd})");

        await using var benchScope = services.CreateAsyncScope();
        benchScope.ServiceProvider.GetRequiredService<CurrentUserHolder>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, adminId.ToString()), new Claim(ClaimTypes.Name, "bench-admin@childcare.local")], "bench"));
        var service = benchScope.ServiceProvider.GetRequiredService<ReorganisationService>();
        var factory = benchScope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();

        var twoLevel = Reform2025.Packages()[^1];
        Guid seeded;
        await using (var db = await factory.CreateDbContextAsync())
            seeded = await db.Reorganisations.Where(r => r.SeedKey == twoLevel.SeedKey).Select(r => r.Id).SingleAsync();
        var undoSeed = await Measure(() => service.RevertAsync(seeded));
        Console.WriteLine($"Undid the seeded 1/7/2025 package in {undoSeed.Seconds:N2} s");

        Console.WriteLine();
        Console.WriteLine($"{"package",-40} {"rows",7} {"draft s",8} {"apply s",8} {"revert s",9} {"peak MB",8} {"units before/after",20}");
        await RunPackage(service, factory, "1/7/2025 (two-level government)", twoLevel.EffectiveOn, twoLevel.Rows);

        List<string> provinces;
        await using (var db = await factory.CreateDbContextAsync())
            provinces = await db.OrgUnitVersions.Where(v => v.Kind == OrgUnitKind.ProvincialCommittee && v.ValidTo == null).Select(v => v.Code)
                .OrderBy(c => c).ToListAsync();
        var depth = Reorganisation.MaxNewUnitDepth;
        var synthetic = Synthetic(provinces, rows / depth, depth);
        await RunPackage(service, factory, $"synthetic: {rows / depth:N0} chains of {depth} new units", new DateOnly(2026, 1, 1), synthetic);
        Console.WriteLine($"{"peak working set",-40} {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,8:N0} MB (whole bench process)");
    }

    private static async Task RunPackage(ReorganisationService service, IDbContextFactory<AppDbContext> factory, string label, DateOnly effectiveOn,
        IReadOnlyList<ReorganisationRow> rows)
    {
        async Task<int> CountAsync()
        {
            await using var db = await factory.CreateDbContextAsync();
            return await db.OrgUnits.CountAsync();
        }
        var before = await CountAsync();
        ReorganisationDetails? draft = null;
        var drafting = await Measure(async () => draft = await service.CreateAsync(new ReorganisationRequest(label, "Bench", effectiveOn, rows)));
        var applying = await Measure(() => service.ApplyAsync(draft!.Id, null));
        var applied = await CountAsync();
        var reverting = await Measure(() => service.RevertAsync(draft!.Id));
        var after = await CountAsync();
        var peak = new[] { drafting.PeakMb, applying.PeakMb, reverting.PeakMb }.Max();
        Console.WriteLine($"{label,-40} {rows.Count,7:N0} {drafting.Seconds,8:N2} {applying.Seconds,8:N2} {reverting.Seconds,9:N2} {peak,8:N0} " +
                          $"{$"{before:N0}/{applied:N0}/{after:N0}",20}");
    }

    private sealed record Step(double Seconds, double PeakMb);

    /// <summary>Times one step and samples the process's working set while it runs (the process peak cannot be reset).</summary>
    private static async Task<Step> Measure<T>(Func<Task<T>> step)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var stop = new CancellationTokenSource();
        long peak = 0;
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                try { await Task.Delay(20, stop.Token); }
                catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        await step();
        var seconds = watch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        return new Step(seconds, peak / 1048576.0);
    }
}
