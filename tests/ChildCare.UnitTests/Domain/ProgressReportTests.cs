using ChildCare.Core.Domain;

namespace ChildCare.UnitTests.Domain;

public class ProgressReportTests
{
    private static readonly Actor Reporter = new(Guid.NewGuid(), "Cán bộ Quận ủy Hai Bà Trưng");
    private static readonly Actor Reviewer = new(Guid.NewGuid(), "Cán bộ Thành ủy Hà Nội");
    private static readonly DateOnly Due = new(2026, 10, 10);
    private static readonly DateTimeOffset BeforeDue = new(2026, 10, 5, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AfterDue = new(2026, 10, 12, 3, 0, 0, TimeSpan.Zero);

    private static ProgressReport NewReport()
    {
        var directive = new Directive("28-CT/TW", DirectiveKind.Directive, "Bộ Chính trị", new DateOnly(2023, 12, 25), "Về trẻ em");
        var province = new OrgUnit("P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, null);
        var district = new OrgUnit("P01-D007", "Quận ủy Hai Bà Trưng", OrgUnitKind.DistrictCommittee, province);
        var period = PeriodCalendar.NewQuarter(directive, 2026, 3);
        return new ProgressReport(directive, district, period, Reporter, BeforeDue.AddDays(-30));
    }

    [Fact]
    public void A_new_report_is_an_editable_draft_with_a_history_row()
    {
        var report = NewReport();
        report.Status.ShouldBe(ReportStatus.Draft);
        report.IsEditable.ShouldBeTrue();
        report.History.Single().Action.ShouldBe(ReportAction.Created);
    }

    [Fact]
    public void Submit_before_the_deadline_is_on_time_and_makes_the_report_read_only()
    {
        var report = NewReport();
        var entry = report.Submit(Reporter, BeforeDue, Due);

        report.Status.ShouldBe(ReportStatus.Submitted);
        report.SubmittedOnTime.ShouldBe(true);
        entry.FromStatus.ShouldBe(ReportStatus.Draft);
        entry.ActorName.ShouldBe(Reporter.Name);
        Should.Throw<DomainException>(() => report.EnsureEditable()).Message.ShouldContain("chỉ đọc");
    }

    [Fact]
    public void Submit_after_deadline_is_marked_late()
    {
        var report = NewReport();
        report.Submit(Reporter, AfterDue, Due);
        report.SubmittedOnTime.ShouldBe(false);
    }

    [Fact]
    public void Submitting_twice_is_refused_by_the_entity()
    {
        var report = NewReport();
        report.Submit(Reporter, BeforeDue, Due);
        Should.Throw<DomainException>(() => report.Submit(Reporter, BeforeDue, Due));
        report.History.Count(h => h.Action == ReportAction.Submitted).ShouldBe(1);
    }

    [Fact]
    public void Returning_needs_a_comment_and_reopens_the_report_for_editing()
    {
        var report = NewReport();
        report.Submit(Reporter, BeforeDue, Due);
        Should.Throw<DomainException>(() => report.Return(Reviewer, BeforeDue, "  "));

        report.Return(Reviewer, BeforeDue.AddDays(1), "Bổ sung số liệu chỉ tiêu 3");

        report.Status.ShouldBe(ReportStatus.Returned);
        report.LastReviewComment.ShouldBe("Bổ sung số liệu chỉ tiêu 3");
        report.IsEditable.ShouldBeTrue();
    }

    [Fact]
    public void A_report_resubmitted_after_return_is_judged_on_its_first_submission()
    {
        var report = NewReport();
        report.Submit(Reporter, BeforeDue, Due);
        report.Return(Reviewer, BeforeDue.AddDays(1), "Bổ sung");
        report.Submit(Reporter, AfterDue, Due);

        report.SubmittedOnTime.ShouldBe(true);
        report.FirstSubmittedAt.ShouldBe(BeforeDue);
        report.LastSubmittedAt.ShouldBe(AfterDue);
        report.History.Select(h => h.Action).ShouldBe([ReportAction.Created, ReportAction.Submitted, ReportAction.Returned, ReportAction.Submitted]);
    }

    [Fact]
    public void An_accepted_report_is_locked()
    {
        var report = NewReport();
        Should.Throw<DomainException>(() => report.Accept(Reviewer, BeforeDue));
        report.Submit(Reporter, BeforeDue, Due);
        report.Accept(Reviewer, BeforeDue.AddDays(2));

        report.Status.ShouldBe(ReportStatus.Accepted);
        Should.Throw<DomainException>(() => report.Submit(Reporter, BeforeDue, Due));
        Should.Throw<DomainException>(() => report.Return(Reviewer, BeforeDue, "x"));
        Should.Throw<DomainException>(() => report.Touch(BeforeDue)).Message.ShouldContain("đã khóa");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Percent_done_outside_0_to_100_is_refused(int percent)
    {
        var progress = NewReport().ProgressFor(new Directive("x", DirectiveKind.Directive, "y", default, "z").AddTaskArea(1, "A", "B"));
        Should.Throw<DomainException>(() => progress.Update(TaskProgressStatus.OnTrack, percent, null, null, null));
    }

    [Fact]
    public void A_done_task_area_must_be_100_percent()
    {
        var progress = NewReport().ProgressFor(new Directive("x", DirectiveKind.Directive, "y", default, "z").AddTaskArea(1, "A", "B"));
        Should.Throw<DomainException>(() => progress.Update(TaskProgressStatus.Done, 80, null, null, null));
        progress.Update(TaskProgressStatus.Done, 100, " Đã ban hành kế hoạch ", "", null);
        progress.Results.ShouldBe("Đã ban hành kế hoạch");
        progress.Difficulties.ShouldBeNull();
    }

    [Fact]
    public void A_locked_period_freezes_the_report_edits_submission_and_review_alike()
    {
        var draft = NewReport();
        var submitted = NewReport();
        submitted.Submit(Reporter, BeforeDue, Due);
        draft.Period.Lock();
        submitted.Period.Lock();

        draft.IsEditable.ShouldBeFalse();
        draft.IsFrozen.ShouldBeTrue();
        Should.Throw<DomainException>(() => draft.Touch(BeforeDue)).Message.ShouldContain("đã khóa");
        Should.Throw<DomainException>(() => draft.EnsureEditable());
        Should.Throw<DomainException>(() => draft.Submit(Reporter, BeforeDue, Due));
        Should.Throw<DomainException>(() => submitted.Return(Reviewer, AfterDue, "Bổ sung"));
        Should.Throw<DomainException>(() => submitted.Accept(Reviewer, AfterDue));
        submitted.Status.ShouldBe(ReportStatus.Submitted);

        submitted.Period.Reopen();
        submitted.Accept(Reviewer, AfterDue).ToStatus.ShouldBe(ReportStatus.Accepted);
    }

    [Theory]
    [InlineData("{\"x\":1}", true)]
    [InlineData("không phải JSON", false)]
    [InlineData("{\"x\":\"a\\u0000b\"}", false)]
    [InlineData("", false)]
    public void A_draft_buffer_is_json_that_jsonb_takes(string content, bool ok) => (ReportDraft.Problem(content) is null).ShouldBe(ok);

    [Fact]
    public void A_draft_buffer_is_at_most_a_megabyte() =>
        ReportDraft.Problem("{\"x\":\"" + new string('y', ReportDraft.MaxBytes) + "\"}").ShouldNotBeNull();
}
