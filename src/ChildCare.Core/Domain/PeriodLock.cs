using System.Linq.Expressions;

namespace ChildCare.Core.Domain;

/// <summary>
/// The one period-lock rule: a locked period freezes every report of it — content, evidence, consolidation,
/// submission, signing and review — and drops out of reminders, the bell and the inbox's to-do counts. Its
/// in-memory form reads a period's state (an entity or a list row's column); its SQL forms filter periods and
/// reports in queries. <c>RuleFormsTests</c> checks that both forms agree on every state.
/// </summary>
public static class PeriodLock
{
    /// <summary>In memory: whether a period in this state is locked.</summary>
    public static bool Freezes(PeriodState state) => state == PeriodState.Locked;

    /// <summary>SQL: the periods that are not locked (reports of them can still change).</summary>
    public static readonly Expression<Func<ReportingPeriod, bool>> NotLocked = p => p.State != PeriodState.Locked;

    /// <summary>SQL: the reports whose period is not locked.</summary>
    public static readonly Expression<Func<ProgressReport, bool>> ReportNotFrozen = r => r.Period.State != PeriodState.Locked;
}
