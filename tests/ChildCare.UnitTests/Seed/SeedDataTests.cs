using ChildCare.Core.Domain;
using ChildCare.Core.Seed;

namespace ChildCare.UnitTests.Seed;

public class SeedDataTests
{
    [Fact]
    public void The_org_units_are_the_2024_tree_of_the_shared_data()
    {
        var units = SeedData.OrgUnits();
        units.Count.ShouldBe(120);
        units.Count(u => u.Kind == OrgUnitKind.ProvincialCommittee).ShouldBe(63);
        units.Count(u => u.Kind == OrgUnitKind.DistrictCommittee && u.ParentCode == "P01").ShouldBe(30);
        units.Count(u => u.ParentCode == "P01-D007").ShouldBe(18);
        units.Single(u => u.Code == "P01-D007").Name.ShouldBe("Quận ủy Hai Bà Trưng");
        units.Where(u => u.ParentCode is not null).ShouldAllBe(u => units.Any(p => p.Code == u.ParentCode));
        units.ShouldAllBe(u => u.ValidTo == null); // the 2025 reform comes as reorganisations, not as dates here
        units.Single(u => u.Code == "P01-D007-W04").Name.ShouldBe("Đảng ủy phường Quỳnh Lôi"); // not Bùi Thị Xuân
        units.ShouldNotContain(u => u.Name.Contains("Bùi Thị Xuân"));
    }

    [Fact]
    public void The_2025_reform_packages_follow_the_shared_data()
    {
        var packages = Reform2025.Packages();
        packages.Select(p => p.EffectiveOn).ShouldBe([new(2025, 1, 1), new(2025, 1, 1), new(2025, 2, 3), new(2025, 3, 1), new(2025, 7, 1)]);
        var twoLevel = packages[^1].Rows;
        // 52 provinces merge into 23 new ones; the 11 unchanged have no row.
        twoLevel.Where(r => r.NewKind == OrgUnitKind.ProvincialCommittee).Select(r => r.OldCode).Distinct().Count().ShouldBe(52);
        twoLevel.Where(r => r.NewKind == OrgUnitKind.ProvincialCommittee).Select(r => r.NewCode).Distinct().Count().ShouldBe(23);
        // Hà Nội's 126 commune-level committees, each formed from at least one of the 30 districts.
        var communes = twoLevel.Where(r => r.NewParentCode == "P01").Select(r => r.NewCode).Distinct().ToList();
        communes.Count.ShouldBe(126);
        twoLevel.Where(r => r.OldCode is { } o && o.StartsWith("P01-D") && o.Length == 8).Select(r => r.OldCode).Distinct().Count().ShouldBe(30);
        // Phường Bạch Đằng of Hai Bà Trưng is split: a part to Phường Hai Bà Trưng, the rest to Hồng Hà; no share is official.
        twoLevel.Where(r => r.OldCode == "P01-D007-W01").Select(r => (r.NewCode, r.Mapping, r.Share))
            .ShouldBe([("P01-00256", UnitMapping.Part, (decimal?)null), ("P01-00097", UnitMapping.Remainder, null)], ignoreOrder: true);
        Reform2025.BaDinhWards2024().Count.ShouldBe(14);
    }

    [Fact]
    public void The_25_indicators_carry_unit_aggregation_direction_nature_and_targets()
    {
        var indicators = SeedData.Indicators();
        indicators.Count.ShouldBe(25);
        indicators.Select(i => i.Code).Distinct().Count().ShouldBe(25);
        var u5 = indicators.Single(i => i.Code == "CT28-12");
        (u5.Unit, u5.Aggregation, u5.Direction, u5.Nature).ShouldBe((IndicatorUnit.PerThousand, IndicatorAggregation.Rate, IndicatorDirection.Lower, IndicatorNature.Stock));
        u5.Targets.Select(t => (t.Year, t.Value)).ShouldBe([(2025, 18.5m), (2030, 15m)]);
        indicators.Single(i => i.Code == "CT28-16").Unit.ShouldBe(IndicatorUnit.PerHundredThousand);
        indicators.Single(i => i.Code == "CT28-03").Nature.ShouldBe(IndicatorNature.Flow);
        indicators.Single(i => i.Code == "CT28-19").Direction.ShouldBe(IndicatorDirection.None);
    }

    [Fact]
    public void Stunting_keeps_the_targets_of_both_decisions_that_disagree()
    {
        var stunting = SeedData.Indicators().Single(i => i.Code == "CT28-13");
        stunting.Targets.Where(t => t.Year == 2025).Select(t => (t.Value, t.Source)).ShouldBe(
            [(17m, "Quyết định 23/QĐ-TTg"), (20m, "Quyết định 1896/QĐ-TTg")]);
    }

    [Fact]
    public void Directive_28_is_structured_from_the_seed_text()
    {
        var d = SeedData.Directive28();
        (d.Code, d.Kind, d.IssuingBody, d.IssuedOn, d.Signer, d.Continues).ShouldBe(
            ("28-CT/TW", DirectiveKind.Directive, "Bộ Chính trị", new DateOnly(2023, 12, 25), "Trương Thị Mai", "20-CT/TW"));
        d.TaskAreas.Select(t => t.Number).ShouldBe([1, 2, 3, 4, 5]);
        var source = SeedData.DirectiveSourceText();
        foreach (var area in d.TaskAreas)
            source.ShouldContain(area.Text.Split(' ').Take(8).Aggregate((a, b) => a + " " + b));
        d.Preamble.ShouldStartWith("Sau 10 năm thực hiện Chỉ thị số 20-CT/TW");
        d.ReportingUnitKinds.ShouldBe([OrgUnitKind.ProvincialCommittee, OrgUnitKind.DistrictCommittee, OrgUnitKind.GrassrootsCommittee]);
    }

    [Fact]
    public void A_sentence_broken_by_a_page_break_is_joined_again()
    {
        var areas = SeedData.Directive28().TaskAreas;
        areas[0].Text.ShouldContain("nâng cao nhận thức, trách nhiệm đối với sự phát triển");
        areas[2].Text.ShouldContain("quản lý chặt chẽ các cơ sở");
        areas.ShouldAllBe(a => !a.Text.Contains("Kiên toàn"));
    }

    [Fact]
    public void Every_bullet_of_section_6_becomes_assignments_to_known_units_with_roles()
    {
        var d = SeedData.Directive28();
        var codes = SeedData.OrgUnits().Select(u => u.Code).ToHashSet();
        d.Assignments.Count.ShouldBe(5);
        d.Assignments.SelectMany(a => a.Parties).Where(p => p.OrgUnitCode is not null).ShouldAllBe(p => codes.Contains(p.OrgUnitCode!));
        d.Assignments.Last().Parties.ShouldContain(p => p.OrgUnitCode == "TW-BTG" && p.Role == AssignmentRole.Lead);
        d.Assignments.SelectMany(a => a.Parties).Select(p => p.Role).Distinct().Count().ShouldBe(3);
        d.Assignments[0].Parties.ShouldContain(p => p.OrgUnitKind == OrgUnitKind.ProvincialCommittee);
    }

    [Fact]
    public void Which_indicators_a_summary_quotes_is_data_of_the_document()
    {
        var rows = SeedData.Indicators();
        rows.Where(r => r.InAnnex).Select(r => r.Code).ShouldBe(["CT28-01", "CT28-08", "CT28-12", "CT28-13", "CT28-14", "CT28-15"]);
        rows.Where(r => r.Figure is not null).ToDictionary(r => r.Figure!.Value, r => r.Code).ShouldBe(new Dictionary<SummaryFigure, string>
        {
            [SummaryFigure.PlansIssued] = "CT28-01",
            [SummaryFigure.MembersReached] = "CT28-02",
            [SummaryFigure.Conferences] = "CT28-03",
            [SummaryFigure.Attendance] = "CT28-04",
        }, ignoreOrder: true);
    }
}
