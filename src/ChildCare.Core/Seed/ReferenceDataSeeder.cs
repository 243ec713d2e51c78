using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildCare.Core.Seed;

/// <summary>
/// Reference data every environment needs: roles, the org tree, Directive 28-CT/TW with its task
/// areas, assignments, indicators and dissemination chain, and its reporting periods. Inserts only
/// what is missing, so running it again changes nothing (and never overwrites an administrator's edits).
/// </summary>
public sealed class ReferenceDataSeeder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, ILogger<ReferenceDataSeeder> logger)
{
    public const string Directive28Code = "28-CT/TW";

    /// <summary>How many quarters beyond today's are always open for planning.</summary>
    public const int QuartersAhead = 4;

    public static readonly (int Year, int Quarter) FirstQuarter = (2024, 1);

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SeedRolesAsync(db, ct);
        var units = await SeedOrgUnitsAsync(db, ct);
        var directive = await SeedDirective28Async(db, units, ct);
        await db.SaveChangesAsync(ct);
        await ApplyPackagesAsync(db, Reform2025.Packages(), ct);
        await SeedNationAsync(ct);
        await ApplyPackagesAsync(db, Reform2026.Packages(), ct);
        directive = await db.Directives.SingleAsync(d => d.Id == directive.Id, ct);
        await EnsurePeriodsAsync(db, directive, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The real history since 2024 — Hà Nội's ward merges and Huế (1/1/2025), the central bodies
    /// (3/2/2025), the ministries (1/3/2025), the two-level local government (1/7/2025), Đồng Nai a city
    /// (30/4/2026) — applied through the same reorganisation mechanism an administrator uses, each once.
    /// </summary>
    private async Task ApplyPackagesAsync(AppDbContext db, IEnumerable<Reform2025.Package> packages, CancellationToken ct)
    {
        var done = await db.Reorganisations.Where(r => r.SeedKey != null).Select(r => r.SeedKey!).ToListAsync(ct);
        foreach (var package in packages.Where(p => !done.Contains(p.SeedKey)))
        {
            var started = time.GetTimestamp();
            var reorganisation = new Reorganisation(package.Name, package.LegalBasis, package.EffectiveOn, package.Rows, Actor.System, time.GetUtcNow(),
                package.SeedKey);
            db.Reorganisations.Add(reorganisation);
            var summary = await Features.OrgUnits.ReorganisationService.ApplyAsync(db, reorganisation, Actor.System, time.GetUtcNow(), null, ct);
            db.ChangeTracker.Clear();
            logger.LogInformation("Applied {Name}: {Rows} rows, {Created} units created, {Closed} closed, {Renamed} renamed, {Moved} moved in {Ms:N0} ms",
                package.Name, package.Rows.Count, summary.Created, summary.Closed, summary.Renamed, summary.Moved, time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// Every commune-level committee of the other 33 provinces (Nation2025), from 1/7/2025 directly under its province's
    /// committee, those missing only. One context, one save: 3,195 units with their first version.
    /// </summary>
    private async Task SeedNationAsync(CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var day = Nation2025.ValidFrom;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var standing = await db.OrgUnitVersions.AsNoTracking()
            .Where(v => (v.ValidFrom == null || v.ValidFrom <= day) && (v.ValidTo == null || v.ValidTo >= day))
            .Select(v => new { v.OrgUnitId, v.Code, v.Kind }).ToListAsync(ct);
        var present = standing.Select(v => v.Code).ToHashSet(StringComparer.Ordinal);
        var missing = Nation2025.Communes().Where(c => !present.Contains(c.Code)).ToList();
        if (missing.Count == 0) return;
        var provinceIds = standing.Where(v => v.Kind == OrgUnitKind.ProvincialCommittee).ToDictionary(v => v.Code, v => v.OrgUnitId);
        var ids = missing.Select(c => provinceIds.TryGetValue(c.ProvinceCode, out var id) ? id
            : throw new InvalidOperationException($"Province {c.ProvinceCode} of {c.Code} is not in the tree on {day:yyyy-MM-dd}.")).Distinct().ToList();
        var provinces = await db.OrgUnits.Include(u => u.Versions).Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false; // thousands of new entities, nothing else changes
        foreach (var c in missing)
            db.OrgUnits.Add(new OrgUnit(c.Code, c.PartyCommittee, OrgUnitKind.GrassrootsCommittee, provinces[provinceIds[c.ProvinceCode]], c.ShortName,
                validFrom: day, note: $"{c.Name} (GSO {c.GsoCode}), {c.Kind} từ 01/07/2025"));
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded {Count} commune-level committees of the nation in {Ms:N0} ms", missing.Count, time.GetElapsedTime(started).TotalMilliseconds);
    }

    private static async Task SeedRolesAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Except(existing!))
            db.Roles.Add(new AppRole(role!) { NormalizedName = role!.ToUpperInvariant() });
    }

    private async Task<Dictionary<string, OrgUnit>> SeedOrgUnitsAsync(AppDbContext db, CancellationToken ct)
    {
        // The tree as it stood in 2024: the units with no start date (later units reuse some codes).
        var units = (await db.OrgUnits.Where(u => u.ValidFrom == null).ToListAsync(ct)).DistinctBy(u => u.Code).ToDictionary(u => u.Code);
        var added = 0;
        foreach (var row in SeedData.OrgUnits().Concat(Reform2025.BaDinhWards2024()))
        {
            if (units.ContainsKey(row.Code)) continue;
            var parent = row.ParentCode is null ? null : units[row.ParentCode];
            var unit = new OrgUnit(row.Code, row.Name, row.Kind, parent, row.ShortName, row.ValidFrom, row.ValidTo, row.Note);
            db.OrgUnits.Add(unit);
            units[row.Code] = unit;
            added++;
        }
        if (added > 0) logger.LogInformation("Seeded {Count} org units", added);
        return units;
    }

    private async Task<Directive> SeedDirective28Async(AppDbContext db, Dictionary<string, OrgUnit> units, CancellationToken ct)
    {
        var directive = await db.Directives.Include(d => d.TaskAreas).Include(d => d.Indicators).AsSplitQuery()
            .SingleOrDefaultAsync(d => d.Code == Directive28Code, ct);
        var seed = SeedData.Directive28();
        if (directive is null)
        {
            directive = new Directive(seed.Code, seed.Kind, seed.IssuingBody, seed.IssuedOn, seed.Title)
            {
                Place = seed.Place,
                Preamble = seed.Preamble,
                SignerTitle = seed.SignerTitle,
                Signer = seed.Signer,
                ContinuesCode = seed.Continues,
                ClosingNote = seed.ClosingNote,
                Source = DirectiveSource.Of(SeedData.DirectiveSourceText()),
                ReportingUnitKinds = seed.ReportingUnitKinds,
                Addressee = seed.IssuingBody,
            };
            db.Directives.Add(directive);
            foreach (var area in seed.TaskAreas) directive.AddTaskArea(area.Number, area.Title, area.Text);
            foreach (var clause in seed.Assignments)
            {
                var area = clause.TaskArea is { } n ? directive.TaskAreas.Single(t => t.Number == n) : null;
                foreach (var party in clause.Parties)
                {
                    var unit = party.OrgUnitCode is null ? null : units[party.OrgUnitCode];
                    db.Assignments.Add(new Assignment(directive, clause.Number, clause.Text, party.Role, party.Body, unit, party.OrgUnitKind, area));
                }
            }
            SeedDissemination(db, directive, seed.Dissemination, units);
            logger.LogInformation("Seeded directive {Code} with {Areas} task areas", directive.Code, directive.TaskAreas.Count);
        }

        var existingCodes = directive.Indicators.Select(i => i.Code).ToHashSet();
        var order = 0;
        foreach (var row in SeedData.Indicators())
        {
            order++;
            if (existingCodes.Contains(row.Code)) continue;
            var area = directive.TaskAreas.SingleOrDefault(t => t.Number == row.TaskArea);
            var indicator = new Indicator(directive, area, row.Code, row.Name, row.Unit, row.Aggregation, row.Direction, row.Nature)
            {
                NameEn = row.NameEn,
                Note = row.Note,
                SortOrder = order,
                SummaryFigure = row.Figure,
                InSummaryAnnex = row.InAnnex,
            };
            foreach (var t in row.Targets) indicator.AddTarget(t.Year, t.Value, t.Source, t.Description);
            db.Indicators.Add(indicator);
            directive.PartsChanged();
        }
        return directive;
    }

    private void SeedDissemination(AppDbContext db, Directive directive, SeedData.DisseminationSeed seed, Dictionary<string, OrgUnit> units)
    {
        var at = time.GetUtcNow();
        foreach (var r in seed.Receipts)
            db.DirectiveReceipts.Add(new DirectiveReceipt(directive.Id, units[r.OrgUnitCode], r.IncomingNumber, r.ReceivedOn, r.From, Actor.System, at)
            {
                Note = r.Note,
            });
        foreach (var c in seed.Copies)
        {
            var copy = new CertifiedCopy(directive.Id, units[c.OrgUnitCode], c.Number, c.IssuedOn, c.Signer, c.SignerTitle);
            foreach (var recipient in c.Recipients)
            {
                // "Các TCCS đảng trực thuộc" is every grassroots committee under the issuing unit.
                if (recipient.StartsWith("Các TCCS", StringComparison.Ordinal))
                {
                    var issuer = units[c.OrgUnitCode];
                    foreach (var ward in units.Values.Where(u => u.ParentId == issuer.Id && u.Kind == OrgUnitKind.GrassrootsCommittee).OrderBy(u => u.Code))
                        copy.AddRecipient(ward.Name, ward);
                }
                else copy.AddRecipient(recipient);
            }
            db.CertifiedCopies.Add(copy);
        }
    }

    /// <summary>Creates any missing quarter from 2024-Q1 to four quarters after today's and closes those past their deadline.</summary>
    public async Task<int> EnsurePeriodsAsync(AppDbContext db, Directive directive, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = Deadlines.TodayInVietnam(now);
        var existing = await db.ReportingPeriods.Where(p => p.DirectiveId == directive.Id).ToListAsync(ct);
        var codes = existing.Select(p => p.Code).ToHashSet();
        var added = 0;
        foreach (var (year, quarter) in PeriodCalendar.QuartersThrough(FirstQuarter, today, QuartersAhead))
        {
            if (codes.Contains(PeriodCalendar.QuarterCode(year, quarter))) continue;
            var period = PeriodCalendar.NewQuarter(directive, year, quarter);
            period.CloseIfOverdue(now);
            db.ReportingPeriods.Add(period);
            added++;
        }
        foreach (var period in existing) period.CloseIfOverdue(now);
        return added;
    }
}
