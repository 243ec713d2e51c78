using ChildCare.Core.Domain;
using ChildCare.Core.Security;

namespace ChildCare.UnitTests.Domain;

public class OrgUnitTests
{
    private static readonly OrgUnit Centre = new("TW", "Ban Chấp hành Trung ương Đảng", OrgUnitKind.CentralCommittee, null);
    private static readonly OrgUnit Hanoi = new("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, Centre);
    private static readonly OrgUnit HaiBaTrung = new("P01-D007", "Quận ủy Hai Bà Trưng", OrgUnitKind.DistrictCommittee, Hanoi, "Hai Bà Trưng");
    private static readonly OrgUnit BaDinh = new("P01-D001", "Quận ủy Ba Đình", OrgUnitKind.DistrictCommittee, Hanoi);

    [Fact]
    public void A_unit_knows_its_path_depth_and_folded_search_text()
    {
        HaiBaTrung.Path.ShouldBe("/TW/P01/P01-D007/");
        HaiBaTrung.Depth.ShouldBe(2);
        HaiBaTrung.SearchText.ShouldContain("hai ba trung");
        HaiBaTrung.IsInSubtreeOf(Hanoi.Path).ShouldBeTrue();
        BaDinh.IsInSubtreeOf(HaiBaTrung.Path).ShouldBeFalse();
    }

    [Fact]
    public void Existence_comes_from_validity_dates()
    {
        var district = new OrgUnit("X", "Quận ủy X", OrgUnitKind.DistrictCommittee, Hanoi, validTo: new DateOnly(2025, 6, 30));
        district.ExistsOn(new DateOnly(2025, 6, 30)).ShouldBeTrue();
        district.ExistsOn(new DateOnly(2025, 7, 1)).ShouldBeFalse();
        district.ExistsDuring(new DateOnly(2025, 4, 1), new DateOnly(2025, 9, 30)).ShouldBeTrue();
        district.ExistsDuring(new DateOnly(2025, 10, 1), new DateOnly(2025, 12, 31)).ShouldBeFalse();
    }

    [Fact]
    public void A_merger_closes_the_predecessor_the_day_before_and_links_the_successor()
    {
        var a = new OrgUnit("P35", "Tỉnh ủy Hà Nam", OrgUnitKind.ProvincialCommittee, Centre);
        var b = new OrgUnit("P37N", "Tỉnh ủy Ninh Bình (mới)", OrgUnitKind.ProvincialCommittee, Centre, validFrom: new DateOnly(2025, 7, 1));
        var link = a.SucceededBy(b, new DateOnly(2025, 7, 1), SuccessionKind.Merger);
        a.ValidTo.ShouldBe(new DateOnly(2025, 6, 30));
        link.SuccessorId.ShouldBe(b.Id);
        Should.Throw<DomainException>(() => a.SucceededBy(a, new DateOnly(2025, 7, 1), SuccessionKind.Rename));
    }

    [Fact]
    public void A_unit_cannot_be_moved_under_its_own_subtree() =>
        Should.Throw<DomainException>(() => Hanoi.MoveUnder(HaiBaTrung));

    [Fact]
    public void Validity_cannot_end_before_it_starts() =>
        Should.Throw<DomainException>(() => new OrgUnit("Y", "Y", OrgUnitKind.DistrictCommittee, Hanoi, validFrom: new DateOnly(2025, 1, 1), validTo: new DateOnly(2024, 1, 1)));
}

public class UserScopeTests
{
    private static UserScope Scope(string path, params string[] roles) =>
        new(Guid.NewGuid(), "u@childcare.local", "U", roles.ToHashSet(), Guid.NewGuid(), path, "Đơn vị");

    [Fact]
    public void A_district_reporter_sees_its_subtree_only()
    {
        var scope = Scope("/TW/P01/P01-D007/", Roles.Reporter);
        scope.CanSeePath("/TW/P01/P01-D007/").ShouldBeTrue();
        scope.CanSeePath("/TW/P01/P01-D007/P01-D007-W01/").ShouldBeTrue();
        scope.CanSeePath("/TW/P01/P01-D001/").ShouldBeFalse();
        scope.CanSeePath("/TW/P01/").ShouldBeFalse();
        scope.IsNational.ShouldBeFalse();
    }

    [Fact]
    public void A_code_that_starts_like_another_is_not_its_child()
    {
        // "/TW/P01/" must not match "/TW/P010/": the trailing separator makes the prefix exact.
        Scope("/TW/P01/", Roles.Reviewer).CanSeePath("/TW/P010/").ShouldBeFalse();
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Administrator)]
    public void Analysts_and_administrators_see_everything(string role)
    {
        var scope = Scope("/TW/TW-BTG/", role);
        scope.IsNational.ShouldBeTrue();
        scope.CanSeePath("/TW/P96/").ShouldBeTrue();
    }

    [Fact]
    public void Require_refuses_a_role_the_user_lacks() =>
        Should.Throw<ForbiddenException>(() => Scope("/TW/P01/", Roles.Reviewer).Require(Roles.Administrator));
}
