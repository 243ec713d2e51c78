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
        units.ShouldAllBe(u => u.ValidTo == null); // the 2025 reform is not applied
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
        d.ReportingUnitKinds.ShouldBe([OrgUnitKind.DistrictCommittee, OrgUnitKind.ProvincialCommittee]);
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
}
