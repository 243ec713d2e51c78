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

/// <summary>The messages' words, in Vietnamese or, for a person whose stored language is English, in English.</summary>
public static class EmailTexts
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static string Document(Directive d) => $"{Text.Labels.Vi(() => Text.Labels.Of(d.Kind))} số {d.Code}";

    public static (string Subject, string Body) Reminder(EmailKind kind, Directive directive, ReportingPeriod period, string unitName, DateOnly dueOn,
        DateOnly today, string link, bool english = false)
    {
        if (english) return EnglishReminder(kind, directive, period, unitName, dueOn, today, link);
        var due = dueOn.ToString("dd/MM/yyyy", Vi);
        var subject = kind switch
        {
            EmailKind.DueInAWeek => $"[ChildCare] Còn {dueOn.DayNumber - today.DayNumber} ngày đến hạn báo cáo {period.Name} — {directive.Code}",
            EmailKind.DueToday => $"[ChildCare] Hôm nay là hạn nộp báo cáo {period.Name} — {directive.Code}",
            _ => $"[ChildCare] Quá hạn báo cáo {period.Name} — {directive.Code} ({unitName})",
        };
        var situation = kind switch
        {
            EmailKind.DueInAWeek => $"Hạn nộp báo cáo {period.Name} về thực hiện {Document(directive)} là ngày {due}; {unitName} chưa nộp báo cáo.",
            EmailKind.DueToday => $"Hôm nay ({due}) là hạn nộp báo cáo {period.Name} về thực hiện {Document(directive)}; {unitName} chưa nộp báo cáo.",
            _ => $"Báo cáo {period.Name} về thực hiện {Document(directive)} của {unitName} đã quá hạn {today.DayNumber - dueOn.DayNumber} ngày (hạn {due}).",
        };
        return (subject, $"""
            Kính gửi {unitName},

            {situation}
            Đề nghị đồng chí phụ trách đăng nhập cổng ChildCare để hoàn thành và gửi báo cáo: {link}

            Thư này do cổng ChildCare gửi tự động. Có thể tắt loại thư nhắc này trong mục "Tài khoản" của cổng.
            """);
    }

    public static (string Subject, string Body) Event(EmailKind kind, Directive directive, ReportingPeriod period, string unitName, string actor,
        string? comment, string link, bool english = false) => english ? EnglishEvent(kind, directive, period, unitName, actor, comment, link)
        : kind == EmailKind.ReportReturned
        ? ($"[ChildCare] Báo cáo {period.Name} bị trả lại — {directive.Code}", $"""
            Kính gửi {unitName},

            Báo cáo {period.Name} về thực hiện {Document(directive)} đã được {actor} trả lại để chỉnh sửa.
            Ý kiến: {comment ?? "(không có)"}
            Xem và gửi lại báo cáo: {link}

            Thư này do cổng ChildCare gửi tự động. Có thể tắt loại thư này trong mục "Tài khoản" của cổng.
            """)
        : ($"[ChildCare] {unitName} đã gửi báo cáo {period.Name} — {directive.Code}", $"""
            Kính gửi đồng chí phụ trách thẩm định,

            {unitName} đã gửi báo cáo {period.Name} về thực hiện {Document(directive)} ({actor}).
            Thẩm định báo cáo: {link}

            Thư này do cổng ChildCare gửi tự động. Có thể tắt loại thư này trong mục "Tài khoản" của cổng.
            """);

    private static (string Subject, string Body) EnglishReminder(EmailKind kind, Directive directive, ReportingPeriod period, string unitName,
        DateOnly dueOn, DateOnly today, string link)
    {
        var due = dueOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var subject = kind switch
        {
            EmailKind.DueInAWeek => $"[ChildCare] {dueOn.DayNumber - today.DayNumber} days until the {period.Code} report is due — {directive.Code}",
            EmailKind.DueToday => $"[ChildCare] The {period.Code} report is due today — {directive.Code}",
            _ => $"[ChildCare] The {period.Code} report is overdue — {directive.Code} ({unitName})",
        };
        var situation = kind switch
        {
            EmailKind.DueInAWeek => $"The report for {period.Code} on carrying out {directive.Code} is due on {due}; {unitName} has not submitted it yet.",
            EmailKind.DueToday => $"Today ({due}) is the deadline of the report for {period.Code} on carrying out {directive.Code}; {unitName} has not submitted it yet.",
            _ => $"The report for {period.Code} on carrying out {directive.Code} of {unitName} is {today.DayNumber - dueOn.DayNumber} days late (due {due}).",
        };
        return (subject, $"""
            Dear {unitName},

            {situation}
            Please sign in to the ChildCare portal to complete and send the report: {link}

            The ChildCare portal sends this message automatically. You can turn this reminder off under "Account" in the portal.
            """);
    }

    private static (string Subject, string Body) EnglishEvent(EmailKind kind, Directive directive, ReportingPeriod period, string unitName, string actor,
        string? comment, string link) => kind == EmailKind.ReportReturned
        ? ($"[ChildCare] The {period.Code} report was returned — {directive.Code}", $"""
            Dear {unitName},

            {actor} returned the report for {period.Code} on carrying out {directive.Code} for changes.
            Comment: {comment ?? "(none)"}
            Open and send the report again: {link}

            The ChildCare portal sends this message automatically. You can turn these messages off under "Account" in the portal.
            """)
        : ($"[ChildCare] {unitName} sent its {period.Code} report — {directive.Code}", $"""
            Dear reviewer,

            {unitName} sent its report for {period.Code} on carrying out {directive.Code} ({actor}).
            Review the report: {link}

            The ChildCare portal sends this message automatically. You can turn these messages off under "Account" in the portal.
            """);
}

