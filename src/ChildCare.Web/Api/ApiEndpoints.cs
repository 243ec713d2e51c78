using ChildCare.Core.Domain;
using ChildCare.Core.Features.Directives;
using ChildCare.Core.Features.OrgUnits;
using ChildCare.Core.Features.Users;
using ChildCare.Core.Security;

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

        // Administrators and unit administrators (their subtree), decided before a body is read; the service narrows it.
        var users = api.MapGroup("/users").WithTags("Quản trị tài khoản").RequireAuthorization(Policies.ManageAccounts);
        users.MapGet("/", async (UserAdminService service, string? search, int? skip, int? take, CancellationToken ct) =>
            (await service.ListAsync(search, skip ?? 0, take ?? 50, ct: ct)).Items).WithSummary("Tìm tài khoản (theo trang)");
        users.MapPost("/", async (CreateUserRequest request, UserAdminService service, CancellationToken ct) =>
        {
            var user = await service.CreateAsync(request, ct);
            return TypedResults.Created($"/api/users/{user.Id}", user);
        }).WithSummary("Tạo tài khoản cho một đơn vị");
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
