using System.Globalization;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildCare.Core.Seed;

/// <summary>
/// A history of quarterly reports on 28-CT/TW, from 2024-Q1 to the last closed quarter, following the
/// tree of each quarter: Hà Nội's 30 district committees until 2025-Q2 and its 126 commune and ward
/// committees since; every provincial committee to the centre (63, then 34). Most accepted, some late,
/// some returned and fixed, some missing; the latest quarter still has reports waiting for review, a few
/// sent back, Đảng ủy phường Ba Đình's not filed and Hà Nội's own report an unfiled draft ready to be
/// consolidated. The current quarter is left open. Deterministic for a given day.
/// </summary>
public sealed partial class DemoReportsSeeder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, ILogger<DemoReportsSeeder> logger)
{
    /// <summary>Units whose history is always complete and accepted (the demo accounts' own).</summary>
    private static readonly HashSet<string> AlwaysAccepted = ["P01-D007", "P01-D001", "P01-00256"];

    /// <summary>Left unfiled in the last closed quarter, so something is always overdue.</summary>
    public const string AlwaysOverdue = "P01-00004";

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var directive = await db.Directives.Include(d => d.TaskAreas).Include(d => d.Indicators).AsSplitQuery()
            .SingleAsync(d => d.Code == ReferenceDataSeeder.Directive28Code, ct);
        if (await db.ProgressReports.AnyAsync(r => r.DirectiveId == directive.Id, ct)) return 0;

        var now = time.GetUtcNow();
        var today = Deadlines.TodayInVietnam(now);
        var periods = await db.ReportingPeriods
            .Where(p => p.DirectiveId == directive.Id && p.Kind == PeriodKind.Quarter && p.EndsOn < today)
            .OrderBy(p => p.StartsOn).ToListAsync(ct);
        if (periods.Count == 0) return 0;
        var last = periods[^1];
        var root = await db.OrgUnitVersions.ValidOn(today).Where(v => v.ParentId == null).Select(v => v.OrgUnitId).FirstAsync(ct);
        var city = await db.OrgUnitVersions.ValidOn(today).Where(v => v.Code == "P01").Select(v => v.OrgUnitId).FirstAsync(ct);
        var areas = directive.TaskAreas.OrderBy(t => t.Number).ToList();
        var indicators = directive.Indicators.OrderBy(i => i.SortOrder).ToList();
        var units = await db.OrgUnits.ToDictionaryAsync(u => u.Id, ct);
        var cityOffice = new Actor(null, "Văn phòng Thành ủy Hà Nội");
        var hanoiReviewer = new Actor(null, "Cán bộ Thành ủy Hà Nội");
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var count = 0;

        foreach (var period in periods)
        {
            var quarterIndex = periods.IndexOf(period);
            var isLast = period.Id == last.Id;
            var centre = new Actor(null, period.EndsOn < new DateOnly(2025, 2, 3) ? "Ban Tuyên giáo Trung ương" : "Ban Tuyên giáo và Dân vận Trung ương");

            // Hà Nội's committees of the quarter: districts until 2025-Q2, communes and wards since.
            var accepted = new List<ProgressReport>();
            foreach (var e in await db.OrgUnitVersions.ExpectedUnder(directive, city, period).ToListAsync(ct))
            {
                var unit = units[e.Id];
                if (isLast && unit.Code == AlwaysOverdue) continue;
                var report = File(directive, unit, period, isLast, AlwaysAccepted.Contains(unit.Code), hanoiReviewer, quarterIndex, areas, indicators,
                    UnitProfile.Of(unit, e.Kind == OrgUnitKind.GrassrootsCommittee ? 0.08 : 1), now);
                if (report is null) continue;
                db.ProgressReports.Add(report);
                count++;
                if (report.Status == ReportStatus.Accepted) accepted.Add(report);
            }

            // The provinces' own reports to the centre.
            foreach (var e in await db.OrgUnitVersions.ExpectedUnder(directive, root, period).ToListAsync(ct))
            {
                var unit = units[e.Id];
                ProgressReport? report;
                if (unit.Id == city)
                {
                    // Hà Nội's own: consolidated from its accepted committees; the last closed quarter's is a draft to compile.
                    var sent = Deadlines.EndOfDay(period.DueOnProvince).AddDays(-2);
                    if (sent > now) sent = now.AddHours(-2);
                    report = new ProgressReport(directive, unit, period, cityOffice, sent.AddDays(-3));
                    if (!isLast && accepted.Count > 0)
                    {
                        ReportConsolidation.Fill(report, accepted, areas, indicators);
                        report.Submit(cityOffice, sent, period.DueOnProvince);
                        report.Accept(centre, sent.AddDays(3) > now ? now.AddMinutes(-5) : sent.AddDays(3));
                    }
                }
                else
                    report = File(directive, unit, period, isLast, false, centre, quarterIndex, areas, indicators, UnitProfile.Of(unit, 12), now);
                if (report is null) continue;
                db.ProgressReports.Add(report);
                count++;
            }
            await db.SaveChangesAsync(ct);
        }
        logger.LogInformation("Seeded {Count} demo progress reports over {Periods} quarters", count, periods.Count);
        return count;
    }

    /// <summary>One unit's report for a quarter as a plausible office files it, or null when it never did.</summary>
    private static ProgressReport? File(Directive directive, OrgUnit unit, ReportingPeriod period, bool isLast, bool always, Actor reviewer,
        int quarterIndex, List<TaskArea> areas, List<Indicator> indicators, UnitProfile profile, DateTimeOffset now)
    {
        // HashCode.Combine is seeded per process: a stable mix keeps the demo the same on every run.
        var rng = new Random(unchecked(Stable(unit.Code) * 31 + Stable(period.Code)) & 0x7fffffff);
        var roll = rng.Next(100);
        if (!always && roll < (isLast ? 10 : 3)) return null; // never filed
        var reporter = new Actor(null, $"Văn phòng {unit.Name}");
        var due = period.DueOnFor(unit.Kind);
        var created = Deadlines.EndOfDay(period.EndsOn.AddDays(-12)).AddHours(-8 - rng.Next(6));
        var report = new ProgressReport(directive, unit, period, reporter, created);
        Fill(report, areas, indicators, profile, quarterIndex, rng, complete: always);

        var late = !always && rng.Next(100) < 12;
        var submitted = late
            ? Deadlines.EndOfDay(due).AddDays(1 + rng.Next(9)).AddHours(-rng.Next(10))
            : Deadlines.EndOfDay(due).AddDays(-1 - rng.Next(8)).AddHours(-rng.Next(10));
        if (submitted > now) submitted = now.AddHours(-1);
        if (isLast && !always && roll < 16) return roll < 13 ? report : null; // still a draft
        report.Submit(reporter, submitted, due);
        var review = submitted.AddDays(2 + rng.Next(5));
        if (review > now) review = now.AddMinutes(-30);
        if (!always && rng.Next(100) < 12)
        {
            report.Return(reviewer, review, ReturnComments[rng.Next(ReturnComments.Length)]);
            if (isLast && roll < 30) return report; // sent back, not yet fixed
            var fixedAt = review.AddDays(1 + rng.Next(3));
            if (fixedAt > now) fixedAt = now.AddMinutes(-20);
            report.Touch(fixedAt);
            report.Submit(reporter, fixedAt, due);
            review = fixedAt.AddDays(1 + rng.Next(3));
            if (review > now) review = now.AddMinutes(-10);
        }
        if (!(isLast && !always && roll < 45)) report.Accept(reviewer, review, rng.Next(4) == 0 ? "Báo cáo đầy đủ, đúng yêu cầu." : null);
        return report;
    }

    /// <summary>A hash that does not change between runs (string.GetHashCode does), so the demo repeats.</summary>
    private static int Stable(string s)
    {
        var h = 17;
        foreach (var c in s) h = unchecked(h * 31 + c);
        return h;
    }

    private static void Fill(ProgressReport report, List<TaskArea> areas, List<Indicator> indicators, UnitProfile p, int quarter, Random rng, bool complete)
    {
        foreach (var area in areas)
        {
            var percent = Math.Min(100, 25 + quarter * 4 + rng.Next(30) + (area.Number == 1 ? 10 : 0));
            var status = percent >= 100 ? TaskProgressStatus.Done
                : rng.Next(100) < 12 ? TaskProgressStatus.AtRisk
                : rng.Next(100) < 5 ? TaskProgressStatus.Delayed
                : TaskProgressStatus.OnTrack;
            report.ProgressFor(area).Update(status, percent,
                string.Format(CultureInfo.GetCultureInfo("vi-VN"), Results[area.Number - 1][rng.Next(Results[area.Number - 1].Length)], p.Committee, p.Wards, rng.Next(2, 9), p.Members / 10 * (8 + rng.Next(2)),
                    p.Locality, p.Below),
                rng.Next(100) < 80 ? Difficulties[rng.Next(Difficulties.Length)] : null,
                rng.Next(100) < 70 ? Proposals[rng.Next(Proposals.Length)] : null);
        }
        foreach (var indicator in indicators)
        {
            if (rng.Next(100) < 6 && !complete) continue; // not reported this quarter (the demo users' own units always report in full)
            var value = new IndicatorValue(report.Id, indicator);
            var (v, n, d) = ValueFor(indicator.Code, p, quarter, rng);
            value.Set(indicator, v, n, d, null);
            report.IndicatorValues.Add(value);
        }
    }

    private static (decimal? Value, decimal? Numerator, decimal? Denominator) ValueFor(string code, UnitProfile p, int q, Random rng)
    {
        (decimal?, decimal?, decimal?) Rate(int denominator, double low, double high)
        {
            // A slow improvement quarter after quarter, never beyond the plausible high.
            var share = Math.Min(high, low + (high - low) * rng.NextDouble() * 0.8 + (high - low) * 0.2 * q / 12.0);
            return (null, (decimal)Math.Round(denominator * share), denominator);
        }
        (decimal?, decimal?, decimal?) Count(int low, int high) => (Math.Round(rng.Next(low, high + 1) * (decimal)p.Scale), null, null);
        return code switch
        {
            "CT28-01" => Rate(p.PartyCells, 0.80, 0.98),
            "CT28-02" => Rate(p.Members, 0.86, 0.97),
            "CT28-03" => Count(2, 9),
            "CT28-04" => Count(400, 3000),
            "CT28-05" => Rate(p.Wards, 0.60, 0.95),
            "CT28-06" => Count(300, 4500),
            "CT28-07" => Rate(p.Wards, 0.55, 0.85),
            "CT28-08" => Rate(p.UnderFive, 0.975, 0.998),
            "CT28-09" => Rate(p.Children, 0.03, 0.06),
            "CT28-10" => Rate(p.Children / 20, 0.86, 0.97),
            "CT28-11" => Rate(p.Children, 0.82, 0.97),
            "CT28-12" => (null, rng.Next(1, 12), p.LiveBirths),
            "CT28-13" => Rate(p.UnderFive, 0.07, 0.13),
            "CT28-14" => Rate(p.LiveBirths, 0.93, 0.99),
            "CT28-15" => Rate(p.LiveBirths, 0.97, 1.0),
            "CT28-16" => (null, rng.Next(8, 45), p.Children),
            "CT28-17" => Count(0, 1),
            "CT28-18" => Rate(p.Children / 2, 0.35, 0.65),
            "CT28-19" => Count(0, 4),
            "CT28-20" => (null, rng.Next(0, 5), p.Children),
            "CT28-21" => Rate(p.Children / 3, 0.01, 0.04),
            "CT28-22" => Rate(p.Schools, 0.70, 1.0),
            "CT28-23" => Rate(p.Wards, 0.35, 0.75),
            "CT28-24" => Count(0, 3),
            "CT28-25" => Rate(rng.Next(5, 30), 0.7, 1.0),
            _ => (null, null, null),
        };
    }

    /// <summary>Rough sizes of a unit, stable per unit: a district is 1, a ward about 0.08, a province about 12.</summary>
    private sealed class UnitProfile
    {
        private UnitProfile(OrgUnit unit, double scale)
        {
            var rng = new Random(Stable(unit.Code) & 0x7fffffff);
            Committee = unit.Name;
            (Locality, Below) = Place(unit);
            Scale = scale;
            Wards = unit.Code == "P01-D007" ? 18 : Math.Max(3, (int)(rng.Next(10, 30) * Math.Max(1, scale)));
            Children = Math.Max(800, (int)(rng.Next(45_000, 110_000) * scale));
            UnderFive = Children * 3 / 10;
            LiveBirths = Math.Max(40, Children / 16);
            Members = Math.Max(300, (int)(rng.Next(8_000, 25_000) * scale));
            PartyCells = Math.Max(8, (int)(rng.Next(60, 180) * scale));
            Schools = Math.Max(3, (int)(rng.Next(40, 120) * scale));
        }

        public static UnitProfile Of(OrgUnit unit, double scale) => new(unit, scale);

        /// <summary>The party committee as it is named: "Tỉnh ủy Điện Biên", "Quận ủy Hai Bà Trưng", "Đảng ủy phường Hoàn Kiếm".</summary>
        public string Committee { get; }

        /// <summary>The locality its state and mass bodies belong to ("tỉnh Điện Biên", "phường Hoàn Kiếm"), and what lies below it.</summary>
        public string Locality { get; }

        public string Below { get; }

        private static (string Locality, string Below) Place(OrgUnit unit)
        {
            var name = unit.Name;
            string After(string prefix) => name[prefix.Length..].Trim();
            foreach (var (prefix, locality) in new[] { ("Tỉnh ủy ", "tỉnh "), ("Thành ủy ", "thành phố "), ("Quận ủy ", "quận "), ("Huyện ủy ", "huyện "), ("Thị ủy ", "thị xã ") })
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                    return (locality + After(prefix), unit.Kind == OrgUnitKind.ProvincialCommittee ? "xã, phường" : "phường, xã");
            if (name.StartsWith("Đảng ủy ", StringComparison.Ordinal)) return (After("Đảng ủy "), "tổ dân phố, thôn");
            return (name, "đơn vị cơ sở");
        }
        public double Scale { get; }
        public int Wards { get; }
        public int Children { get; }
        public int UnderFive { get; }
        public int LiveBirths { get; }
        public int Members { get; }
        public int PartyCells { get; }
        public int Schools { get; }
    }
}
