using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Reports;

public enum NotificationLevel
{
    Info,
    Warning,
    Error,
}

public sealed record Notification(NotificationLevel Level, string Title, string Detail, string Link);

/// <summary>
/// What needs the user's attention, computed from the reports themselves (nothing to go stale):
/// reporters see deadlines coming or missed and reports sent back; a unit's leader the reports waiting for their
/// signature; reviewers see reports waiting for them.
/// </summary>
public sealed class NotificationService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time)
{
    /// <summary>How far ahead a deadline is announced.</summary>
    public const int UpcomingDays = 30;

    public async Task<IReadOnlyList<Notification>> ForCurrentUserAsync(CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var today = Deadlines.TodayInVietnam(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = new List<Notification>();
        var unit = await db.OrgUnits.AsNoTracking().Include(u => u.Versions).SingleAsync(u => u.Id == scope.OrgUnitId, ct);

        if (scope.CanEditReportOf(unit.Id))
        {
            // Three reads whatever the number of documents (this runs with every page and every poll of the bell).
            var directives = await db.Directives.AsNoTracking().Where(d => d.Status == DirectiveStatus.Active).ToDictionaryAsync(d => d.Id, ct);
            var ids = directives.Keys.ToList();
            var open = await db.ReportingPeriods.AsNoTracking()
                .Where(PeriodLock.NotLocked).Where(p => ids.Contains(p.DirectiveId) && p.StartsOn <= today && p.EndsOn >= today.AddYears(-1))
                .OrderBy(p => p.StartsOn).ToListAsync(ct);
            var reports = await db.ProgressReports.AsNoTracking().Where(r => ids.Contains(r.DirectiveId) && r.OrgUnitId == unit.Id)
                .Select(r => new { r.Id, r.PeriodId, r.Status, r.LastReviewComment, r.FirstSubmittedAt }).ToDictionaryAsync(r => r.PeriodId, ct);
            // Only the periods the unit reports in, as the tree stood then (a closed district has none to come).
            foreach (var p in open.Where(p => ReportingRule.Reports(directives[p.DirectiveId], unit.VersionOn(ReportingRule.DecidingDay(p)))))
            {
                var d = directives[p.DirectiveId];
                var report = reports.GetValueOrDefault(p.Id);
                var link = report is null ? "reports" : $"reports/{report.Id}";
                var due = p.DueOnFor(unit.Kind);
                if (report?.Status == ReportStatus.Returned)
                    list.Add(new(NotificationLevel.Error, $"Báo cáo {p.Name} bị trả lại", report.LastReviewComment ?? "", link));
                else if (report?.FirstSubmittedAt is null)
                {
                    if (Deadlines.IsOverdue(null, due, today))
                        list.Add(new(NotificationLevel.Error, $"Quá hạn báo cáo {p.Name} ({d.Code})", $"Hạn nộp {due:dd/MM/yyyy}, đã quá {today.DayNumber - due.DayNumber} ngày.", link));
                    else if (due.DayNumber - today.DayNumber <= UpcomingDays)
                        list.Add(new(NotificationLevel.Warning, $"Sắp đến hạn báo cáo {p.Name} ({d.Code})", $"Hạn nộp {due:dd/MM/yyyy}, còn {due.DayNumber - today.DayNumber} ngày.", link));
                }
            }
        }

        if (scope.Satisfies(Policies.SignReports))
        {
            // Reports the office has sent to its leader to sign ("Trình ký").
            var toSign = await db.ProgressReports.AsNoTracking()
                .Where(r => r.OrgUnitId == unit.Id && r.Status == ReportStatus.AwaitingSignature)
                .OrderByDescending(r => r.Period.StartsOn)
                .Select(r => new { r.Id, Period = r.Period.Name, r.Directive.Code, r.UpdatedAt }).ToListAsync(ct);
            foreach (var r in toSign)
                list.Add(new(NotificationLevel.Warning, $"Báo cáo {r.Period} ({r.Code}) chờ bạn ký số",
                    $"Văn phòng trình ký lúc {VietnamTime.Format(r.UpdatedAt)}.", $"reports/{r.Id}"));
        }

        if (scope.Satisfies(Policies.ReviewReports))
        {
            var waiting = await db.ProgressReports.AsNoTracking().ReviewableBy(scope)
                .GroupBy(r => new { r.PeriodId, r.Period.Name, r.Period.StartsOn })
                .Select(g => new { g.Key.PeriodId, g.Key.Name, g.Key.StartsOn, Count = g.Count(), Latest = g.Max(r => r.LastSubmittedAt) })
                .OrderByDescending(g => g.StartsOn).ToListAsync(ct);
            foreach (var w in waiting)
                list.Add(new(NotificationLevel.Info, $"{w.Count} báo cáo {w.Name} chờ thẩm định",
                    $"Gửi gần nhất lúc {VietnamTime.Format(w.Latest)}.", $"review?periodId={w.PeriodId}"));
        }
        return list;
    }
}
