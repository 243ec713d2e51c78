using System.Security.Claims;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace ChildCare.Web.Security;

/// <summary>A new password chosen by the account's owner, proved by the current one (or a current two-factor code).</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword, string? TwoFactorCode = null);

/// <summary>What a signed-in person may change about their own sign-in: the password, and ending every session.</summary>
public sealed class AccountSelfService(UserManager<AppUser> users, StepUp stepUp, AccountSessions sessions)
{
    /// <summary>Changes the password and ends every session of the account, this one included: the owner signs in again.</summary>
    public async Task ChangePasswordAsync(ClaimsPrincipal principal, ChangePasswordRequest request, CancellationToken ct)
    {
        var user = await CurrentAsync(principal);
        await stepUp.RequireAsync(user, request.CurrentPassword, request.TwoFactorCode);
        if (string.IsNullOrEmpty(request.NewPassword)) throw ValidationFailedException.For("newPassword", "Nhập mật khẩu mới.");
        if (await users.CheckPasswordAsync(user, request.NewPassword))
            throw ValidationFailedException.For("newPassword", "Mật khẩu mới phải khác mật khẩu hiện tại.");
        // The proof was checked above (and counted if wrong): the change itself goes through Identity's validators.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, request.NewPassword);
        if (!result.Succeeded)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["newPassword"] = result.Errors.Select(e => e.Description).ToArray() });
        await sessions.EndAllAsync(user.Id, SessionEndReason.PasswordChanged, ct);
    }

    /// <summary>"Đăng xuất khỏi mọi thiết bị": every cookie, refresh and access token of the account stops working.</summary>
    public async Task SignOutEverywhereAsync(ClaimsPrincipal principal, CancellationToken ct) =>
        await sessions.EndAllAsync((await CurrentAsync(principal)).Id, SessionEndReason.SignOutEverywhere, ct);

    private async Task<AppUser> CurrentAsync(ClaimsPrincipal principal) =>
        await users.GetUserAsync(principal) is { IsDisabled: false } user ? user : throw new NotAuthenticatedException();
}
