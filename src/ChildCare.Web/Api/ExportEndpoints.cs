using System.Security.Claims;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Exports;
using ChildCare.Core.Security;

namespace ChildCare.Web.Api;

/// <summary>A background export; <see cref="Signed"/>: a PDF signed with the issuing body's seal key.</summary>
public sealed record ExportJobRequest(Guid DirectiveId, Guid FromPeriodId, Guid ToPeriodId, Guid OrgUnitId, string Format, bool Signed = false);

internal static class ExportEndpoints
{
    public static void MapExportEndpoints(this RouteGroupBuilder api)
    {
        var exports = api.MapGroup("/exports").WithTags("Xuất báo cáo");

        exports.MapGet("/summary", async (Guid directiveId, Guid fromPeriodId, Guid toPeriodId, Guid orgUnitId, string? format, bool? signed,
            SummaryExportService service, CancellationToken ct) =>
        {
            var f = ParseFormat(format);
            var (data, content) = await service.ExportAsync(new SummaryRequest(directiveId, fromPeriodId, toPeriodId, orgUnitId, signed == true), f, ct: ct);
            return TypedResults.File(content, SummaryExportService.ContentType(f), SummaryExportService.DisplayFileName(data, f));
        }).WithSummary("Xuất ngay báo cáo sơ kết, tổng kết từ kỳ đến kỳ (docx, xlsx, csv, pdf; signed=true: PDF ký số bằng khóa của cơ quan ban hành)").RequireAuthorization(Policies.ExportSummaries)
            .ProducesFile(ApiDescription.Docx, ApiDescription.Xlsx, "text/csv", "application/pdf");

        // A unit's own report as a signed-ready document.
        api.MapGet("/reports/{id:guid}/document", async (Guid id, string? format, ReportExportService service, CancellationToken ct) =>
        {
            var (name, type, content) = await service.ExportAsync(id, ParseFormat(format ?? "docx"), ct);
            return TypedResults.File(content, type, name);
        }).WithTags("Báo cáo tiến độ").WithSummary("Báo cáo của đơn vị thành văn bản để ký (docx hoặc pdf)")
            .ProducesFile(ApiDescription.Docx, "application/pdf");

        exports.MapPost("/jobs", async (ExportJobRequest request, ExportJobs jobs, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var job = await jobs.StartAsync(user, new SummaryRequest(request.DirectiveId, request.FromPeriodId, request.ToPeriodId, request.OrgUnitId, request.Signed),
                ParseFormat(request.Format), "Báo cáo tổng hợp", ct);
            return TypedResults.Accepted($"/api/exports/jobs/{job.Id}", job);
        }).WithSummary("Bắt đầu một lượt xuất chạy nền (theo dõi ở /api/exports/jobs/{id})").RequireAuthorization(Policies.ExportSummaries);
        exports.MapGet("/jobs", (ExportJobs jobs, CancellationToken ct) => jobs.ListAsync(ct))
            .WithSummary("Các lượt xuất của người gọi").WithMetadata(OwnAccountOnly.Instance);
        exports.MapGet("/jobs/{id:guid}", async (Guid id, ExportJobs jobs, CancellationToken ct) =>
            await jobs.GetAsync(id, ct) is { } job ? Results.Ok(job) : throw new NotFoundException("Không tìm thấy lượt xuất này."))
            .WithSummary("Trạng thái một lượt xuất (Running, Done, Failed)").Produces<ExportJobView>();
        exports.MapGet("/jobs/{id:guid}/file", async (Guid id, ExportJobs jobs, CancellationToken ct) =>
            await jobs.FileAsync(id, ct) is { } file
                ? Results.File(file.Content, file.ContentType, file.FileName)
                : throw new NotFoundException("Tệp chưa sẵn sàng hoặc đã hết hạn lưu."))
            .WithSummary("Tải tệp của lượt xuất đã xong").ProducesFile(ApiDescription.Docx, ApiDescription.Xlsx, "text/csv", "application/pdf");
    }

    private static ExportFormat ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        "docx" or "word" => ExportFormat.Docx,
        "xlsx" or "excel" => ExportFormat.Xlsx,
        "csv" => ExportFormat.Csv,
        "pdf" => ExportFormat.Pdf,
        _ => throw ValidationFailedException.For("format", "Định dạng phải là docx, xlsx, csv hoặc pdf."),
    };
}
