using System.Globalization;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Dashboards;
using ChildCare.Core.Seed;
using ChildCare.Core.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ChildCare.Bench;

/// <summary>
/// One shape of the tree, on one quarter: the national and the Hà Nội query, and who reports in them
/// (provinces to the centre; districts or communes, <see cref="LocalKind"/>, to their province).
/// </summary>
internal sealed record Shape(string PeriodCode, DashboardQuery National, DashboardQuery Provincial, int Provinces, int LocalUnits,
    OrgUnitKind LocalKind, int HanoiUnits);

/// <summary>
/// The generated nation. <see cref="Today"/> is the latest closed quarter (34 provinces, commune
/// committees under them); <see cref="Before"/> a 2024 quarter (63 provinces, districts under them).
/// </summary>
internal sealed record World(Guid DirectiveId, Guid NationId, Guid HanoiId, Guid AnalystId, Shape Today, Shape Before, Guid YearStartPeriodId,
    IReadOnlyList<OrgUnitKind> ReportingKinds, int ReportingLevels, int GeneratedUnits, int Grassroots2024, int Reports, int IndicatorValues,
    IReadOnlyList<string> Quarters)
{
    public const string AnalystPassword = "Bench@2024!";

    public Guid LastPeriodId => Today.National.PeriodId;
}

/// <summary>
/// Fills a database at national scale with binary COPY (a bench tool: it bypasses the services and the
/// audit on purpose, to be quick). Deterministic: the same seed gives the same nation. Units are
/// generated around the seeded tree, which already went through the 2025 reform, so both shapes exist:
/// until 30/6/2025 districts under the 63 provinces, since 1/7/2025 commune committees under the 34.
/// </summary>
internal static class NationalGenerator
{
    public const int DistrictsPerProvince = 11;
    public const int GrassrootsPerDistrict = 14;

    /// <summary>Three years of quarters from 2024-Q1: two and a half in the old shape, then the new one.</summary>
    public const int Quarters = 12;

    /// <summary>The first day of the two-level local government: districts end the day before.</summary>
    public static readonly DateOnly ReformDay = new(2025, 7, 1);

    /// <param name="closedOnly">no reports for the quarter running today or later (the load run's burst files them)</param>
    public static async Task<World> GenerateAsync(string cs, bool closedOnly = false)
    {
        var rng = new Random(28);
        var now = DateTimeOffset.UtcNow;
        var today = Deadlines.TodayInVietnam(now);
        var lastOldDay = ReformDay.AddDays(-1);
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(cs).Options;
        await using var db = new AppDbContext(options);
        var directive = await db.Directives.Include(d => d.TaskAreas).Include(d => d.Indicators).AsSplitQuery().SingleAsync();
        var units = (await db.OrgUnits.AsNoTracking().ToListAsync()).ToDictionary(u => u.Id);
        // Ordered, so that the random draws fall on the same units run after run.
        var versions = (await db.OrgUnitVersions.AsNoTracking().ToListAsync()).OrderBy(v => v.Code, StringComparer.Ordinal).ThenBy(v => v.ValidFrom).ToList();
        var nation = units.Values.Single(u => u.ParentId == null);
        var hanoi = units.Values.Single(u => u.Code == "P01");
        var periods = await db.ReportingPeriods.Where(p => p.Kind == PeriodKind.Quarter).OrderBy(p => p.StartsOn).Take(Quarters).ToListAsync();

        // Provinces as the tree stood on a day: read from the versions, since P08 is one unit until 30/6/2025 and another since.
        List<OrgUnitVersion> ProvincesOn(DateOnly day) =>
            versions.Where(v => v.Contains(day) && v.ParentId == nation.Id && v.Kind == OrgUnitKind.ProvincialCommittee).ToList();
        bool HasChildrenOn(Guid unitId, DateOnly day, OrgUnitKind kind) =>
            versions.Any(v => v.ParentId == unitId && v.Kind == kind && v.Contains(day));

        // The 2024 shape: districts under every old province that has none of its own (Hà Nội has its 30 real
        // ones), closed with the district level; grassroots units under each, for the size of the 2024 tree.
        var newUnits = new List<OrgUnit>();
        var districts = new List<OrgUnit>();
        foreach (var province in ProvincesOn(lastOldDay).Where(p => !HasChildrenOn(p.OrgUnitId, lastOldDay, OrgUnitKind.DistrictCommittee)))
        {
            var name = province.ShortName ?? province.Name;
            for (var d = 1; d <= DistrictsPerProvince; d++)
                districts.Add(new OrgUnit($"{province.Code}-G{d:000}", $"Huyện ủy {name} {d}", OrgUnitKind.DistrictCommittee, units[province.OrgUnitId],
                    $"{name} {d}", validTo: lastOldDay));
        }
        newUnits.AddRange(districts);
        var realDistricts = versions.Where(v => v.Kind == OrgUnitKind.DistrictCommittee && v.Contains(lastOldDay)).ToList();
        var grassroots2024 = 0;
        foreach (var district in realDistricts.Select(v => units[v.OrgUnitId]).Where(d => !HasChildrenOn(d.Id, lastOldDay, OrgUnitKind.GrassrootsCommittee))
                     .Concat(districts))
            for (var w = 1; w <= GrassrootsPerDistrict; w++, grassroots2024++)
                newUnits.Add(new OrgUnit($"{district.Code}-C{w:00}", $"Đảng ủy xã {w} ({district.ShortName})", OrgUnitKind.GrassrootsCommittee, district,
                    validTo: lastOldDay));
        grassroots2024 += versions.Count(v => v.Kind == OrgUnitKind.GrassrootsCommittee && v.Depth == 3 && v.Contains(lastOldDay));

        // Today's shape: each of the 34 provinces gets as many commune committees as it really has
        // (provinces-2025.csv, 3,321 in all), less those the seed already holds (Hà Nội's 126).
        var communesOf = ReadCommuneCounts();
        foreach (var province in ProvincesOn(today))
        {
            var name = province.ShortName ?? province.Name;
            var have = versions.Count(v => v.ParentId == province.OrgUnitId && v.Kind == OrgUnitKind.GrassrootsCommittee && v.Contains(today));
            for (var c = 1; c <= communesOf[province.Code] - have; c++)
                newUnits.Add(new OrgUnit($"{province.Code}-B{c:000}", $"Đảng ủy xã {name} {c}", OrgUnitKind.GrassrootsCommittee, units[province.OrgUnitId],
                    $"Xã {name} {c}", validFrom: ReformDay));
        }

        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await CopyUnitsAsync(connection, newUnits);
        versions.AddRange(newUnits.SelectMany(u => u.Versions));

        // Who reports in a period is the tree on its last day (ReportingRule): districts and the 63 until
        // 2025-Q2, communes and the 34 since. Each reporter is drawn the same way in every quarter.
        var reports = 0;
        var values = 0;
        var areas = directive.TaskAreas.OrderBy(a => a.Number).ToList();
        var indicators = directive.Indicators.ToList();
        var rows = new List<Guid>();
        var reportingIn = periods.ToDictionary(p => p.Id,
            p => versions.Where(v => v.Contains(ReportingRule.DecidingDay(p)) && ReportingRule.Reports(directive, v)).ToList());
        await using (var reportCopy = await connection.BeginBinaryImportAsync(
            """COPY progress_reports ("Id","DirectiveId","OrgUnitId","PeriodId","Status","CreatedAt","UpdatedAt","FirstSubmittedAt","LastSubmittedAt","SubmittedOnTime") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var period in periods.Where(p => !closedOnly || p.EndsOn < today))
                foreach (var unit in reportingIn[period.Id])
                {
                    var roll = rng.Next(100);
                    if (roll < 5) continue; // missing
                    var status = roll < 10 ? "Draft" : roll < 14 ? "Returned" : roll < 30 ? "Submitted" : "Accepted";
                    // The current quarter has not ended: its reports are dated no later than now.
                    var created = Min(new DateTimeOffset(period.EndsOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), now);
                    var sent = status == "Draft" ? (DateTimeOffset?)null : Min(created.AddDays(rng.Next(1, 16)), now);
                    var id = Guid.CreateVersion7();
                    await reportCopy.StartRowAsync();
                    await reportCopy.WriteAsync(id);
                    await reportCopy.WriteAsync(directive.Id);
                    await reportCopy.WriteAsync(unit.OrgUnitId);
                    await reportCopy.WriteAsync(period.Id);
                    await reportCopy.WriteAsync(status);
                    await reportCopy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                    await reportCopy.WriteAsync(sent ?? created, NpgsqlDbType.TimestampTz);
                    if (sent is { } s)
                    {
                        await reportCopy.WriteAsync(s, NpgsqlDbType.TimestampTz);
                        await reportCopy.WriteAsync(s, NpgsqlDbType.TimestampTz);
                        await reportCopy.WriteAsync(s <= Deadlines.EndOfDay(period.DueOnFor(unit.Kind)));
                    }
                    else
                    {
                        await reportCopy.WriteNullAsync();
                        await reportCopy.WriteNullAsync();
                        await reportCopy.WriteNullAsync();
                    }
                    rows.Add(id);
                    reports++;
                }
            await reportCopy.CompleteAsync();
        }

        {
            await using (var areaCopy = await connection.BeginBinaryImportAsync(
                """COPY task_area_progress ("Id","ReportId","TaskAreaId","Status","PercentDone","Results") FROM STDIN (FORMAT BINARY)"""))
            {
                foreach (var report in rows)
                    foreach (var area in areas)
                    {
                        await areaCopy.StartRowAsync();
                        await areaCopy.WriteAsync(Guid.CreateVersion7());
                        await areaCopy.WriteAsync(report);
                        await areaCopy.WriteAsync(area.Id);
                        await areaCopy.WriteAsync(rng.Next(10) < 8 ? "OnTrack" : "AtRisk");
                        await areaCopy.WriteAsync(rng.Next(20, 100));
                        await areaCopy.WriteAsync($"Đã triển khai nhiệm vụ {area.Number}.");
                    }
                await areaCopy.CompleteAsync();
            }

            await using var valueCopy = await connection.BeginBinaryImportAsync(
                """COPY indicator_values ("Id","ReportId","IndicatorId","Value","Numerator","Denominator") FROM STDIN (FORMAT BINARY)""");
            foreach (var report in rows)
                foreach (var indicator in indicators)
                {
                    await valueCopy.StartRowAsync();
                    await valueCopy.WriteAsync(Guid.CreateVersion7());
                    await valueCopy.WriteAsync(report);
                    await valueCopy.WriteAsync(indicator.Id);
                    if (indicator.Aggregation == IndicatorAggregation.Rate)
                    {
                        var den = (decimal)rng.Next(100, 50_000);
                        await valueCopy.WriteNullAsync();
                        await valueCopy.WriteAsync(Math.Round(den * (decimal)(0.5 + rng.NextDouble() * 0.5)));
                        await valueCopy.WriteAsync(den);
                    }
                    else
                    {
                        await valueCopy.WriteAsync((decimal)rng.Next(0, 500));
                        await valueCopy.WriteNullAsync();
                        await valueCopy.WriteNullAsync();
                    }
                    values++;
                }
            await valueCopy.CompleteAsync();
        }
        await new NpgsqlCommand("ANALYZE", connection).ExecuteNonQueryAsync();

        // The analyst who reads the dashboards, in today's Ban Tuyên giáo và Dân vận (analysts see the whole country).
        var analyst = AppUser.Create("bench@childcare.local", "Bench", units.Values.Single(u => u.Code == "TW-BTGDV").Id, now);
        analyst.NormalizedEmail = analyst.NormalizedUserName = "BENCH@CHILDCARE.LOCAL";
        analyst.SecurityStamp = Guid.NewGuid().ToString();
        analyst.PasswordHash = new PasswordHasher<AppUser>().HashPassword(analyst, World.AnalystPassword);
        db.Users.Add(analyst);
        var role = await db.Roles.SingleAsync(r => r.Name == Roles.Analyst);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = analyst.Id, RoleId = role.Id });
        await db.SaveChangesAsync();

        // Timed: the latest quarter whose deadline has passed (complete data, today's shape), and the last quarter of 2024.
        var latest = periods.Last(p => p.State != PeriodState.Open);
        var before = periods.Last(p => p.EndsOn.Year == 2024);
        Shape ShapeOf(ReportingPeriod p)
        {
            var reporting = reportingIn[p.Id];
            var local = reporting.Where(v => v.Depth == directive.ReportingLevels).ToList();
            return new Shape(p.Code, new DashboardQuery(directive.Id, p.Id, nation.Id), new DashboardQuery(directive.Id, p.Id, hanoi.Id),
                reporting.Count(v => v.ParentId == nation.Id), local.Count, local.Select(v => v.Kind).Distinct().Single(),
                reporting.Count(v => v.ParentId == hanoi.Id));
        }
        return new World(directive.Id, nation.Id, hanoi.Id, analyst.Id, ShapeOf(latest), ShapeOf(before), periods[periods.IndexOf(latest) - 3].Id,
            directive.ReportingUnitKinds, directive.ReportingLevels, newUnits.Count, grassroots2024, reports, values, periods.Select(p => p.Code).ToList());
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    /// <summary>Commune-level units per province from 1/7/2025, by the province's new code (the seed's reform facts).</summary>
    private static Dictionary<string, int> ReadCommuneCounts()
    {
        using var stream = typeof(SeedData).Assembly.GetManifestResourceStream("ChildCare.Core.Seed.reform-2025.provinces-2025.csv")
            ?? throw new InvalidOperationException("The seed's provinces-2025.csv is not embedded in ChildCare.Core.");
        using var reader = new StreamReader(stream);
        return Csv.ReadWithHeader(reader).DistinctBy(r => r["new_code"]).ToDictionary(r => r["new_code"], r => int.Parse(r["new_commune_level_units"], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A unit is its row in org_units (its latest version mirrored, its ancestors, its lifetime) and its
    /// versions: the dashboards read who reports from org_unit_versions, so a unit without one never reports.
    /// </summary>
    private static async Task CopyUnitsAsync(NpgsqlConnection connection, IReadOnlyList<OrgUnit> units)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY org_units ("Id","Code","Name","ShortName","Kind","ParentId","AncestorIds","Depth","ValidFrom","ValidTo","SearchText","Note") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var u in units)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(u.Id);
                await copy.WriteAsync(u.Code);
                await copy.WriteAsync(u.Name);
                await copy.WriteAsync(u.ShortName, NpgsqlDbType.Text);
                await copy.WriteAsync(u.Kind.ToString());
                await copy.WriteAsync(u.ParentId!.Value);
                await copy.WriteAsync(u.AncestorIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                await copy.WriteAsync(u.Depth);
                await WriteDateAsync(copy, u.ValidFrom);
                await WriteDateAsync(copy, u.ValidTo);
                await copy.WriteAsync(u.SearchText);
                await copy.WriteNullAsync();
            }
            await copy.CompleteAsync();
        }

        await using var versionCopy = await connection.BeginBinaryImportAsync(
            """COPY org_unit_versions ("Id","OrgUnitId","ValidFrom","ValidTo","Code","Name","ShortName","Kind","ParentId","Depth","SearchText","ReorganisationId") FROM STDIN (FORMAT BINARY)""");
        foreach (var v in units.SelectMany(u => u.Versions))
        {
            await versionCopy.StartRowAsync();
            await versionCopy.WriteAsync(v.Id);
            await versionCopy.WriteAsync(v.OrgUnitId);
            await WriteDateAsync(versionCopy, v.ValidFrom);
            await WriteDateAsync(versionCopy, v.ValidTo);
            await versionCopy.WriteAsync(v.Code);
            await versionCopy.WriteAsync(v.Name);
            await versionCopy.WriteAsync(v.ShortName, NpgsqlDbType.Text);
            await versionCopy.WriteAsync(v.Kind.ToString());
            await versionCopy.WriteAsync(v.ParentId!.Value);
            await versionCopy.WriteAsync(v.Depth);
            await versionCopy.WriteAsync(v.SearchText);
            await versionCopy.WriteNullAsync();
        }
        await versionCopy.CompleteAsync();
    }

    private static Task WriteDateAsync(NpgsqlBinaryImporter copy, DateOnly? day) =>
        day is { } d ? copy.WriteAsync(d, NpgsqlDbType.Date) : copy.WriteNullAsync();
}
