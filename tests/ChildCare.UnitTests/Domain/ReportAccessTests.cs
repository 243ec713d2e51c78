using ChildCare.Core.Domain;
using ChildCare.Core.Security;

namespace ChildCare.UnitTests.Domain;

/// <summary>ReportAccess: one decision of view / edit / submit / review / consolidate from scope, status and period.</summary>
public class ReportAccessTests
{
    private static readonly Actor Someone = new(Guid.NewGuid(), "Cán bộ");
    private static readonly OrgUnit Centre = new("TW", "Trung ương", OrgUnitKind.CentralCommittee, null);
    private static readonly OrgUnit Hanoi = new("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, Centre);
    private static readonly OrgUnit District = new("P01-D007", "Quận ủy Hai Bà Trưng", OrgUnitKind.DistrictCommittee, Hanoi);
    private static readonly OrgUnit HaiPhong = new("P02", "Thành ủy Hải Phòng", OrgUnitKind.ProvincialCommittee, Centre);

    private static UserScope ScopeOf(OrgUnit unit, string role) =>
        new(Guid.NewGuid(), "u@childcare.local", "U", new HashSet<string> { role }, unit.Id, unit.Name, unit.AncestorIds, unit.Kind);

    private static ProgressReport Report(OrgUnit unit)
    {
        var directive = new Directive("28-CT/TW", DirectiveKind.Directive, "Bộ Chính trị", new DateOnly(2023, 12, 25), "t")
        {
            ReportingUnitKinds = [.. ReportingRule.CommitteeKinds],
        };
        return new ProgressReport(directive, unit, PeriodCalendar.NewQuarter(directive, 2024, 3), Someone, new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_units_own_staff_edit_a_draft_the_level_above_reviews_it_once_submitted_and_no_one_else_sees_it()
    {
        var r = Report(District);
        var own = ScopeOf(District, Roles.Reporter);
        var city = ScopeOf(Hanoi, Roles.Reviewer);
        var other = ScopeOf(HaiPhong, Roles.Reviewer);
        ReportAccess.For(own, r).ShouldBe(new ReportPermissions(true, true, false, false));
        ReportAccess.For(city, r).ShouldBe(new ReportPermissions(false, false, false, false));
        ReportAccess.For(other, r).CanView.ShouldBeFalse();
        Should.Throw<ForbiddenException>(() => ReportAccess.RequireView(other, r));
        Should.Throw<ForbiddenException>(() => ReportAccess.RequireWrite(city, r));

        r.Submit(Someone, new DateTimeOffset(2024, 10, 5, 0, 0, 0, TimeSpan.Zero), new DateOnly(2024, 10, 10));
        ReportAccess.For(own, r).CanEdit.ShouldBeFalse();
        ReportAccess.For(city, r).CanReview.ShouldBeTrue();
        ReportAccess.RequireReview(city, r);
        Should.Throw<ForbiddenException>(() => ReportAccess.RequireReview(own, r));
    }

    [Fact]
    public void A_locked_period_freezes_edit_and_review_and_a_province_may_consolidate_its_own_report()
    {
        var r = Report(District);
        r.Submit(Someone, new DateTimeOffset(2024, 10, 5, 0, 0, 0, TimeSpan.Zero), new DateOnly(2024, 10, 10));
        r.Period.Lock();
        ReportAccess.For(ScopeOf(Hanoi, Roles.Reviewer), r).CanReview.ShouldBeFalse();
        ReportAccess.CanEdit(ScopeOf(District, Roles.Reporter), District.Id, ReportStatus.Draft, PeriodState.Locked).ShouldBeFalse();

        var province = Report(Hanoi);
        ReportAccess.For(ScopeOf(Hanoi, Roles.Reviewer), province).CanConsolidate.ShouldBeTrue();
        ReportAccess.For(ScopeOf(Centre, Roles.Analyst), province).CanReview.ShouldBeFalse(); // still a draft
    }
}
