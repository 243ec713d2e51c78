using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Periods;
using ChildCare.Core.Features.Reports;
using ChildCare.Core.Security;

namespace ChildCare.Web.Api;

public sealed record AcceptManyRequest(IReadOnlyList<Guid> ReportIds);

public sealed record DraftRequest(uint BaseVersion, string Content);

internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this RouteGroupBuilder api)
    {
        var periods = api.MapGroup("/periods").WithTags("Kỳ báo cáo");
        periods.MapGet("/", (PeriodService service, Guid? directiveId, CancellationToken ct) => service.ListAsync(directiveId, ct))
            .WithSummary("Các kỳ báo cáo (của một văn bản nếu có directiveId)");
        periods.MapPost("/", async (CreatePeriodRequest request, PeriodService service, CancellationToken ct) =>
        {
            var period = await service.CreateAsync(request, ct);
            return TypedResults.Created($"/api/periods/{period.Id}", period);
        }).WithSummary("Mở kỳ báo cáo mới").RequireAuthorization(Policies.Administer);
        periods.MapPut("/{id:guid}/due-dates", (Guid id, ReschedulePeriodRequest request, PeriodService service, CancellationToken ct) =>
            service.RescheduleAsync(id, request, ct)).WithSummary("Đổi hạn nộp của kỳ").RequireAuthorization(Policies.Administer);
        periods.MapPost("/{id:guid}/close", (Guid id, PeriodService service, CancellationToken ct) => service.RunAsync(id, PeriodCommand.Close, ct))
            .WithSummary("Đóng kỳ: hết nhận báo cáo").RequireAuthorization(Policies.Administer);
        periods.MapPost("/{id:guid}/lock", (Guid id, PeriodService service, CancellationToken ct) => service.RunAsync(id, PeriodCommand.Lock, ct))
            .WithSummary("Khóa kỳ: mọi báo cáo của kỳ không đổi được nữa").RequireAuthorization(Policies.Administer);
        periods.MapPost("/{id:guid}/reopen", (Guid id, PeriodService service, CancellationToken ct) => service.RunAsync(id, PeriodCommand.Reopen, ct))
            .WithSummary("Mở lại kỳ đã đóng").RequireAuthorization(Policies.Administer);

        var reports = api.MapGroup("/reports").WithTags("Báo cáo tiến độ");
        reports.MapGet("/", (ProgressReportService service, Guid? directiveId, Guid? periodId, Guid? orgUnitId, ReportStatus? status, CancellationToken ct) =>
            service.ListAsync(new ReportFilter(directiveId, periodId, orgUnitId, status), ct))
            .WithSummary("Danh sách báo cáo trong phạm vi người gọi (lọc theo văn bản, kỳ, đơn vị, trạng thái)");
        reports.MapPost("/", (ReportKey key, ProgressReportService service, CancellationToken ct) => service.EnsureAsync(key, ct))
            .WithSummary("Mở báo cáo của đơn vị cho một kỳ (tạo bản nháp nếu chưa có)");
        reports.MapGet("/{id:guid}", (Guid id, ProgressReportService service, CancellationToken ct) => service.GetAsync(id, ct))
            .WithSummary("Một báo cáo: nhiệm vụ, chỉ tiêu, minh chứng, trạng thái, version");
        reports.MapPut("/{id:guid}", (Guid id, SaveReportRequest request, ProgressReportService service, CancellationToken ct) =>
            service.SaveAsync(id, request, ct)).WithSummary("Lưu báo cáo (gửi kèm version đã đọc; 409 nếu người khác đã lưu trước)");
        reports.MapGet("/{id:guid}/previous", async (Guid id, ProgressReportService service, CancellationToken ct) =>
            await service.PreviousAsync(id, ct) is { } previous ? Results.Ok(previous) : Results.NoContent())
            .WithSummary("Báo cáo kỳ trước của cùng đơn vị, để tham khảo (204 nếu không có)")
            .Produces<PreviousReport>().Produces(StatusCodes.Status204NoContent);
        reports.MapPost("/{id:guid}/consolidate", (Guid id, ProgressReportService service, CancellationToken ct) => service.ConsolidateAsync(id, ct))
            .WithSummary("Tổng hợp số liệu từ báo cáo của các đơn vị trực thuộc");
        reports.MapPost("/{id:guid}/submit", (Guid id, ProgressReportService service, CancellationToken ct) => service.SubmitAsync(id, ct))
            .WithSummary("Nộp báo cáo lên cấp trên");
        reports.MapPost("/{id:guid}/return", (Guid id, ReviewRequest request, ReportReviewService service, CancellationToken ct) =>
            service.ReturnAsync(id, request.Comment, ct)).WithSummary("Trả lại báo cáo kèm ý kiến để đơn vị sửa (cấp trên: báo cáo đã gửi; lãnh đạo đơn vị: báo cáo chờ ký)")
            .RequireAuthorization(Policies.ReturnReports);
        reports.MapPost("/{id:guid}/accept", (Guid id, ReviewRequest? request, ReportReviewService service, CancellationToken ct) =>
            service.AcceptAsync(id, request?.Comment, ct)).WithSummary("Chấp nhận báo cáo").RequireAuthorization(Policies.ReviewReports);
        reports.MapPost("/accept", (AcceptManyRequest request, ReportReviewService service, CancellationToken ct) =>
            service.AcceptManyAsync(request.ReportIds ?? [], ct: ct)).WithSummary("Chấp nhận nhiều báo cáo một lần")
            .RequireAuthorization(Policies.ReviewReports);
        reports.MapGet("/{id:guid}/audit", (Guid id, ProgressReportService service, CancellationToken ct) => service.AuditAsync(id, ct))
            .WithSummary("Lịch sử thay đổi của báo cáo (ai, khi nào, cũ → mới)");
        reports.MapGet("/{id:guid}/draft", async (Guid id, ReportDraftService service, CancellationToken ct) =>
            await service.GetDraftAsync(id, ct) is { } draft ? Results.Ok(draft) : Results.NoContent())
            .WithSummary("Bản nháp đang gõ dở (204 nếu không có)").Produces<DraftBuffer>().Produces(StatusCodes.Status204NoContent);
        reports.MapPut("/{id:guid}/draft", async (Guid id, DraftRequest request, ReportDraftService service, CancellationToken ct) =>
        {
            await service.SaveDraftAsync(id, request.BaseVersion, request.Content, ct);
            return Results.NoContent();
        }).WithSummary("Giữ bản nháp đang gõ (JSON, tối đa 1 MB)").Produces(StatusCodes.Status204NoContent);

        // Evidence files: multipart upload (field "file"), download by id.
        reports.MapPost("/{id:guid}/attachments", async (Guid id, IFormFile? file, ReportAttachmentService service, CancellationToken ct) =>
        {
            if (file is null) throw ValidationFailedException.For("file", "Chưa chọn tệp.");
            if (file.Length > Core.Files.EvidenceFiles.MaxBytes) throw ValidationFailedException.For("file", "Tệp lớn hơn 20 MB, không tải lên được.");
            await using var stream = file.OpenReadStream();
            var attachment = await service.AddAttachmentAsync(id, file.FileName, stream, ct);
            return TypedResults.Created($"/api/reports/{id}/attachments/{attachment.Id}", attachment);
        }).DisableAntiforgery().WithSummary("Tải lên tệp minh chứng (multipart, trường file; PDF, Word, Excel, ảnh; tối đa 20 MB)");
        // Offline: the report as an Excel form, and the filled form read back as a save (version checked, audited).
        reports.MapGet("/{id:guid}/workbook", async (Guid id, ReportWorkbookService service, CancellationToken ct) =>
        {
            var workbook = await service.ExportAsync(id, ct);
            return TypedResults.File(workbook.Content, ReportWorkbook.ContentType, workbook.FileName);
        }).WithSummary("Tải báo cáo dạng biểu mẫu Excel để điền ngoại tuyến").ProducesFile(ApiDescription.Xlsx);
        reports.MapPost("/{id:guid}/workbook", async (Guid id, IFormFile? file, ReportWorkbookService service, CancellationToken ct) =>
        {
            if (file is null) throw ValidationFailedException.For("file", "Chưa chọn tệp Excel.");
            if (file.Length > ReportWorkbookService.MaxFileBytes) throw ValidationFailedException.For("file", "Tệp Excel lớn hơn 5 MB.");
            await using var stream = file.OpenReadStream();
            return await service.ImportAsync(id, stream, ct);
        }).DisableAntiforgery().WithSummary("Nạp lại biểu mẫu Excel đã điền (lưu như một lần lưu báo cáo)");
        // The leader's signature (issue 19): a PDF signed outside the portal, verified, kept byte for byte; signing submits.
        reports.MapPost("/{id:guid}/signature", async (Guid id, HttpRequest request, ChildCare.Core.Features.Signing.ReportSigningService service, CancellationToken ct) =>
        {
            if (!request.HasFormContentType) throw ValidationFailedException.For("file", "Gửi tệp PDF đã ký dạng multipart/form-data, trường file.");
            var form = await ApiBody.ReadFormAsync(request, ct);
            var file = form.Files.GetFile("file") ?? throw ValidationFailedException.For("file", "Chưa chọn tệp PDF đã ký.");
            if (file.Length > ChildCare.Core.Features.Signing.ReportSigningService.MaxFileBytes) throw ValidationFailedException.For("file", "Tệp PDF lớn hơn 20 MB.");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            return await service.UploadAsync(id, buffer.ToArray(), ct);
        }).DisableAntiforgery().RequireAuthorization(Policies.SignReports).AddOpenApiOperationTransformer(ApiDescription.SignedPdf)
            .WithSummary("Lãnh đạo đơn vị tải lên bản PDF đã ký số: cổng kiểm tra (toàn vẹn, chứng thư tin cậy, đúng báo cáo, đúng người) rồi gửi lên cấp trên");
        reports.MapPost("/{id:guid}/sign", (Guid id, ChildCare.Core.Features.Signing.ReportSigningService service, CancellationToken ct) => service.SealAsync(id, ct))
            .RequireAuthorization(Policies.SignReports)
            .WithSummary("Lãnh đạo đơn vị cho cổng ký bằng khóa của đơn vị (khi đơn vị có khóa trên cổng) rồi gửi lên cấp trên");
        reports.MapGet("/{id:guid}/signature", (Guid id, ChildCare.Core.Features.Signing.ReportSigningService service, CancellationToken ct) => service.GetAsync(id, ct))
            .WithSummary("Chữ ký số của báo cáo: người ký, chứng thư, thời điểm, kết quả từng bước kiểm tra");
        reports.MapGet("/{id:guid}/signed-document", async (Guid id, ChildCare.Core.Features.Signing.ReportSigningService service, CancellationToken ct) =>
        {
            var (name, content) = await service.DocumentAsync(id, ct);
            return TypedResults.File(content, "application/pdf", name);
        }).WithSummary("Bản PDF đã ký, nguyên vẹn như khi nhận").ProducesFile("application/pdf");
        reports.MapGet("/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, ReportAttachmentService service, CancellationToken ct) =>
        {
            var file = await service.DownloadAsync(id, attachmentId, ct);
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).WithSummary("Tải tệp minh chứng").ProducesFile();
        reports.MapDelete("/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, ReportAttachmentService service, CancellationToken ct) =>
        {
            await service.RemoveAttachmentAsync(id, attachmentId, ct);
            return Results.NoContent();
        }).WithSummary("Xóa tệp minh chứng").Produces(StatusCodes.Status204NoContent);

        api.MapGet("/notifications", (NotificationService service, CancellationToken ct) => service.ForCurrentUserAsync(ct)).WithTags("Thông báo")
            .WithSummary("Thông báo của người đang đăng nhập").WithMetadata(OwnAccountOnly.Instance);
        // Administrators: run the e-mail job now (reminders due, events, the outbox). 409 when no SMTP server is configured.
        api.MapPost("/notifications/reminders", async (ChildCare.Core.Features.Notifications.EmailJobService jobs, CancellationToken ct) =>
        {
            var result = await jobs.RunNowAsync(ct);
            return result.Ran ? Results.Ok(result) : Results.Problem(result.Reason, statusCode: StatusCodes.Status409Conflict, title: "Chưa gửi được thư.");
        }).WithTags("Thông báo").WithSummary("Quản trị viên: chạy ngay việc gửi thư nhắc hạn và thông báo").RequireAuthorization(Policies.Administer)
            .Produces<ChildCare.Core.Features.Notifications.EmailRunResult>();
        api.MapGet("/account/email-preferences", (ChildCare.Core.Features.Notifications.EmailPreferenceService service, CancellationToken ct) =>
            service.GetAsync(ct)).WithTags("Tài khoản").WithMetadata(OwnAccountOnly.Instance)
            .WithSummary("Loại thư điện tử người dùng nhận hay tắt");
        api.MapPut("/account/email-preferences", (ChildCare.Core.Features.Notifications.EmailPreferencesRequest request,
            ChildCare.Core.Features.Notifications.EmailPreferenceService service, CancellationToken ct) => service.SetAsync(request, ct)).WithTags("Tài khoản")
            .WithMetadata(OwnAccountOnly.Instance).WithSummary("Bật, tắt từng loại thư điện tử");
        api.MapGet("/account/preferences", (ChildCare.Core.Features.Users.AccountPreferenceService service, CancellationToken ct) =>
            service.GetAsync(ct)).WithTags("Tài khoản").WithMetadata(OwnAccountOnly.Instance)
            .WithSummary("Ngôn ngữ của người dùng (vi-VN hoặc en-US)");
        api.MapPut("/account/preferences", (ChildCare.Core.Features.Users.AccountPreferencesRequest request,
            ChildCare.Core.Features.Users.AccountPreferenceService service, CancellationToken ct) => service.SetAsync(request, ct)).WithTags("Tài khoản")
            .WithMetadata(OwnAccountOnly.Instance).WithSummary("Đặt ngôn ngữ của người dùng: giao diện chuyển theo, thư điện tử gửi bằng ngôn ngữ này");
    }
}
