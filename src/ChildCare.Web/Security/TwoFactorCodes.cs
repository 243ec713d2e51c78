using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OtpNet;

namespace ChildCare.Web.Security;

/// <summary>
/// Authenticator codes (TOTP, RFC 6238, 30-second steps, ±60 s for clock drift) on Identity's
/// authenticator key, each accepted once: the step of the last code used is kept on the account
/// and a code of that step or an earlier one is refused, so a code seen over a shoulder or in a log
/// cannot be replayed. The account's concurrency stamp makes two simultaneous uses of one code fail one.
/// Wrong codes are counted on the account, whatever the address they come from (Identity's AccessFailedCount and
/// LockoutEnd, in the database, so every instance sees them): after <see cref="SignInLimits.FailuresBeforeLockout"/>
/// the account's second step is closed for <see cref="SignInLimits.LockoutMinutes"/> — a million codes cannot be tried
/// from a thousand addresses. Only someone who already has the password can cause it; an administrator's unlock ends it.
/// </summary>
public sealed class TwoFactorCodes(UserManager<AppUser> users, TimeProvider time, IOptionsMonitor<SignInLimits> limits, ILogger<TwoFactorCodes> logger)
{
    public const string LockedOutMessage = "Nhập sai mã xác thực quá nhiều lần: bước xác thực hai bước của tài khoản tạm khóa. Vui lòng thử lại sau hoặc nhờ quản trị viên mở khóa.";

    /// <summary>Whether wrong codes have closed the account's second step for now.</summary>
    public bool IsLockedOut(AppUser user) => user.LockoutEnd is { } end && end > time.GetUtcNow();

    public async Task<bool> TryAcceptAsync(AppUser user, string code)
    {
        if (IsLockedOut(user)) return false;
        if (await VerifyAsync(user, code) is not { } step)
        {
            await FailAsync(user);
            return false;
        }
        user.LastTwoFactorStep = step;
        user.AccessFailedCount = 0;
        return (await users.UpdateAsync(user)).Succeeded;
    }

    /// <summary>A wrong code (or recovery code): counted on the account; the last one allowed closes the second step.</summary>
    public async Task FailAsync(AppUser user)
    {
        var l = limits.CurrentValue;
        user.AccessFailedCount++;
        if (user.AccessFailedCount >= Math.Max(1, l.FailuresBeforeLockout))
        {
            user.LockoutEnd = time.GetUtcNow().AddMinutes(l.LockoutMinutes);
            user.AccessFailedCount = 0;
            logger.LogWarning("Two-factor step of {UserId} locked after repeated wrong codes", user.Id);
        }
        await users.UpdateAsync(user);
    }

    private async Task<long?> VerifyAsync(AppUser user, string code)
    {
        code = new string(code.Where(char.IsDigit).ToArray());
        if (code.Length != 6) return null;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key)) return null;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 2, future: 2))) return null;
        return user.LastTwoFactorStep is { } last && step <= last ? null : step;
    }
}
