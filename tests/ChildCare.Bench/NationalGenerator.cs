using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ChildCare.Bench;

internal sealed record World(Guid DirectiveId, Guid NationId, Guid HanoiId, Guid LastPeriodId, Guid YearStartPeriodId, Guid AnalystId, int Provinces, int Districts,
    int Grassroots, int Reports, int IndicatorValues, int Periods)
{
    public const string AnalystPassword = "Bench@2024!";
}

/// <summary>
/// Fills a database at national scale with binary COPY (a bench tool: it bypasses the services and the
/// audit on purpose, to be quick). Deterministic: the same seed gives the same nation.
/// </summary>
internal static class NationalGenerator
{
    public const int DistrictsPerProvince = 11;
    public const int GrassrootsPerDistrict = 14;
    public const int Quarters = 12;

    public static async Task<World> GenerateAsync(string cs)
    {
        var rng = new Random(28);
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(cs).Options;
        await using var db = new AppDbContext(options);
        var directive = await db.Directives.Include(d => d.TaskAreas).Include(d => d.Indicators).AsSplitQuery().SingleAsync();
        var units = await db.OrgUnits.ToListAsync();
        var nation = units.Single(u => u.ParentId == null);
        var provinces = units.Where(u => u.Kind == OrgUnitKind.ProvincialCommittee).ToList();
        var periods = await db.ReportingPeriods.Where(p => p.Kind == PeriodKind.Quarter).OrderBy(p => p.StartsOn).Take(Quarters).ToListAsync();

        // Districts for every province but Hà Nội (which has its 30 real ones), and grassroots under every district.
        var newUnits = new List<OrgUnit>();
        foreach (var province in provinces.Where(p => p.Code != "P01"))
            for (var d = 1; d <= DistrictsPerProvince; d++)
                newUnits.Add(new OrgUnit($"{province.Code}-G{d:000}", $"Huyện ủy {province.ShortName} {d}", OrgUnitKind.DistrictCommittee, province, $"{province.ShortName} {d}"));
        var districts = units.Where(u => u.Kind == OrgUnitKind.DistrictCommittee).Concat(newUnits).ToList();
        foreach (var district in districts.Where(d => !units.Any(u => u.ParentId == d.Id)))
            for (var w = 1; w <= GrassrootsPerDistrict; w++)
                newUnits.Add(new OrgUnit($"{district.Code}-C{w:00}", $"Đảng ủy xã {w} ({district.ShortName})", OrgUnitKind.GrassrootsCommittee, district));
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY org_units ("Id","Code","Name","ShortName","Kind","ParentId","Path","Depth","SearchText") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var u in newUnits)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(u.Id);
                await copy.WriteAsync(u.Code);
                await copy.WriteAsync(u.Name);
                await copy.WriteAsync(u.ShortName, NpgsqlDbType.Text);
                await copy.WriteAsync(u.Kind.ToString());
                await copy.WriteAsync(u.ParentId!.Value);
                await copy.WriteAsync(u.Path);
                await copy.WriteAsync(u.Depth);
                await copy.WriteAsync(TextFolding.Fold($"{u.Name} {u.ShortName} {u.Code}"));
            }
            await copy.CompleteAsync();
        }

        var reporting = districts.Concat(provinces).ToList();
        var reports = 0;
        var values = 0;
        var areas = directive.TaskAreas.OrderBy(a => a.Number).ToList();
        var indicators = directive.Indicators.ToList();
        var rows = new List<(Guid Report, bool Filled)>();
        await using (var reportCopy = await connection.BeginBinaryImportAsync(
            """COPY progress_reports ("Id","DirectiveId","OrgUnitId","PeriodId","Status","CreatedAt","UpdatedAt","FirstSubmittedAt","LastSubmittedAt","SubmittedOnTime") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var period in periods)
                foreach (var unit in reporting)
                {
                    var roll = rng.Next(100);
                    if (roll < 5) continue; // missing
                    var status = roll < 10 ? "Draft" : roll < 14 ? "Returned" : roll < 30 ? "Submitted" : "Accepted";
                    var created = new DateTimeOffset(period.EndsOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                    var sent = status == "Draft" ? (DateTimeOffset?)null : created.AddDays(rng.Next(1, 16));
                    var id = Guid.CreateVersion7();
                    await reportCopy.StartRowAsync();
                    await reportCopy.WriteAsync(id);
                    await reportCopy.WriteAsync(directive.Id);
                    await reportCopy.WriteAsync(unit.Id);
                    await reportCopy.WriteAsync(period.Id);
                    await reportCopy.WriteAsync(status);
                    await reportCopy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                    await reportCopy.WriteAsync(sent ?? created, NpgsqlDbType.TimestampTz);
                    if (sent is { } s)
                    {
                        await reportCopy.WriteAsync(s, NpgsqlDbType.TimestampTz);
                        await reportCopy.WriteAsync(s, NpgsqlDbType.TimestampTz);
                        await reportCopy.WriteAsync(s <= new DateTimeOffset(period.DueOnUnit.ToDateTime(TimeOnly.MaxValue), TimeSpan.FromHours(7)));
                    }
                    else
                    {
                        await reportCopy.WriteNullAsync();
                        await reportCopy.WriteNullAsync();
                        await reportCopy.WriteNullAsync();
                    }
                    rows.Add((id, true));
                    reports++;
                }
            await reportCopy.CompleteAsync();
        }

        {
            await using (var areaCopy = await connection.BeginBinaryImportAsync(
                """COPY task_area_progress ("Id","ReportId","TaskAreaId","Status","PercentDone","Results") FROM STDIN (FORMAT BINARY)"""))
            {
                foreach (var (report, _) in rows)
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
            foreach (var (report, _) in rows)
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

        // The analyst who reads the dashboards.
        var analyst = AppUser.Create("bench@childcare.local", "Bench", units.Single(u => u.Code == "TW-BTG").Id, DateTimeOffset.UtcNow);
        analyst.NormalizedEmail = analyst.NormalizedUserName = "BENCH@CHILDCARE.LOCAL";
        analyst.SecurityStamp = Guid.NewGuid().ToString();
        analyst.PasswordHash = new PasswordHasher<AppUser>().HashPassword(analyst, World.AnalystPassword);
        db.Users.Add(analyst);
        var role = await db.Roles.SingleAsync(r => r.Name == Roles.Analyst);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = analyst.Id, RoleId = role.Id });
        await db.SaveChangesAsync();

        return new World(directive.Id, nation.Id, provinces.Single(p => p.Code == "P01").Id, periods[^1].Id, periods[^4].Id, analyst.Id, provinces.Count,
            districts.Count, newUnits.Count(u => u.Kind == OrgUnitKind.GrassrootsCommittee) + units.Count(u => u.Kind == OrgUnitKind.GrassrootsCommittee),
            reports, values, periods.Count);
    }
}
