using System.Security.Claims;
using ChildCare.Core.Domain;
using Microsoft.AspNetCore.Identity;

namespace ChildCare.Web.Security;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        }).RequireAuthorization().ExcludeFromDescription();

        // After enrolling on /account/two-factor: the cookie is issued again (two-factor on, new security stamp), then home.
        app.MapGet("/account/two-factor/continue", async (SignInManager<AppUser> signIn, UserManager<AppUser> users, ClaimsPrincipal principal) =>
        {
            if (await users.GetUserAsync(principal) is { } user) await signIn.RefreshSignInAsync(user);
            return TypedResults.LocalRedirect("~/");
        }).RequireAuthorization().ExcludeFromDescription();

        // Identity's /manage/2fa, same request and response: read the shared key, enable with a code, reset key or recovery codes.
        app.MapPost("/api/account/2fa", (TwoFactorRequest request, TwoFactorSetup setup, ClaimsPrincipal user) => setup.ApplyAsync(user, request))
            .RequireAuthorization().WithTags("Đăng nhập").WithMetadata(ChildCare.Web.Api.OwnAccountOnly.Instance)
            .WithSummary("Xác thực hai bước: đọc trạng thái, bật bằng mã; tắt, tạo lại khóa hoặc mã khôi phục cần mật khẩu hoặc mã hiện tại");

        // "Quên mật khẩu": the same 202 and words whatever the address; the link goes out behind (PasswordRecovery).
        app.MapPost("/api/account/forgot-password", (ForgotPasswordRequest request, PasswordRecoveryQueue queue) =>
            {
                queue.Enqueue(request.Email);
                return TypedResults.Accepted((string?)null, new ForgotPasswordResponse(PasswordRecovery.Answer));
            })
            .AllowAnonymous().WithTags("Đăng nhập").WithSummary("Quên mật khẩu: gửi liên kết đặt lại tới e-mail của tài khoản (luôn 202)");

        app.MapPost("/api/account/reset-password", async (TokenResetRequest request, PasswordRecovery recovery, CancellationToken ct) =>
            {
                await recovery.ResetAsync(request, ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous().WithTags("Đăng nhập")
            .WithSummary("Đặt mật khẩu mới bằng liên kết trong thư (một lần, 2 giờ); mọi phiên đăng nhập của tài khoản kết thúc");

        app.MapPost("/api/account/activate", async (ActivateRequest request, AccountActivation activation, CancellationToken ct) =>
            {
                await activation.ActivateAsync(request, ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous().WithTags("Đăng nhập")
            .WithSummary("Kích hoạt tài khoản được mời: đặt mật khẩu bằng liên kết trong thư mời (một lần, 72 giờ)");

        app.MapPost("/api/account/password", async (ChangePasswordRequest request, AccountSelfService account, ClaimsPrincipal user, CancellationToken ct) =>
            {
                await account.ChangePasswordAsync(user, request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization().WithTags("Đăng nhập").WithMetadata(ChildCare.Web.Api.OwnAccountOnly.Instance)
            .WithSummary("Đổi mật khẩu (cần mật khẩu hiện tại); mọi phiên đăng nhập của tài khoản kết thúc");

        app.MapPost("/api/account/sessions/revoke", async (AccountSelfService account, ClaimsPrincipal user, CancellationToken ct) =>
            {
                await account.SignOutEverywhereAsync(user, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization().WithTags("Đăng nhập").WithMetadata(ChildCare.Web.Api.OwnAccountOnly.Instance)
            .WithSummary("Đăng xuất khỏi mọi thiết bị: thu hồi mọi cookie, access token và refresh token của tài khoản");
    }

    /// <summary>
    /// A session whose role requires two-factor and whose account has none may only enrol: pages send it to
    /// /account/two-factor, the API answers 403 saying so (except the enrolment call itself and sign-out).
    /// </summary>
    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.HasClaim(c => c.Type == TwoFactorPolicy.SetupClaim) && !MayPass(context.Request.Path))
            {
                if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"))
                {
                    await TypedResults.Problem("Vai trò của bạn bắt buộc xác thực hai bước: hãy bật bằng POST /api/account/2fa (hoặc trang Tài khoản) rồi đăng nhập lại.",
                        statusCode: StatusCodes.Status403Forbidden, title: "Cần bật xác thực hai bước",
                        extensions: new Dictionary<string, object?> { ["code"] = "RequiresTwoFactorSetup" }).ExecuteAsync(context);
                    return;
                }
                context.Response.Redirect("/account/two-factor");
                return;
            }
            await next(context);
        });

    private static bool MayPass(PathString path) =>
        path.StartsWithSegments("/account") || path.StartsWithSegments("/api/account/2fa") || path.StartsWithSegments("/api/auth")
        || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/health") || path.StartsWithSegments("/not-found") || path.StartsWithSegments("/error")
        || Path.HasExtension(path.Value);
}
