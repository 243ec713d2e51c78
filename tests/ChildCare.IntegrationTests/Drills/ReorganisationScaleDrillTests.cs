using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Drills;

/// <summary>
/// A reorganisation at the limits — 10,000 rows, 2,000 chains of new units five levels deep under today's
/// provinces — drafted, applied and reverted through the API, and the tree afterwards exactly as before. Correctness
/// only: the seconds and megabytes are the bench's (<c>ChildCare.Bench --reorganisation</c>).
/// </summary>
public sealed class ReorganisationScaleDrillTests(PortalFixture portal) : PortalTest(portal)
{
    private sealed record TreeState(List<string> Units, List<string> Versions, int Successions);

    private async Task<TreeState> TreeAsync()
    {
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var units = (await db.OrgUnits.AsNoTracking().OrderBy(u => u.Id).ToListAsync())
            .Select(u => $"{u.Id} {u.Code} {u.ParentId} {u.Depth} {u.ValidFrom} {u.ValidTo} {string.Join(",", u.AncestorIds.Order())}").ToList();
        var versions = (await db.OrgUnitVersions.AsNoTracking().OrderBy(v => v.Id).ToListAsync())
            .Select(v => $"{v.Id} {v.OrgUnitId} {v.Code} {v.Name} {v.ParentId} {v.Depth} {v.ValidFrom} {v.ValidTo}").ToList();
        return new TreeState(units, versions, await db.OrgUnitSuccessions.CountAsync());
    }

    [Fact]
    public async Task Ten_thousand_new_units_five_levels_deep_are_drafted_applied_and_reverted_leaving_the_tree_as_it_was()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var today = TestClock.TodayInVietnam;
        var effectiveOn = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddMonths(6);
        var provinces = (await admin.GetFromJsonAsync<List<JsonElement>>(
                $"/api/org-units?take=5000&kind=ProvincialCommittee&asOf={today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"))!
            .Select(p => p.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();
        provinces.Count.ShouldBe(34);

        const int Chains = Reorganisation.MaxRows / Reorganisation.MaxNewUnitDepth;
        var rows = new List<object>(Reorganisation.MaxRows);
        for (var c = 0; c < Chains; c++)
            for (var level = 0; level < Reorganisation.MaxNewUnitDepth; level++)
                rows.Add(new
                {
                    newCode = $"SYN-{c}-{level}",
                    newName = $"Đảng ủy thử nghiệm {c}.{level}",
                    newKind = "GrassrootsCommittee",
                    newParentCode = level == 0 ? provinces[c % provinces.Count] : $"SYN-{c}-{level - 1}",
                    mapping = "whole",
                });
        rows.Count.ShouldBe(Reorganisation.MaxRows);
        var before = await TreeAsync();

        var drafted = await admin.PostAsJsonAsync("/api/reorganisations", new { name = "Thử tải 10.000 dòng", legalBasis = "Thử nghiệm", effectiveOn, rows });
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var draft = await drafted.Content.ReadFromJsonAsync<JsonElement>();
        draft.GetProperty("summary").GetProperty("created").GetInt32().ShouldBe(Reorganisation.MaxRows);
        draft.GetProperty("errors").GetArrayLength().ShouldBe(0);
        var id = draft.GetProperty("id").GetString();
        (await TreeAsync()).ShouldBeEquivalentTo(before); // a draft changes nothing

        var applied = await admin.PostAsJsonAsync($"/api/reorganisations/{id}/apply", new { });
        applied.StatusCode.ShouldBe(HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        var after = await TreeAsync();
        after.Units.Count.ShouldBe(before.Units.Count + Reorganisation.MaxRows);
        after.Versions.Count.ShouldBe(before.Versions.Count + Reorganisation.MaxRows);
        await using (var scope = Portal.Factory.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var deepest = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Code == $"SYN-7-{Reorganisation.MaxNewUnitDepth - 1}");
            var province = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Code == provinces[7] && u.ValidTo == null);
            deepest.ValidFrom.ShouldBe(effectiveOn);
            deepest.Depth.ShouldBe(province.Depth + Reorganisation.MaxNewUnitDepth);
            deepest.AncestorIds.ShouldContain(province.Id);
            deepest.AncestorIds.Count.ShouldBe(province.AncestorIds.Count + Reorganisation.MaxNewUnitDepth);
        }

        var reverted = await admin.PostAsync($"/api/reorganisations/{id}/revert", null);
        reverted.StatusCode.ShouldBe(HttpStatusCode.OK, await reverted.Content.ReadAsStringAsync());
        (await reverted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("Reverted");
        var restored = await TreeAsync();
        restored.Units.Count.ShouldBe(before.Units.Count);
        restored.Units.ShouldBe(before.Units);
        restored.Versions.ShouldBe(before.Versions);
        restored.Successions.ShouldBe(before.Successions);
    }
}
