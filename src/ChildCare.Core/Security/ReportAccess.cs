using ChildCare.Core.Domain;

namespace ChildCare.Core.Security;

/// <summary>What a user may do with one report (pages show exactly these; the API and services enforce them).</summary>
public sealed record ReportPermissions(bool CanEdit, bool CanSubmit, bool CanReview, bool CanConsolidate, bool CanView = true, bool CanSign = false);

/// <summary>
/// The one place that decides view / edit / submit / review / consolidate for a report, from the user's scope,
/// the report's status, its period's state (a locked period freezes everything) and the unit's place in the
/// tree. Services call the <c>Require…</c> methods; pages and lists only read <see cref="For(UserScope, ProgressReport)"/>
/// (or the row forms below, which apply the same rules to a row's few columns).
/// See docs/decisions/0010-report-access.md.
/// </summary>
public static class ReportAccess
{
    private const string NotYours = "Báo cáo này nằm ngoài phạm vi của bạn.";

    /// <summary>Its own unit and every unit above it see a report.</summary>
    public static bool CanView(UserScope scope, OrgUnit unit) => scope.CanSee(unit);

    /// <summary>The unit's own staff write a draft or a returned report while its period is not locked.</summary>
    public static bool CanEdit(UserScope scope, Guid unitId, ReportStatus? status, PeriodState periodState) =>
        scope.CanEditReportOf(unitId) && !PeriodLock.Freezes(periodState) && status is null or ReportStatus.Draft or ReportStatus.Returned;

    /// <summary>The level above reviews a submitted report while its period is not locked.</summary>
    public static bool CanReview(UserScope scope, OrgUnit unit, ReportStatus? status, PeriodState periodState) =>
        CanReview(scope, unit.Id, unit.Kind, unit.AncestorIds, status, periodState);

    /// <summary>The same rule for a list row (an inbox line) that carries the unit's id, kind and ancestors.</summary>
    public static bool CanReview(UserScope scope, Guid unitId, OrgUnitKind kind, IReadOnlyCollection<Guid> ancestorIds, ReportStatus? status,
        PeriodState periodState) =>
        scope.CanReviewReportOf(unitId, kind, ancestorIds) && status == ReportStatus.Submitted && !PeriodLock.Freezes(periodState);

    /// <summary>The unit's leader signs (or returns) its report while it awaits signature and its period is not locked.</summary>
    public static bool CanSign(UserScope scope, Guid unitId, ReportStatus? status, PeriodState periodState) =>
        scope.IsInRole(Roles.UnitLeader) && scope.OrgUnitId == unitId && status == ReportStatus.AwaitingSignature && !PeriodLock.Freezes(periodState);

    public static void RequireSign(UserScope scope, ProgressReport r)
    {
        RequireView(scope, r);
        if (!scope.IsInRole(Roles.UnitLeader) || scope.OrgUnitId != r.OrgUnitId)
            throw new ForbiddenException("Chỉ lãnh đạo của đơn vị mới ký hoặc trả lại được báo cáo đang chờ ký.");
    }

    public static ReportPermissions For(UserScope scope, ProgressReport r)
    {
        var view = CanView(scope, r.OrgUnit);
        var edit = view && CanEdit(scope, r.OrgUnitId, r.Status, r.Period.State);
        var review = view && CanReview(scope, r.OrgUnit, r.Status, r.Period.State);
        // A unit with reporters under it (a province for 28-CT/TW, the issuer of a plan) fills its report from theirs.
        var consolidate = edit && ReportingRule.ReceivesReports(r.Directive, r.OrgUnitId, r.OrgUnit.Depth);
        return new ReportPermissions(edit, edit, review, consolidate, view, view && CanSign(scope, r.OrgUnitId, r.Status, r.Period.State));
    }

    public static void RequireView(UserScope scope, ProgressReport r)
    {
        if (!CanView(scope, r.OrgUnit)) throw new ForbiddenException(NotYours);
    }

    /// <summary>
    /// Writing to the report (content, evidence, consolidation, submission, the draft buffer): the unit's own staff.
    /// Whether its status and period allow it is the entity's own guard (<see cref="ProgressReport.EnsureEditable"/>),
    /// which says why not.
    /// </summary>
    public static void RequireWrite(UserScope scope, ProgressReport r)
    {
        RequireView(scope, r);
        if (!scope.CanEditReportOf(r.OrgUnitId)) throw new ForbiddenException("Chỉ cán bộ của đơn vị mới sửa và gửi được báo cáo này.");
    }

    /// <summary>
    /// <see cref="RequireWrite"/>'s rule for a statement that writes without loading the report (the draft buffer's
    /// upsert): the one unit whose reports this user writes — their own, if their role writes — or null.
    /// </summary>
    public static Guid? WritableUnit(UserScope scope) => scope.CanEditReportOf(scope.OrgUnitId) ? scope.OrgUnitId : null;

    public static void RequireReview(UserScope scope, ProgressReport r)
    {
        RequireView(scope, r);
        if (!scope.CanReviewReportOf(r.OrgUnit)) throw new ForbiddenException("Bạn không có quyền thẩm định báo cáo này.");
    }

    /// <summary>
    /// SQL form of <see cref="CanReview(UserScope, OrgUnit, ReportStatus?, PeriodState)"/>: the reports this user can
    /// review now (the bell's "waiting for you" count). <c>RuleFormsTests</c> checks it against the in-memory form on
    /// generated statuses, period states and users.
    /// </summary>
    public static IQueryable<ProgressReport> ReviewableBy(this IQueryable<ProgressReport> reports, UserScope scope)
    {
        var own = scope.OrgUnitId;
        var reviewer = scope.IsInRole(Roles.Reviewer);
        var analyst = scope.IsInRole(Roles.Analyst);
        return reports.Where(PeriodLock.ReportNotFrozen)
            .Where(r => r.Status == ReportStatus.Submitted && r.OrgUnitId != own
                && ((reviewer && r.OrgUnit.AncestorIds.Contains(own)) || (analyst && r.OrgUnit.Kind == OrgUnitKind.ProvincialCommittee)));
    }
}
