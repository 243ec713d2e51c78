using System.Text;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.OrgUnits;
using ChildCare.Core.Security;

namespace ChildCare.Web.Api;

internal static class OrgUnitEndpoints
{
    public const long MaxCsvBytes = 5 * 1024 * 1024;

    /// <summary>The org tree on a day, its administration and reorganisations. Scope and roles are checked by the services.</summary>
    public static void MapOrgUnitEndpoints(this RouteGroupBuilder api)
    {
        var units = api.MapGroup("/org-units").WithTags("Đơn vị");
        // Unpaged unless take is given (at most 5,000); asOf defaults to today in Vietnam.
        units.MapGet("/", (OrgUnitService service, string? search, OrgUnitKind? kind, int? skip, int? take, DateOnly? asOf, CancellationToken ct) =>
            service.ListAsync(search, kind, skip, take, asOf, ct)).WithSummary("Các đơn vị có hiệu lực vào ngày asOf (mặc định hôm nay)");
        units.MapGet("/{id:guid}", (Guid id, OrgUnitService service, CancellationToken ct) => service.GetAsync(id, ct))
            .WithSummary("Một đơn vị với lịch sử tên, cấp trên, tiền thân và kế thừa");
        units.MapPost("/", async (CreateOrgUnitRequest request, OrgUnitAdminService service, CancellationToken ct) =>
        {
            var id = await service.CreateAsync(request, ct);
            return TypedResults.Created($"/api/org-units/{id}", new CreatedId(id));
        }).WithSummary("Thêm đơn vị").RequireAuthorization(Policies.Administer);
        units.MapPost("/{id:guid}/rename", async (Guid id, RenameOrgUnitRequest request, OrgUnitAdminService service, CancellationToken ct) =>
        {
            await service.RenameAsync(id, request, ct);
            return Results.NoContent();
        }).WithSummary("Đổi tên đơn vị từ một ngày").Produces(StatusCodes.Status204NoContent).RequireAuthorization(Policies.Administer);
        units.MapPost("/{id:guid}/move", async (Guid id, MoveOrgUnitRequest request, OrgUnitAdminService service, CancellationToken ct) =>
        {
            await service.MoveAsync(id, request, ct);
            return Results.NoContent();
        }).WithSummary("Chuyển đơn vị sang cấp trên khác từ một ngày").Produces(StatusCodes.Status204NoContent).RequireAuthorization(Policies.Administer);
        units.MapPost("/{id:guid}/close", async (Guid id, CloseOrgUnitRequest request, OrgUnitAdminService service, CancellationToken ct) =>
        {
            await service.CloseAsync(id, request, ct);
            return Results.NoContent();
        }).WithSummary("Giải thể đơn vị từ một ngày").Produces(StatusCodes.Status204NoContent).RequireAuthorization(Policies.Administer);

        // Administrators only, decided before the body is read: a Reporter gets 403 whatever it sends.
        var reorganisations = api.MapGroup("/reorganisations").WithTags("Sắp xếp tổ chức").RequireAuthorization(Policies.Administer);
        reorganisations.MapGet("/", (ReorganisationService service, CancellationToken ct) => service.ListAsync(ct))
            .WithSummary("Các đợt sắp xếp tổ chức");
        reorganisations.MapGet("/{id:guid}", (Guid id, ReorganisationService service, CancellationToken ct) => service.GetAsync(id, ct))
            .WithSummary("Một đợt sắp xếp với từng dòng thay đổi");
        // JSON {name, legalBasis, effectiveOn, rows}, or multipart with name, legalBasis, effectiveOn and a CSV "file".
        reorganisations.MapPost("/", async (HttpRequest request, ReorganisationService service, CancellationToken ct) =>
        {
            ReorganisationRequest body;
            if (request.HasFormContentType)
            {
                var form = await ApiBody.ReadFormAsync(request, ct);
                var file = form.Files.GetFile("file") ?? throw ValidationFailedException.For("file", "Chưa chọn tệp CSV.");
                if (file.Length > MaxCsvBytes) throw ValidationFailedException.For("file", "Tệp CSV lớn hơn 5 MB.");
                using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
                var rows = ReorganisationCsv.Parse(reader);
                DateOnly? effective = DateOnly.TryParse(form["effectiveOn"], System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
                body = new ReorganisationRequest(form["name"], form["legalBasis"], effective, rows);
            }
            else
                body = await ApiBody.ReadJsonAsync<ReorganisationRequest>(request, ct);
            var details = await service.CreateAsync(body, ct);
            return TypedResults.Created($"/api/reorganisations/{details.Id}", details);
        }).DisableAntiforgery().WithSummary("Soạn một đợt sắp xếp (JSON, hoặc multipart với tệp CSV)")
            .AddOpenApiOperationTransformer(ApiDescription.OrCsv); // not .Accepts(): that would also refuse other content types (415)
        reorganisations.MapPost("/{id:guid}/apply", (Guid id, ApplyReorganisationRequest? request, ReorganisationService service, CancellationToken ct) =>
            service.ApplyAsync(id, request, ct)).WithSummary("Áp dụng đợt sắp xếp vào cây tổ chức");
        reorganisations.MapPost("/{id:guid}/revert", (Guid id, ReorganisationService service, CancellationToken ct) => service.RevertAsync(id, ct))
            .WithSummary("Hoàn tác đợt sắp xếp đã áp dụng");
        reorganisations.MapDelete("/{id:guid}", async (Guid id, ReorganisationService service, CancellationToken ct) =>
        {
            await service.DeleteDraftAsync(id, ct);
            return Results.NoContent();
        }).WithSummary("Xóa đợt sắp xếp còn nháp").Produces(StatusCodes.Status204NoContent);
    }
}
