using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Directives;
using ChildCare.Core.Features.OrgUnits;
using ChildCare.Core.Features.Users;
using ChildCare.Core.Security;
using ChildCare.Web.Hosting;

namespace ChildCare.Web.Api;

public sealed record MeResponse(Guid Id, string Email, string FullName, IReadOnlyCollection<string> Roles, Guid OrgUnitId, string OrgUnitName, bool IsNational);

internal static class ApiEndpoints
{
    /// <summary>The JSON API. Every endpoint here needs a signed-in caller; scope is enforced by the services.</summary>
    public static void MapChildCareApi(this IEndpointRouteBuilder app)
    {
        app.MapAuthEndpoints();
        var api = app.MapGroup("/api").RequireAuthorization();

        api.MapGet("/me", async (ScopeResolver scopes, CancellationToken ct) =>
        {
            var s = await scopes.CurrentAsync(ct);
            return new MeResponse(s.UserId, s.UserName, s.FullName, s.Roles, s.OrgUnitId, s.OrgUnitName, s.IsNational);
        }).WithTags("Tài khoản").WithSummary("Người đang đăng nhập: vai trò và đơn vị").WithMetadata(OwnAccountOnly.Instance);

        api.MapGet("/directives", (DirectiveService directives, CancellationToken ct) => directives.ListAsync(ct)).WithTags("Văn bản")
            .WithSummary("Danh sách văn bản (chỉ thị, kế hoạch) đang theo dõi");
        api.MapGet("/directives/{id:guid}", (Guid id, DirectiveService directives, CancellationToken ct) => directives.GetAsync(id, ct))
            .WithTags("Văn bản").WithSummary("Một văn bản với nhiệm vụ, chỉ tiêu và đơn vị được giao");

        api.MapOrgUnitEndpoints();

        api.MapReportEndpoints();
        api.MapDashboardEndpoints();
        api.MapExportEndpoints();
        api.MapDirectiveImportEndpoints();
        api.MapRuntimeEndpoint();
        api.MapLiveEndpoints();

        api.MapGet("/onboarding", (Guid? orgUnitId, OnboardingService service, CancellationToken ct) => service.GetAsync(orgUnitId, ct))
            .RequireAuthorization(Policies.ViewOnboarding).WithTags("Quản trị tài khoản")
            .WithSummary("Tình hình đưa đơn vị vào sử dụng: đơn vị phải báo cáo, có cán bộ đã đăng nhập, thư mời đang chờ/hết hạn, chưa có tài khoản");

        // Administrators and unit administrators (their subtree), decided before a body is read; the service narrows it.
        var users = api.MapGroup("/users").WithTags("Quản trị tài khoản").RequireAuthorization(Policies.ManageAccounts);
        users.MapGet("/", async (UserAdminService service, string? search, int? skip, int? take, UserFilter? filter, CancellationToken ct) =>
            (await service.ListAsync(search, skip ?? 0, take ?? 50, ct: ct, filter: filter ?? UserFilter.All)).Items)
            .WithSummary("Tìm tài khoản (theo trang); filter=AwaitingActivation: chưa kích hoạt, NeedsMove: trên đơn vị đã ngừng hoạt động");
        users.MapPost("/", async (CreateUserRequest request, UserAdminService service, CancellationToken ct) =>
        {
            var user = await service.CreateAsync(request, ct);
            return TypedResults.Created($"/api/users/{user.Id}", user);
        }).WithSummary("Tạo tài khoản cho một đơn vị; không có password thì gửi thư mời (liên kết đặt mật khẩu, 72 giờ)");
        users.MapPost("/{id:guid}/invitation", (Guid id, UserAdminService service, CancellationToken ct) => service.ResendInvitationAsync(id, ct))
            .WithSummary("Gửi lại thư mời kích hoạt (liên kết cũ mất hiệu lực)");

        // Bulk onboarding: a list (CSV or .xlsx) previewed row by row, then applied in one transaction.
        users.MapGet("/imports/template", async (UserImportService service, CancellationToken ct) =>
        {
            var template = await service.TemplateAsync(ct);
            return TypedResults.File(template.Content, UserListTemplate.ContentType, template.FileName);
        }).WithSummary("Tệp mẫu .xlsx để khai danh sách tài khoản (kèm mã các đơn vị bạn quản lý)").ProducesFile(ApiDescription.Xlsx);
        // The form is read by hand (ApiBody), so the role decides before the content type or the body (no 415 to a reporter).
        users.MapPost("/imports", async (HttpRequest request, UserImportService service, CancellationToken ct) =>
        {
            if (!request.HasFormContentType) throw ValidationFailedException.For("file", "Gửi danh sách dạng multipart/form-data, trường file (CSV hoặc Excel .xlsx).");
            var form = await ApiBody.ReadFormAsync(request, ct);
            var file = form.Files.GetFile("file") ?? throw ValidationFailedException.For("file", "Chưa chọn tệp danh sách (CSV hoặc Excel .xlsx).");
            if (file.Length > UserListFile.MaxBytes) throw ValidationFailedException.For("file", "Tệp lớn hơn 5 MB.");
            await using var stream = file.OpenReadStream();
            return await service.PreviewAsync(stream, file.FileName, ct);
        }).DisableAntiforgery().AddOpenApiOperationTransformer(ApiDescription.ListFile)
            .WithSummary("Tải lên danh sách tài khoản (multipart, trường file: CSV hoặc .xlsx): xem trước từng dòng, chưa tạo gì");
        users.MapPost("/imports/{id:guid}/apply", (Guid id, UserImportService service, CancellationToken ct) => service.ApplyAsync(id, ct))
            .WithSummary("Áp dụng danh sách đã xem trước: tạo mọi dòng hợp lệ trong một giao dịch, gửi thư mời");
        users.MapGet("/{id:guid}", (Guid id, UserAdminService service, CancellationToken ct) => service.GetAsync(id, ct)).WithSummary("Một tài khoản");
        users.MapPut("/{id:guid}", (Guid id, UpdateUserRequest request, UserAdminService service, CancellationToken ct) =>
            service.UpdateAsync(id, request, ct)).WithSummary("Sửa họ tên, đơn vị, vai trò của tài khoản");
        users.MapPost("/{id:guid}/disable", (Guid id, UserAdminService service, CancellationToken ct) => service.SetDisabledAsync(id, true, ct)).WithSummary("Vô hiệu hóa tài khoản");
        users.MapPost("/{id:guid}/enable", (Guid id, UserAdminService service, CancellationToken ct) => service.SetDisabledAsync(id, false, ct)).WithSummary("Kích hoạt lại tài khoản");
        users.MapPost("/{id:guid}/unlock", (Guid id, UserAdminService service, CancellationToken ct) => service.UnlockAsync(id, ct)).WithSummary("Mở khóa tài khoản bị khóa do đăng nhập sai");
        users.MapPost("/{id:guid}/reset-password", (Guid id, ResetPasswordRequest request, UserAdminService service, CancellationToken ct) =>
            service.ResetPasswordAsync(id, request.NewPassword, ct)).WithSummary("Đặt lại mật khẩu");
    }
}

public sealed record ResetPasswordRequest(string NewPassword);
