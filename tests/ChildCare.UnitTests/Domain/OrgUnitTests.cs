using ChildCare.Core.Domain;
using ChildCare.Core.Security;

namespace ChildCare.UnitTests.Domain;

public class OrgUnitTests
{
    private static readonly DateOnly Reform = new(2025, 7, 1);

    private static (OrgUnit Centre, OrgUnit Hanoi, OrgUnit HaiBaTrung, OrgUnit BaDinh) Tree()
    {
        var centre = new OrgUnit("TW", "Ban Chấp hành Trung ương Đảng", OrgUnitKind.CentralCommittee, null);
        var hanoi = new OrgUnit("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, centre);
        return (centre, hanoi, new OrgUnit("P01-D007", "Quận ủy Hai Bà Trưng", OrgUnitKind.DistrictCommittee, hanoi, "Hai Bà Trưng"),
            new OrgUnit("P01-D001", "Quận ủy Ba Đình", OrgUnitKind.DistrictCommittee, hanoi));
    }

    [Fact]
    public void A_unit_knows_its_ancestors_depth_and_folded_search_text()
    {
        var (centre, hanoi, hbt, _) = Tree();
        hbt.Depth.ShouldBe(2);
        hbt.SearchText.ShouldContain("hai ba trung");
        hbt.AncestorIds.ShouldBe([centre.Id, hanoi.Id], ignoreOrder: true);
    }

    [Fact]
    public void Existence_comes_from_validity_dates()
    {
        var (_, hanoi, _, _) = Tree();
        var district = new OrgUnit("X", "Quận ủy X", OrgUnitKind.DistrictCommittee, hanoi, validTo: new DateOnly(2025, 6, 30));
        district.ExistsOn(new DateOnly(2025, 6, 30)).ShouldBeTrue();
        district.ExistsOn(Reform).ShouldBeFalse();
        district.ExistsDuring(new DateOnly(2025, 4, 1), new DateOnly(2025, 9, 30)).ShouldBeTrue();
        district.ExistsDuring(new DateOnly(2025, 10, 1), new DateOnly(2025, 12, 31)).ShouldBeFalse();
    }

    [Fact]
    public void A_rename_keeps_the_unit_and_its_earlier_name_for_earlier_days()
    {
        var (centre, _, _, _) = Tree();
        var hue = new OrgUnit("P46", "Tỉnh ủy Thừa Thiên Huế", OrgUnitKind.ProvincialCommittee, centre);
        hue.ChangeFrom(new DateOnly(2025, 1, 1), "P46", "Thành ủy Huế", "Huế", OrgUnitKind.ProvincialCommittee, centre);
        hue.VersionOn(new DateOnly(2024, 12, 31))!.Name.ShouldBe("Tỉnh ủy Thừa Thiên Huế");
        hue.VersionOn(new DateOnly(2025, 1, 1))!.Name.ShouldBe("Thành ủy Huế");
        hue.Name.ShouldBe("Thành ủy Huế");
        hue.ValidTo.ShouldBeNull();
    }

    [Fact]
    public void A_move_changes_the_parent_from_its_date_and_keeps_the_old_parent_among_the_ancestors()
    {
        var (_, hanoi, hbt, baDinh) = Tree();
        var ward = new OrgUnit("W", "Đảng ủy phường W", OrgUnitKind.GrassrootsCommittee, hbt);
        ward.ChangeFrom(Reform, "W", ward.Name, null, ward.Kind, baDinh);
        ward.VersionOn(Reform.AddDays(-1))!.ParentId.ShouldBe(hbt.Id);
        ward.VersionOn(Reform)!.ParentId.ShouldBe(baDinh.Id);
        ward.AncestorIds.ShouldContain(hbt.Id);
        ward.AncestorIds.ShouldContain(baDinh.Id);
        ward.AncestorIds.ShouldContain(hanoi.Id);
    }

    [Fact]
    public void A_unit_cannot_be_moved_under_its_own_subtree()
    {
        var (centre, hanoi, hbt, _) = Tree();
        Should.Throw<DomainException>(() => hanoi.ChangeFrom(Reform, "P01", hanoi.Name, null, hanoi.Kind, hbt));
        centre.ShouldNotBeNull();
    }

    [Fact]
    public void Closing_ends_the_last_version_and_a_succession_records_mapping_and_share()
    {
        var (centre, _, _, _) = Tree();
        var a = new OrgUnit("P35", "Tỉnh ủy Hà Nam", OrgUnitKind.ProvincialCommittee, centre);
        var b = new OrgUnit("P37", "Tỉnh ủy Ninh Bình", OrgUnitKind.ProvincialCommittee, centre, validFrom: Reform);
        a.CloseAfter(Reform.AddDays(-1));
        var link = a.SucceededBy(b, Reform, SuccessionMapping.Part, 0.4m);
        a.ValidTo.ShouldBe(new DateOnly(2025, 6, 30));
        link.Share.ShouldBe(0.4m);
        b.Predecessors.ShouldContain(link);
        Should.Throw<DomainException>(() => a.SucceededBy(a, Reform, SuccessionMapping.Whole));
        Should.Throw<DomainException>(() => a.SucceededBy(b, Reform, SuccessionMapping.Part, 1.5m));
    }

    [Fact]
    public void Validity_cannot_end_before_it_starts()
    {
        var (_, hanoi, _, _) = Tree();
        Should.Throw<DomainException>(() => new OrgUnit("Y", "Y", OrgUnitKind.DistrictCommittee, hanoi, validFrom: new DateOnly(2025, 1, 1), validTo: new DateOnly(2024, 1, 1)));
    }
}

public class UserScopeTests
{
    private static UserScope Scope(Guid unit, params string[] roles) =>
        new(Guid.NewGuid(), "u@childcare.local", "U", roles.ToHashSet(), unit, "Đơn vị", [], OrgUnitKind.DistrictCommittee);

    private static UserScope ScopeOf(OrgUnit unit, params string[] roles) =>
        new(Guid.NewGuid(), "u@childcare.local", "U", roles.ToHashSet(), unit.Id, unit.Name, unit.AncestorIds, unit.Kind);

    [Fact]
    public void A_provinces_plan_is_seen_by_its_subtree_and_the_centre_and_registered_only_by_its_own_reviewer()
    {
        var centre = new OrgUnit("TW", "TW", OrgUnitKind.CentralCommittee, null);
        var hanoi = new OrgUnit("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, centre);
        var ward = new OrgUnit("P01-00256", "Đảng ủy phường Hai Bà Trưng", OrgUnitKind.GrassrootsCommittee, hanoi);
        var haiphong = new OrgUnit("P02", "Thành ủy Hải Phòng", OrgUnitKind.ProvincialCommittee, centre);
        bool Sees(UserScope s) => s.CanSeeDocument(hanoi.Id, hanoi.AncestorIds);
        Sees(ScopeOf(hanoi, Roles.Reviewer)).ShouldBeTrue();
        Sees(ScopeOf(ward, Roles.Reporter)).ShouldBeTrue();
        Sees(ScopeOf(centre, Roles.Analyst)).ShouldBeTrue();
        Sees(ScopeOf(haiphong, Roles.Reviewer)).ShouldBeFalse();
        ScopeOf(haiphong, Roles.Reviewer).CanSeeDocument(null, []).ShouldBeTrue(); // the centre's documents: everyone
        ScopeOf(hanoi, Roles.Reviewer).CanIssueFor(hanoi.Id).ShouldBeTrue();
        ScopeOf(hanoi, Roles.Reviewer).CanIssueFor(haiphong.Id).ShouldBeFalse();
        ScopeOf(ward, Roles.Reviewer).CanIssueFor(ward.Id).ShouldBeFalse(); // nobody reports to a ward's committee
        ScopeOf(ward, Roles.Reporter).CanIssueFor(ward.Id).ShouldBeFalse();
        ScopeOf(centre, Roles.Analyst).CanIssueFor(haiphong.Id).ShouldBeTrue();
    }

    [Fact]
    public void A_district_reporter_sees_what_was_ever_under_its_unit_only()
    {
        var centre = new OrgUnit("TW", "TW", OrgUnitKind.CentralCommittee, null);
        var hanoi = new OrgUnit("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, centre);
        var hbt = new OrgUnit("P01-D007", "Quận ủy Hai Bà Trưng", OrgUnitKind.DistrictCommittee, hanoi, validTo: new DateOnly(2025, 6, 30));
        var ward = new OrgUnit("P01-D007-W01", "Đảng ủy phường Bạch Đằng", OrgUnitKind.GrassrootsCommittee, hbt, validTo: new DateOnly(2025, 6, 30));
        var other = new OrgUnit("P01-D001", "Quận ủy Ba Đình", OrgUnitKind.DistrictCommittee, hanoi);
        var scope = Scope(hbt.Id, Roles.Reporter);
        scope.CanSee(hbt).ShouldBeTrue();
        scope.CanSee(ward).ShouldBeTrue();
        scope.CanSee(other).ShouldBeFalse();
        scope.CanSee(hanoi).ShouldBeFalse();
        scope.IsNational.ShouldBeFalse();
    }

    [Fact]
    public void A_later_unit_with_a_closed_units_code_is_not_in_its_scope()
    {
        var centre = new OrgUnit("TW", "TW", OrgUnitKind.CentralCommittee, null);
        var oldP08 = new OrgUnit("P08", "Tỉnh ủy Tuyên Quang", OrgUnitKind.ProvincialCommittee, centre, validTo: new DateOnly(2025, 6, 30));
        var newP08 = new OrgUnit("P08", "Tỉnh ủy Tuyên Quang", OrgUnitKind.ProvincialCommittee, centre, validFrom: new DateOnly(2025, 7, 1));
        var commune = new OrgUnit("P08-00001", "Đảng ủy xã A", OrgUnitKind.GrassrootsCommittee, newP08, validFrom: new DateOnly(2025, 7, 1));
        Scope(oldP08.Id, Roles.Reviewer).CanSee(commune).ShouldBeFalse();
        Scope(newP08.Id, Roles.Reviewer).CanSee(commune).ShouldBeTrue();
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Administrator)]
    public void Analysts_and_administrators_see_everything(string role)
    {
        var scope = Scope(Guid.NewGuid(), role);
        scope.IsNational.ShouldBeTrue();
        scope.CanSee(new OrgUnit("P96", "Tỉnh ủy Cà Mau", OrgUnitKind.ProvincialCommittee, null)).ShouldBeTrue();
    }

    [Fact]
    public void A_policy_the_users_roles_do_not_reach_is_refused_and_one_they_reach_is_not()
    {
        Should.Throw<ForbiddenException>(() => Scope(Guid.NewGuid(), Roles.Reviewer).RequirePolicy(Policies.Administer));
        Should.NotThrow(() => Scope(Guid.NewGuid(), Roles.Reviewer).RequirePolicy(Policies.ReviewReports));
        Scope(Guid.NewGuid(), Roles.Administrator).ReachesEveryUnit.ShouldBeTrue();
        Scope(Guid.NewGuid(), Roles.UnitAdministrator).ReachesEveryUnit.ShouldBeFalse();
    }
}
