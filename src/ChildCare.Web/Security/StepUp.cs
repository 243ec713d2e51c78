using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using Microsoft.AspNetCore.Identity;

namespace ChildCare.Web.Security;

/// <summary>
/// Proof, beyond a session, that the account's owner is at the keyboard: the current password, or (with two-factor
/// on) a current authenticator code. Asked before turning two-factor off, new recovery codes or key, showing the key
/// again and changing the password. Wrong proofs count on the account with wrong sign-in codes (see
/// <see cref="TwoFactorCodes"/>): after a handful the proof is refused for a while, so a stolen token cannot be used to
/// guess the password either.
/// </summary>
public sealed class StepUp(UserManager<AppUser> users, TwoFactorCodes codes)
{
    public const string NeededMessage = "Cần xác nhận bằng mật khẩu hiện tại (currentPassword) hoặc mã xác thực hai bước hiện tại (twoFactorCode).";
    public const string WrongMessage = "Mật khẩu hiện tại hoặc mã xác thực không đúng.";

    /// <summary>Throws a 400 naming what is missing or wrong; returns when the proof holds.</summary>
    public async Task RequireAsync(AppUser user, string? currentPassword, string? code)
    {
        if (user.IsDisabled) throw new Core.Security.NotAuthenticatedException();
        if (codes.IsLockedOut(user)) throw ValidationFailedException.For("currentPassword", TwoFactorCodes.LockedOutMessage);
        if (!string.IsNullOrWhiteSpace(code) && user.TwoFactorEnabled)
        {
            if (await codes.TryAcceptAsync(user, code)) return;
            throw ValidationFailedException.For("twoFactorCode", WrongMessage);
        }
        if (string.IsNullOrEmpty(currentPassword)) throw ValidationFailedException.For("currentPassword", NeededMessage);
        if (await users.CheckPasswordAsync(user, currentPassword)) return;
        await codes.FailAsync(user);
        throw ValidationFailedException.For("currentPassword", WrongMessage);
    }
}
