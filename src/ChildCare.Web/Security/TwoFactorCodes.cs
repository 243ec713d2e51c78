using ChildCare.Core.Domain;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace ChildCare.Web.Security;

/// <summary>
/// Authenticator codes (TOTP, RFC 6238, 30-second steps, ±60 s for clock drift) on Identity's
/// authenticator key, each accepted once: the step of the last code used is kept on the account
/// and a code of that step or an earlier one is refused, so a code seen over a shoulder or in a log
/// cannot be replayed. The account's concurrency stamp makes two simultaneous uses of one code fail one.
/// </summary>
public sealed class TwoFactorCodes(UserManager<AppUser> users, TimeProvider time)
{
    public async Task<bool> TryAcceptAsync(AppUser user, string code)
    {
        code = new string(code.Where(char.IsDigit).ToArray());
        if (code.Length != 6) return false;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 2, future: 2))) return false;
        if (user.LastTwoFactorStep is { } last && step <= last) return false;
        user.LastTwoFactorStep = step;
        return (await users.UpdateAsync(user)).Succeeded;
    }
}
