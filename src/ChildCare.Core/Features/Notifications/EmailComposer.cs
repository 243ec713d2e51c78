using System.Globalization;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChildCare.Core.Features.Notifications;

/// <summary>
/// What the e-mail job writes: reminders due today — a week before a deadline, on the day, once overdue (deadlines of
/// the last <see cref="OverdueWindowDays"/> days) — for every unit that reports in a period and has not submitted, to
/// its reporters copied to the reviewers above; and the events of the last two days (a return to the unit's reporters,
/// a submission to the receiving unit's reviewers). Muted kinds are left out.
/// </summary>
internal static class EmailComposer
{
    public const int ReminderDaysBefore = 7;
    public const int OverdueWindowDays = 90;
    public static readonly TimeSpan EventWindow = TimeSpan.FromDays(2);

    private sealed record Person(Guid OrgUnitId, string Email, string Role, List<EmailKind> Muted, string Culture);

    private static async Task<List<Person>> PeopleAsync(AppDbContext db, ICollection<Guid> unitIds, CancellationToken ct) =>
        await (from u in db.Users
               where !u.IsDisabled && u.Email != null && unitIds.Contains(u.OrgUnitId)
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where r.Name == Roles.Reporter || r.Name == Roles.Reviewer
               select new Person(u.OrgUnitId, u.Email!, r.Name!, u.MutedEmailKinds, u.Culture)).ToListAsync(ct);

    private static List<Person> Recipients(IEnumerable<Person> people, Guid unitId, string role, EmailKind kind) =>
        people.Where(p => p.OrgUnitId == unitId && p.Role == role && !p.Muted.Contains(kind))
            .DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase).OrderBy(p => p.Email, StringComparer.Ordinal).ToList();

    /// <summary>
    /// One message per language of the addressees (each person's stored language), Vietnamese first; a copied reader
    /// whose language none of the addressees has is copied on the first. The Vietnamese message keeps the plain key.
    /// </summary>
    private static IEnumerable<(string Key, bool English, List<string> To, List<string> Cc)> ByLanguage(string key, List<Person> to, List<Person> cc)
    {
        var cultures = to.Select(p => p.Culture).Distinct().OrderBy(c => c == Cultures.Vietnamese ? 0 : 1).ThenBy(c => c, StringComparer.Ordinal).ToList();
        foreach (var culture in cultures)
            yield return (culture == Cultures.Vietnamese ? key : $"{key}:{culture}", Cultures.IsEnglish(culture),
                to.Where(p => p.Culture == culture).Select(p => p.Email).ToList(),
                cc.Where(p => p.Culture == culture || (culture == cultures[0] && !cultures.Contains(p.Culture))).Select(p => p.Email).ToList());
    }

    internal static async Task RemindersAsync(AppDbContext db, DateTimeOffset now, List<EmailMessage> into, Func<string, string> link, CancellationToken ct)
    {
        var today = Deadlines.TodayInVietnam(now);
        var directives = await db.Directives.AsNoTracking().Where(d => d.Status == DirectiveStatus.Active).ToListAsync(ct);
        foreach (var directive in directives)
        {
            var earliest = today.AddDays(-OverdueWindowDays);
            var latest = today.AddDays(ReminderDaysBefore);
            var periods = await db.ReportingPeriods.AsNoTracking()
                .Where(PeriodLock.NotLocked)
                .Where(p => p.DirectiveId == directive.Id && ((p.DueOnUnit >= earliest && p.DueOnUnit <= latest) || (p.DueOnProvince >= earliest && p.DueOnProvince <= latest)))
                .ToListAsync(ct);
            foreach (var period in periods)
            {
                var day = ReportingRule.DecidingDay(period);
                var pending = await db.OrgUnitVersions.AsNoTracking().Reporters(directive, day)
                    .Where(v => !db.ProgressReports.Any(r => r.DirectiveId == directive.Id && r.PeriodId == period.Id && r.OrgUnitId == v.OrgUnitId
                        && r.FirstSubmittedAt != null))
                    .Select(v => new { v.OrgUnitId, v.Name, v.Kind, v.ParentId })
                    .ToListAsync(ct);
                var due = pending.Select(u => (Unit: u, DueOn: period.DueOnFor(u.Kind), Kind: KindOn(period.DueOnFor(u.Kind), today)))
                    .Where(x => x.Kind is not null).ToList();
                if (due.Count == 0) continue;
                var people = await PeopleAsync(db, due.Select(x => x.Unit.OrgUnitId).Concat(due.Select(x => x.Unit.ParentId ?? Guid.Empty)).Distinct().ToList(), ct);
                foreach (var (unit, dueOn, kind) in due)
                {
                    var to = Recipients(people, unit.OrgUnitId, Roles.Reporter, kind!.Value);
                    if (to.Count == 0) continue;
                    var cc = unit.ParentId is { } parent ? Recipients(people, parent, Roles.Reviewer, kind.Value) : [];
                    foreach (var (key, english, toGroup, ccGroup) in ByLanguage($"{kind}:{period.Id}:{unit.OrgUnitId}", to, cc))
                    {
                        var (subject, body) = EmailTexts.Reminder(kind.Value, directive, period, unit.Name, dueOn, today, link("reports"), english);
                        into.Add(new EmailMessage(kind.Value, key, toGroup, ccGroup, subject, body, now));
                    }
                }
            }
        }
    }

    /// <summary>Which reminder a deadline calls for today, if any.</summary>
    public static EmailKind? KindOn(DateOnly dueOn, DateOnly today) =>
        today == dueOn ? EmailKind.DueToday
        : today > dueOn ? (today.DayNumber - dueOn.DayNumber <= OverdueWindowDays ? EmailKind.Overdue : null)
        : dueOn.DayNumber - today.DayNumber <= ReminderDaysBefore ? EmailKind.DueInAWeek
        : null;

    internal static async Task EventsAsync(AppDbContext db, DateTimeOffset now, List<EmailMessage> into, Func<string, string> link, CancellationToken ct)
    {
        var since = now - EventWindow;
        var events = await (from h in db.ReportHistory
                            where h.At >= since && (h.Action == ReportAction.Submitted || h.Action == ReportAction.Returned)
                            join r in db.ProgressReports on h.ReportId equals r.Id
                            join p in db.ReportingPeriods on r.PeriodId equals p.Id
                            join d in db.Directives on r.DirectiveId equals d.Id
                            join u in db.OrgUnits on r.OrgUnitId equals u.Id
                            // The unit as it stood on the period's deciding day: its name then, and the unit it reported to.
                            let version = db.OrgUnitVersions.Where(v => v.OrgUnitId == u.Id && (v.ValidFrom == null || v.ValidFrom <= p.EndsOn)
                                    && (v.ValidTo == null || v.ValidTo >= p.EndsOn))
                                .Select(v => new { v.ParentId, v.Name }).FirstOrDefault()
                            select new
                            {
                                h.Id,
                                h.Action,
                                h.Comment,
                                h.ActorName,
                                ReportId = r.Id,
                                UnitId = u.Id,
                                UnitName = version != null ? version.Name : u.Name,
                                Receiver = version != null ? version.ParentId : u.ParentId,
                                Period = p,
                                Directive = d
                            })
            .AsNoTracking().ToListAsync(ct);
        var known = events.Select(e => $"{(e.Action == ReportAction.Returned ? EmailKind.ReportReturned : EmailKind.ReportSubmitted)}:{e.Id}").ToList();
        var existing = (await db.EmailMessages.Where(m => known.Contains(m.Key)).Select(m => m.Key).ToListAsync(ct)).ToHashSet();
        foreach (var e in events)
        {
            var kind = e.Action == ReportAction.Returned ? EmailKind.ReportReturned : EmailKind.ReportSubmitted;
            var key = $"{kind}:{e.Id}";
            if (existing.Contains(key)) continue;
            var target = kind == EmailKind.ReportReturned ? e.UnitId : e.Receiver ?? Guid.Empty;
            var people = await PeopleAsync(db, [target], ct);
            var to = Recipients(people, target, kind == EmailKind.ReportReturned ? Roles.Reporter : Roles.Reviewer, kind);
            if (to.Count == 0) continue;
            foreach (var (languageKey, english, toGroup, _) in ByLanguage(key, to, []))
            {
                var (subject, body) = EmailTexts.Event(kind, e.Directive, e.Period, e.UnitName, e.ActorName, e.Comment,
                    link(kind == EmailKind.ReportReturned ? $"reports/{e.ReportId}" : "review"), english);
                into.Add(new EmailMessage(kind, languageKey, toGroup, [], subject, body, now));
            }
        }
    }
}
