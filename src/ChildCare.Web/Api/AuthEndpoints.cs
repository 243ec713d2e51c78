using ChildCare.Core.Domain;
using ChildCare.Web.Security;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChildCare.Web.Api;

public sealed record LoginRequest(string Email, string Password, string? TwoFactorCode = null, string? TwoFactorRecoveryCode = null);

public sealed record RefreshRequest(string RefreshToken);

internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Đăng nhập");

        // A bearer token ({tokenType, accessToken, expiresIn, refreshToken}). With two-factor on, the code (or a recovery code) comes
        // in the same request; without it the answer is 401 saying a code is needed. Rate-limited per client (see WebHardening).
        auth.MapPost("/login", async Task<Results<SignInHttpResult, ProblemHttpResult>> (LoginRequest request, SignInGate gate,
            SignInManager<AppUser> signIn, ApiSessions sessions, HttpContext http, ILogger<SignInGate> logger) =>
        {
            var check = await gate.CheckAsync(request.Email, request.Password, request.TwoFactorCode, request.TwoFactorRecoveryCode,
                WebHardening.ClientKey(http));
            if (check.Outcome != SignInOutcome.Succeeded || check.User is not { } user)
            {
                logger.LogInformation("API sign-in refused ({Outcome}) from {Client}", check.Outcome, WebHardening.ClientKey(http));
                return TypedResults.Problem(check.Message, statusCode: StatusCodes.Status401Unauthorized, title: "Đăng nhập không thành công",
                    extensions: check.Outcome == SignInOutcome.CodeRequired ? new Dictionary<string, object?> { ["code"] = "RequiresTwoFactor" } : null);
            }
            var principal = await signIn.CreateUserPrincipalAsync(user);
            ApiSessions.Stamp(principal, await sessions.OpenAsync(user.Id, http.RequestAborted));
            logger.LogInformation("User {UserId} signed in through the API", user.Id);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        }).AllowAnonymous().WithSummary("Đăng nhập, nhận bearer token (kèm mã hai bước nếu tài khoản đã bật)")
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK);

        // Rotation: the refresh token is good once. Using it again revokes every token of that sign-in.
        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, UnauthorizedHttpResult>> (RefreshRequest request,
            IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider time, SignInManager<AppUser> signIn, ApiSessions sessions,
            CancellationToken ct) =>
        {
            var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
                || ApiSessions.IdOf(ticket.Principal) is not { } sessionId
                || await sessions.RotateAsync(sessionId, ct) is not { } next)
                return TypedResults.Unauthorized();
            if (await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user || !await signIn.CanSignInAsync(user))
            {
                await sessions.RevokeAsync(next, ct);
                return TypedResults.Unauthorized();
            }
            var principal = await signIn.CreateUserPrincipalAsync(user);
            ApiSessions.Stamp(principal, next);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        }).AllowAnonymous().WithSummary("Đổi refresh token (dùng một lần) lấy token mới")
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK);

        // Ends this API sign-in: its refresh token and every access token issued under it stop working.
        auth.MapPost("/logout", async (HttpContext http, ApiSessions sessions, CancellationToken ct) =>
        {
            if (ApiSessions.IdOf(http.User) is { } sessionId) await sessions.RevokeAsync(sessionId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("Đăng xuất: thu hồi token của lượt đăng nhập này").WithMetadata(OwnAccountOnly.Instance);
    }

    /// <summary>Access tokens of a revoked (or pre-rotation, session-less) sign-in are refused with 401.</summary>
    public static IApplicationBuilder UseApiSessionCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true
                && AuthSchemes.HasBearer(context.Request))
            {
                var live = ApiSessions.IdOf(context.User) is { } sid
                    && await context.RequestServices.GetRequiredService<ApiSessions>().IsLiveAsync(sid, context.RequestAborted);
                if (!live)
                {
                    await TypedResults.Problem("Phiên đăng nhập đã kết thúc (đã đăng xuất hoặc bị thu hồi). Hãy đăng nhập lại.",
                        statusCode: StatusCodes.Status401Unauthorized, title: "Bạn cần đăng nhập.").ExecuteAsync(context);
                    return;
                }
            }
            await next(context);
        });
}
