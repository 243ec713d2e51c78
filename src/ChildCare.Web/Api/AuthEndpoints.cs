using ChildCare.Core.Domain;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChildCare.Web.Api;

public sealed record LoginRequest(string Email, string Password);

public sealed record RefreshRequest(string RefreshToken);

internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Đăng nhập");

        // Issues a bearer token ({tokenType, accessToken, expiresIn, refreshToken}); failures count towards lockout.
        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (LoginRequest request, SignInManager<AppUser> signIn) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(request.Email?.Trim() ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded) return TypedResults.Empty; // the bearer handler has written the token
            var detail = result.IsLockedOut
                ? "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị."
                : result.IsNotAllowed ? "Tài khoản đã bị vô hiệu hóa." : "E-mail hoặc mật khẩu không đúng.";
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Đăng nhập không thành công");
        }).AllowAnonymous();

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, UnauthorizedHttpResult>> (RefreshRequest request,
            IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider time, SignInManager<AppUser> signIn) =>
        {
            var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            var ticket = protector.Unprotect(request.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
                || !await signIn.CanSignInAsync(user))
                return TypedResults.Unauthorized();
            var principal = await signIn.CreateUserPrincipalAsync(user);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        }).AllowAnonymous();
    }
}
