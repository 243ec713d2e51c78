using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Directives;
using ChildCare.Core.Features.Directives.Import;
using ChildCare.Core.Features.Dissemination;
using ChildCare.Core.Security;

namespace ChildCare.Web.Api;

/// <summary>The id of what a POST created.</summary>
public sealed record CreatedId(Guid Id);

public sealed record AssignmentRoleRequest(ChildCare.Core.Domain.AssignmentRole Role);

internal static class DirectiveImportEndpoints
{
    public static void MapDirectiveImportEndpoints(this RouteGroupBuilder api)
    {
        // The text as text/plain, or a .txt/.docx/.pdf as multipart (field "file"). The proposal is not saved.
        api.MapPost("/directives/import", async (HttpRequest request, DirectiveImportService service, CancellationToken ct) =>
        {
            await service.RequireImporterAsync(ct); // a reporter gets 403 before anything is read
            string text;
            if (request.HasFormContentType)
            {
                var form = await ApiBody.ReadFormAsync(request, ct);
                var file = form.Files.GetFile("file") ?? throw ValidationFailedException.For("file", "Chưa chọn tệp.");
                if (file.Length > DirectiveImportService.MaxFileBytes) throw ValidationFailedException.For("file", "Tệp lớn hơn 20 MB.");
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                text = DirectiveImportService.ExtractText(file.FileName, buffer.ToArray());
            }
            else
            {
                using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
                text = await reader.ReadToEndAsync(ct);
            }
            return await service.ProposeAsync(text, ct);
        }).DisableAntiforgery().WithTags("Văn bản").WithSummary("Đọc văn bản (txt, docx, pdf) thành đề xuất nhiệm vụ, chỉ tiêu; chưa lưu").RequireAuthorization(Policies.ManageDocuments)
            .AddOpenApiOperationTransformer(ApiDescription.FileOrText); // not .Accepts(): that would also refuse other content types (415)

        var dissemination = api.MapGroup("").WithTags("Phổ biến văn bản");
        dissemination.MapGet("/directives/{id:guid}/dissemination", (Guid id, Guid? orgUnitId, DateOnly? asOf, DisseminationService service, CancellationToken ct) =>
            service.ViewAsync(id, orgUnitId, ct, asOf)).WithSummary("Tình hình tiếp nhận, phổ biến văn bản theo đơn vị");
        dissemination.MapPost("/directives/{id:guid}/receipts", async (Guid id, ReceiptRequest request, DisseminationService service, CancellationToken ct) =>
        {
            await service.RecordReceiptAsync(id, request, ct);
            return Results.NoContent();
        }).WithSummary("Ghi nhận đơn vị đã tiếp nhận văn bản").Produces(StatusCodes.Status204NoContent);
        dissemination.MapPost("/directives/{id:guid}/copies", async (Guid id, CopyRequest request, DisseminationService service, CancellationToken ct) =>
            TypedResults.Created($"/api/directives/{id}/dissemination", new CreatedId(await service.IssueCopyAsync(id, request, ct))))
            .WithSummary("Sao gửi văn bản tới các đơn vị");
        dissemination.MapPost("/copy-recipients/{id:guid}/acknowledge", async (Guid id, DisseminationService service, CancellationToken ct) =>
        {
            await service.AcknowledgeAsync(id, ct);
            return Results.NoContent();
        }).WithSummary("Đơn vị xác nhận đã nhận bản sao").Produces(StatusCodes.Status204NoContent);

        // Roles that manage documents, decided before a body is read; the service narrows it to the documents one may edit.
        var edit = api.MapGroup("").WithTags("Văn bản").RequireAuthorization(Policies.ManageDocuments);
        edit.MapPut("/directives/{id:guid}", async (Guid id, UpdateDirectiveRequest r, DirectiveEditService s, CancellationToken ct) =>
        {
            await s.UpdateAsync(id, r, ct);
            return Results.NoContent();
        }).WithSummary("Sửa thông tin văn bản").Produces(StatusCodes.Status204NoContent);
        edit.MapPut("/directives/{id:guid}/task-areas", async (Guid id, TaskAreaEdit r, DirectiveEditService s, CancellationToken ct) =>
        {
            await s.SaveTaskAreaAsync(id, r, ct);
            return Results.NoContent();
        }).WithSummary("Thêm hoặc sửa một nhiệm vụ của văn bản").Produces(StatusCodes.Status204NoContent);
        edit.MapPost("/directives/{id:guid}/indicators", async (Guid id, NewIndicator r, DirectiveEditService s, CancellationToken ct) =>
            TypedResults.Created($"/api/directives/{id}", new CreatedId(await s.AddIndicatorAsync(id, r, ct))))
            .WithSummary("Thêm chỉ tiêu cho văn bản");
        edit.MapPut("/indicators/{id:guid}", async (Guid id, IndicatorEdit r, DirectiveEditService s, CancellationToken ct) =>
        {
            await s.UpdateIndicatorAsync(id, r, ct);
            return Results.NoContent();
        }).WithSummary("Sửa chỉ tiêu").Produces(StatusCodes.Status204NoContent);
        edit.MapPost("/indicators/{id:guid}/targets", async (Guid id, TargetEdit r, DirectiveEditService s, CancellationToken ct) =>
        {
            await s.AddTargetAsync(id, r, ct);
            return Results.NoContent();
        }).WithSummary("Đặt mục tiêu của chỉ tiêu cho một năm").Produces(StatusCodes.Status204NoContent);
        edit.MapDelete("/indicators/{id:guid}/targets/{targetId:guid}", async (Guid id, Guid targetId, DirectiveEditService s, CancellationToken ct) =>
        {
            await s.RemoveTargetAsync(id, targetId, ct);
            return Results.NoContent();
        }).WithSummary("Bỏ một mục tiêu của chỉ tiêu").Produces(StatusCodes.Status204NoContent);
        edit.MapPut("/assignments/{id:guid}/role", async (Guid id, AssignmentRoleRequest r, DirectiveEditService s, CancellationToken ct) =>
        {
            await s.SetAssignmentRoleAsync(id, r.Role, ct);
            return Results.NoContent();
        }).WithSummary("Đổi vai trò của đơn vị được giao (chủ trì, phối hợp)").Produces(StatusCodes.Status204NoContent);

        api.MapPost("/directives", async (SaveDirectiveRequest request, DirectiveImportService service, CancellationToken ct) =>
        {
            var id = await service.SaveAsync(request, ct);
            return TypedResults.Created($"/api/directives/{id}", new CreatedId(id));
        }).WithTags("Văn bản").WithSummary("Lưu văn bản mới (thường từ đề xuất của /api/directives/import)").RequireAuthorization(Policies.ManageDocuments);
    }
}
