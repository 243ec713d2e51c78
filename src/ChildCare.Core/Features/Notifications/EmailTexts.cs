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

/// <summary>The messages' words (Vietnamese).</summary>
public static class EmailTexts
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static string Document(Directive d) => $"{Text.Labels.Of(d.Kind)} số {d.Code}";

    public static (string Subject, string Body) Reminder(EmailKind kind, Directive directive, ReportingPeriod period, string unitName, DateOnly dueOn,
        DateOnly today, string link)
    {
        var due = dueOn.ToString("dd/MM/yyyy", Vi);
        var subject = kind switch
        {
            EmailKind.DueInAWeek => $"[ChildCare] Còn {dueOn.DayNumber - today.DayNumber} ngày đến hạn báo cáo {period.Name} — {directive.Code}",
            EmailKind.DueToday => $"[ChildCare] Hôm nay là hạn nộp báo cáo {period.Name} — {directive.Code}",
            _ => $"[ChildCare] Quá hạn báo cáo {period.Name} — {directive.Code} ({unitName})",
        };
        var situation = kind switch
        {
            EmailKind.DueInAWeek => $"Hạn nộp báo cáo {period.Name} về thực hiện {Document(directive)} là ngày {due}; {unitName} chưa gửi báo cáo.",
            EmailKind.DueToday => $"Hôm nay ({due}) là hạn nộp báo cáo {period.Name} về thực hiện {Document(directive)}; {unitName} chưa gửi báo cáo.",
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
        string? comment, string link) => kind == EmailKind.ReportReturned
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
}
