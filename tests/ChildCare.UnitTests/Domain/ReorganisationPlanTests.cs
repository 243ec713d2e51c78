using ChildCare.Core.Domain;
using ChildCare.Core.Features.Dashboards;

namespace ChildCare.UnitTests.Domain;

public class ReorganisationPlanTests
{
    private static readonly DateOnly Reform = new(2025, 7, 1);
    private static readonly OrgUnitKind Commune = OrgUnitKind.GrassrootsCommittee;

    private sealed class World
    {
        public OrgUnit Centre { get; } = new("TW", "Ban Chấp hành Trung ương Đảng", OrgUnitKind.CentralCommittee, null);
        public List<OrgUnit> Units { get; } = [];

        public World() => Units.Add(Centre);

        public OrgUnit Add(string code, string name, OrgUnitKind kind, OrgUnit parent)
        {
            var u = new OrgUnit(code, name, kind, parent);
            Units.Add(u);
            return u;
        }

        public ReorganisationPlan Plan(params ReorganisationRow[] rows) => ReorganisationPlan.Build(Reform, rows, Units);

        public OrgUnit Apply(ReorganisationPlan plan)
        {
            var result = plan.Apply(Guid.NewGuid(), Units);
            Units.AddRange(result.Created);
            return result.Created.FirstOrDefault()!;
        }
    }

    [Fact]
    public void A_province_that_takes_a_predecessors_code_is_a_new_unit_succeeding_both()
    {
        var w = new World();
        var haGiang = w.Add("P02", "Tỉnh ủy Hà Giang", OrgUnitKind.ProvincialCommittee, w.Centre);
        var tuyenQuang = w.Add("P08", "Tỉnh ủy Tuyên Quang", OrgUnitKind.ProvincialCommittee, w.Centre);
        var row = new ReorganisationRow(null, "P08", "Tỉnh ủy Tuyên Quang", OrgUnitKind.ProvincialCommittee, "TW", UnitMapping.Whole);
        var plan = w.Plan(row with { OldCode = "P02" }, row with { OldCode = "P08" });

        plan.Errors.ShouldBeEmpty();
        plan.Closing.ShouldBe([haGiang, tuyenQuang], ignoreOrder: true);
        plan.Creations.Count.ShouldBe(1);
        var merged = w.Apply(plan);
        merged.Id.ShouldNotBe(tuyenQuang.Id);
        merged.ValidFrom.ShouldBe(Reform);
        tuyenQuang.ValidTo.ShouldBe(Reform.AddDays(-1));
        merged.Predecessors.Select(p => p.PredecessorId).ShouldBe([haGiang.Id, tuyenQuang.Id], ignoreOrder: true);
        merged.Predecessors.ShouldAllBe(p => p.Mapping == SuccessionMapping.Whole);
    }

    [Fact]
    public void A_unit_absorbing_another_goes_on_and_gains_a_predecessor()
    {
        var w = new World();
        var hanoi = w.Add("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, w.Centre);
        var dongMac = w.Add("W06", "Đảng ủy phường Đống Mác", Commune, hanoi);
        var dongNhan = w.Add("W07", "Đảng ủy phường Đồng Nhân", Commune, hanoi);
        var plan = w.Plan(new ReorganisationRow("W06", "W07", null, null, null, UnitMapping.Whole));
        plan.Errors.ShouldBeEmpty();
        plan.Creations.ShouldBeEmpty();
        w.Apply(plan);
        dongNhan.ValidTo.ShouldBeNull();
        dongMac.ValidTo.ShouldBe(Reform.AddDays(-1));
        dongNhan.Predecessors.Single().PredecessorId.ShouldBe(dongMac.Id);
    }

    [Fact]
    public void A_split_records_parts_and_remainder_with_their_shares()
    {
        var w = new World();
        var hanoi = w.Add("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, w.Centre);
        w.Add("W01", "Đảng ủy phường Bạch Đằng", Commune, hanoi);
        var plan = w.Plan(
            new ReorganisationRow("W01", "N1", "Đảng ủy phường Hai Bà Trưng", Commune, "P01", UnitMapping.Part, 0.3m),
            new ReorganisationRow("W01", "N2", "Đảng ủy phường Hồng Hà", Commune, "P01", UnitMapping.Remainder, 0.7m));
        plan.Errors.ShouldBeEmpty();
        plan.Links.Select(l => (l.ToCode, l.Mapping, l.Share)).ShouldBe([("N1", SuccessionMapping.Part, 0.3m), ("N2", SuccessionMapping.Remainder, 0.7m)]);
    }

    [Theory]
    [InlineData("NOPE", "W01", "không có đơn vị mã «NOPE»")]
    [InlineData("W01", "W02", "«W02» cần tên")]
    public void Bad_rows_get_a_clear_message_and_change_nothing(string oldCode, string newCode, string message)
    {
        var w = new World();
        var hanoi = w.Add("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, w.Centre);
        var ward = w.Add("W01", "Đảng ủy phường Bạch Đằng", Commune, hanoi);
        var plan = w.Plan(new ReorganisationRow(oldCode, newCode, null, null, null, UnitMapping.Whole));
        plan.IsValid.ShouldBeFalse();
        plan.Errors.ShouldContain(e => e.Contains(message));
        Should.Throw<DomainException>(() => plan.Apply(Guid.NewGuid(), w.Units));
        ward.ValidTo.ShouldBeNull();
    }

    [Fact]
    public void Shares_of_one_unit_cannot_add_up_to_more_than_the_whole()
    {
        var w = new World();
        var hanoi = w.Add("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, w.Centre);
        w.Add("W01", "Đảng ủy phường Bạch Đằng", Commune, hanoi);
        var plan = w.Plan(
            new ReorganisationRow("W01", "N1", "A", Commune, "P01", UnitMapping.Part, 0.6m),
            new ReorganisationRow("W01", "N2", "B", Commune, "P01", UnitMapping.Remainder, 0.6m));
        plan.Errors.ShouldContain(e => e.Contains("vượt quá 1"));
    }

    [Fact]
    public void A_unit_cannot_close_while_something_under_it_is_left_behind()
    {
        var w = new World();
        var hanoi = w.Add("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, w.Centre);
        var district = w.Add("D7", "Quận ủy Hai Bà Trưng", OrgUnitKind.DistrictCommittee, hanoi);
        w.Add("D7-W01", "Đảng ủy phường Bạch Đằng", Commune, district);
        var plan = w.Plan(new ReorganisationRow("D7", "N1", "Đảng ủy phường Hai Bà Trưng", Commune, "P01", UnitMapping.Part));
        plan.Errors.ShouldContain(e => e.Contains("Bạch Đằng") && e.Contains("chưa được sắp xếp"));
    }

    [Fact]
    public void Assignments_pass_to_the_sole_successor_or_the_one_named()
    {
        var w = new World();
        var gov = w.Add("GOV", "Đảng ủy Chính phủ", OrgUnitKind.CentralBody, w.Centre);
        var ministry = w.Add("LD", "Bộ Lao động - Thương binh và Xã hội", OrgUnitKind.StateAgency, gov);
        var plan = w.Plan(
            new ReorganisationRow("LD", "YT", "Bộ Y tế", OrgUnitKind.StateAgency, "GOV", UnitMapping.Part, InheritsAssignments: true),
            new ReorganisationRow("LD", "NV", "Bộ Nội vụ", OrgUnitKind.StateAgency, "GOV", UnitMapping.Remainder));
        plan.Heirs[ministry.Id].ShouldBe("YT");
    }

    [Fact]
    public void History_adds_whole_predecessors_scales_declared_shares_and_refuses_a_split_without_one()
    {
        var (a, b, c, whole, shared, unshared) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var before = new DateOnly(2025, 6, 30);
        var lives = new Dictionary<Guid, (DateOnly? From, DateOnly? To)>
        {
            [a] = (null, before),
            [b] = (null, before),
            [c] = (null, before),
            [whole] = (Reform, null),
            [shared] = (Reform, null),
            [unshared] = (Reform, null),
        };
        var history = new UnitHistory(lives,
        [
            (whole, a, SuccessionMapping.Whole, null), (whole, b, SuccessionMapping.Whole, null),
            (shared, c, SuccessionMapping.Part, 0.25m),
            (unshared, c, SuccessionMapping.Remainder, null),
        ]);
        var into = new List<(Guid, decimal)>();
        history.Contribute(whole, new DateOnly(2025, 3, 31), 1m, into).ShouldBeTrue();
        into.ShouldBe([(a, 1m), (b, 1m)], ignoreOrder: true);

        into.Clear();
        history.Contribute(shared, new DateOnly(2025, 3, 31), 1m, into).ShouldBeTrue();
        into.ShouldBe([(c, 0.25m)]);

        history.Contribute(unshared, new DateOnly(2025, 3, 31), 1m, []).ShouldBeFalse(); // "không so sánh được"

        into.Clear();
        history.Contribute(whole, new DateOnly(2025, 9, 30), 1m, into).ShouldBeTrue();
        into.ShouldBe([(whole, 1m)]); // after the reform the unit stands for itself
    }

    /// <summary>A tree that fails the test if anything reads it: the limits must be checked on the rows alone.</summary>
    private sealed class UntouchableTree : IReadOnlyCollection<OrgUnit>
    {
        public int Count => throw new InvalidOperationException("the tree was read");

        public IEnumerator<OrgUnit> GetEnumerator() => throw new InvalidOperationException("the tree was read");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static List<ReorganisationRow> Chain(int length, string under = "P01") =>
        [.. Enumerable.Range(0, length).Select(i => new ReorganisationRow(null, $"CH-{i}", $"Đảng ủy thử {i}", Commune, i == 0 ? under : $"CH-{i - 1}", UnitMapping.Whole))];

    [Fact]
    public void More_rows_than_the_limit_are_refused_without_reading_the_tree()
    {
        var rows = Enumerable.Range(0, Reorganisation.MaxRows + 1)
            .Select(i => new ReorganisationRow(null, $"N{i}", "Đảng ủy mới", Commune, "P01", UnitMapping.Whole)).ToList();
        var plan = ReorganisationPlan.Build(Reform, rows, new UntouchableTree());
        plan.IsValid.ShouldBeFalse();
        plan.Errors.ShouldHaveSingleItem().ShouldContain("tối đa 10.000 dòng");
        Should.Throw<DomainException>(() => new Reorganisation("Quá lớn", null, Reform, rows, Actor.System, DateTimeOffset.UnixEpoch))
            .Message.ShouldContain("tối đa 10.000 dòng");
    }

    [Fact]
    public void A_chain_of_new_units_deeper_than_the_limit_is_refused_without_reading_the_tree()
    {
        var plan = ReorganisationPlan.Build(Reform, Chain(Reorganisation.MaxNewUnitDepth + 1), new UntouchableTree());
        plan.Errors.ShouldHaveSingleItem().ShouldContain($"tối đa {Reorganisation.MaxNewUnitDepth} cấp");
        plan.Errors[0].ShouldContain($"«CH-{Reorganisation.MaxNewUnitDepth}»");

        // The whole 20,000-row chain of the review is refused for its size, in one linear pass.
        ReorganisationLimits.Check(Chain(20_000)).ShouldHaveSingleItem().ShouldContain("dòng");
        ReorganisationLimits.Check(Chain(Reorganisation.MaxRows)).ShouldHaveSingleItem().ShouldContain("cấp");
    }

    [Fact]
    public void A_chain_at_the_depth_limit_is_created_parents_first_whatever_the_row_order()
    {
        var w = new World();
        var hanoi = w.Add("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, w.Centre);
        var rows = Chain(Reorganisation.MaxNewUnitDepth);
        rows.Reverse();
        var plan = w.Plan([.. rows]);
        plan.Errors.ShouldBeEmpty();
        var created = plan.Apply(Guid.NewGuid(), w.Units).Created;
        created.Count.ShouldBe(Reorganisation.MaxNewUnitDepth);
        var deepest = created.Single(u => u.Code == $"CH-{Reorganisation.MaxNewUnitDepth - 1}");
        deepest.Depth.ShouldBe(hanoi.Depth + Reorganisation.MaxNewUnitDepth);
        deepest.AncestorIds.Count.ShouldBe(hanoi.AncestorIds.Count + Reorganisation.MaxNewUnitDepth);
    }

    [Fact]
    public void New_units_that_are_each_others_parents_are_refused()
    {
        var rows = new[]
        {
            new ReorganisationRow(null, "A", "Đảng ủy A", Commune, "B", UnitMapping.Whole),
            new ReorganisationRow(null, "B", "Đảng ủy B", Commune, "A", UnitMapping.Whole),
        };
        ReorganisationLimits.Check(rows).ShouldHaveSingleItem().ShouldContain("vòng tròn");
    }

    [Fact]
    public void The_real_2025_packages_are_within_the_limits()
    {
        foreach (var package in ChildCare.Core.Seed.Reform2025.Packages())
            ReorganisationLimits.Check(package.Rows).ShouldBeEmpty(package.Name);
    }
}

public class ReportingRuleTests
{
    private static Directive D28() => new("28-CT/TW", DirectiveKind.Directive, "Bộ Chính trị", new DateOnly(2023, 12, 25), "t")
    {
        ReportingUnitKinds = [.. ReportingRule.CommitteeKinds],
    };

    [Fact]
    public void Districts_report_until_their_last_day_and_communes_from_their_first()
    {
        var centre = new OrgUnit("TW", "TW", OrgUnitKind.CentralCommittee, null);
        var hanoi = new OrgUnit("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, centre);
        var district = new OrgUnit("D7", "Quận ủy Hai Bà Trưng", OrgUnitKind.DistrictCommittee, hanoi, validTo: new DateOnly(2025, 6, 30));
        var ward = new OrgUnit("D7-W1", "Đảng ủy phường Bạch Đằng", OrgUnitKind.GrassrootsCommittee, district, validTo: new DateOnly(2025, 6, 30));
        var commune = new OrgUnit("P01-00256", "Đảng ủy phường Hai Bà Trưng", OrgUnitKind.GrassrootsCommittee, hanoi, validFrom: new DateOnly(2025, 7, 1));
        var d = D28();
        var q2 = new DateOnly(2025, 6, 30);
        var q3 = new DateOnly(2025, 9, 30);
        ReportingRule.Reports(d, district.VersionOn(q2)).ShouldBeTrue();
        ReportingRule.Reports(d, district.VersionOn(q3)).ShouldBeFalse();
        ReportingRule.Reports(d, ward.VersionOn(q2)).ShouldBeFalse(); // a district's ward reports to no one under 28-CT/TW
        ReportingRule.Reports(d, commune.VersionOn(q3)).ShouldBeTrue();
        ReportingRule.Reports(d, hanoi.VersionOn(q3)).ShouldBeTrue();
        ReportingRule.ReceivesReports(d, district.Id, district.Depth).ShouldBeFalse();
        ReportingRule.ReceivesReports(d, hanoi.Id, hanoi.Depth).ShouldBeTrue();
    }

    [Fact]
    public void A_provinces_plan_is_reported_on_by_the_committees_directly_under_it_only()
    {
        var centre = new OrgUnit("TW", "TW", OrgUnitKind.CentralCommittee, null);
        var hanoi = new OrgUnit("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, centre);
        var haiphong = new OrgUnit("P02", "Thành ủy Hải Phòng", OrgUnitKind.ProvincialCommittee, centre);
        var ward = new OrgUnit("P01-00256", "Đảng ủy phường Hai Bà Trưng", OrgUnitKind.GrassrootsCommittee, hanoi, validFrom: new DateOnly(2025, 7, 1));
        var elsewhere = new OrgUnit("P02-00001", "Đảng ủy phường A", OrgUnitKind.GrassrootsCommittee, haiphong, validFrom: new DateOnly(2025, 7, 1));
        var plan = new Directive("125-KH/TU", DirectiveKind.Plan, "Thành ủy Hà Nội", new DateOnly(2024, 3, 15), "t")
        {
            ReportingUnitKinds = [.. ReportingRule.CommitteeKinds],
        };
        plan.IssueBy(hanoi);
        var q3 = new DateOnly(2025, 9, 30);
        ReportingRule.Reports(plan, ward.VersionOn(q3)).ShouldBeTrue();
        ReportingRule.Reports(plan, hanoi.VersionOn(q3)).ShouldBeFalse(); // the issuer does not report on its own plan
        ReportingRule.Reports(plan, haiphong.VersionOn(q3)).ShouldBeFalse();
        ReportingRule.Reports(plan, elsewhere.VersionOn(q3)).ShouldBeFalse();
        ReportingRule.ReceivesReports(plan, hanoi.Id, hanoi.Depth).ShouldBeTrue();
        ReportingRule.ReceivesReports(plan, centre.Id, centre.Depth).ShouldBeFalse();
        Should.Throw<DomainException>(() => new Directive("1-KH/TU", DirectiveKind.Plan, "x", new DateOnly(2024, 1, 1), "t").IssueBy(ward));
    }

    [Fact]
    public void A_period_that_straddles_a_reorganisation_expects_the_units_standing_at_its_end()
    {
        var centre = new OrgUnit("TW", "TW", OrgUnitKind.CentralCommittee, null);
        var hanoi = new OrgUnit("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, centre);
        var district = new OrgUnit("D7", "Quận ủy Hai Bà Trưng", OrgUnitKind.DistrictCommittee, hanoi, validTo: new DateOnly(2025, 6, 30));
        var commune = new OrgUnit("P01-00256", "Đảng ủy phường Hai Bà Trưng", OrgUnitKind.GrassrootsCommittee, hanoi, validFrom: new DateOnly(2025, 7, 1));
        var d = D28();
        var year2025 = new ReportingPeriod(d, "2025", "Năm 2025", PeriodKind.Year, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31),
            new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 10), new DateOnly(2026, 1, 20));
        var day = ReportingRule.DecidingDay(year2025);
        day.ShouldBe(new DateOnly(2025, 12, 31), "the year's last day decides, not its first");
        ReportingRule.Reports(d, district.VersionOn(day)).ShouldBeFalse("closed on 30/6/2025, half-way through the year: not expected");
        ReportingRule.Reports(d, commune.VersionOn(day)).ShouldBeTrue("formed on 1/7/2025: it answers for the whole year");
        ReportingRule.Reports(d, district.VersionOn(year2025.StartsOn)).ShouldBeTrue("on the first day the district still stood — which is why the first day does not decide");
    }
}
