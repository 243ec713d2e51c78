using System.Collections.Concurrent;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildCare.Web.Security;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Wrong e-mail or password, an unknown account, or this client locked out for the account: one answer for all.</summary>
    Failed,

    /// <summary>The password was right; the account is disabled.</summary>
    Disabled,

    /// <summary>The password was right; the account has two-factor on and no code came.</summary>
    CodeRequired,

    /// <summary>The password was right; the code (or recovery code) was wrong or already used.</summary>
    CodeRejected,
}

public sealed record SignInCheck(SignInOutcome Outcome, AppUser? User, string? Reason = null)
{
    public const string FailedMessage = "E-mail hoặc mật khẩu không đúng. Sau 5 lần sai liên tiếp, đăng nhập vào tài khoản từ máy này tạm dừng 15 phút.";
    public const string DisabledMessage = "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.";
    public const string CodeRequiredMessage = "Tài khoản bật xác thực hai bước: cần nhập mã 6 chữ số từ ứng dụng xác thực (twoFactorCode) hoặc một mã khôi phục (twoFactorRecoveryCode).";
    public const string CodeRejectedMessage = "Mã xác thực không đúng, đã hết hạn hoặc đã được dùng.";

    public string Message => Reason ?? Outcome switch
    {
        SignInOutcome.Disabled => DisabledMessage,
        SignInOutcome.CodeRequired => CodeRequiredMessage,
        SignInOutcome.CodeRejected => CodeRejectedMessage,
        _ => FailedMessage,
    };
}

/// <summary>
/// The one sign-in check, for the API and the sign-in form. Until the password is right it answers
/// the same, in about the same time, whether the account exists, is disabled or is locked (an unknown
/// e-mail still pays for a password hash). Lockout is per account and client: wrong passwords from one
/// address lock that address out of that account, not the account's owner elsewhere — so knowing
/// someone's e-mail is not enough to shut them out. (Per instance, in memory; the rate limit in front
/// bounds how fast any one address can try.)
/// </summary>
public sealed class SignInGate(UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, TwoFactorCodes codes,
    SignInFailures failures, IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, ILogger<SignInGate> logger)
{
    private static readonly AppUser Nobody = new() { Id = Guid.Empty, UserName = "nobody" };
    private static string? _nobodyHash;

    public async Task<SignInCheck> CheckAsync(string? email, string? password, string? twoFactorCode, string? recoveryCode, string client)
    {
        email = email?.Trim() ?? "";
        password ??= "";
        var user = email.Length is > 0 and <= 256 ? await users.FindByEmailAsync(email) : null;
        var key = (user?.Id ?? Guid.Empty, client);
        if (user is null || failures.IsLockedOut(key))
        {
            // The same work as a real check, so the answer's timing says nothing either.
            _nobodyHash ??= hasher.HashPassword(Nobody, "Không-phải-mật-khẩu-1");
            hasher.VerifyHashedPassword(Nobody, _nobodyHash, password);
            if (user is not null) logger.LogWarning("Sign-in to {UserId} refused: client {Client} is locked out", user.Id, client);
            return new(SignInOutcome.Failed, null);
        }
        if (!await users.CheckPasswordAsync(user, password))
        {
            if (failures.Fail(key)) logger.LogWarning("Sign-in to {UserId} from {Client} locked out after repeated failures", user.Id, client);
            return new(SignInOutcome.Failed, null);
        }
        if (user.IsDisabled) return new(SignInOutcome.Disabled, user);
        return await SecondFactorAsync(user, twoFactorCode, recoveryCode, key);
    }

    /// <summary>The sign-in form's second step: the password was checked by the first, whose proof the form carries protected.</summary>
    public async Task<SignInCheck> CheckCodeAsync(Guid userId, string? twoFactorCode, string? recoveryCode, string client)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        var key = (userId, client);
        if (user is null || failures.IsLockedOut(key)) return new(SignInOutcome.Failed, null);
        if (user.IsDisabled) return new(SignInOutcome.Disabled, user);
        return await SecondFactorAsync(user, twoFactorCode, recoveryCode, key);
    }

    private async Task<SignInCheck> SecondFactorAsync(AppUser user, string? twoFactorCode, string? recoveryCode, (Guid, string) key)
    {
        if (user.TwoFactorEnabled)
        {
            if (codes.IsLockedOut(user) && !(string.IsNullOrWhiteSpace(twoFactorCode) && string.IsNullOrWhiteSpace(recoveryCode)))
                return new(SignInOutcome.CodeRejected, user, TwoFactorCodes.LockedOutMessage);
            if (!string.IsNullOrWhiteSpace(twoFactorCode))
            {
                if (!await codes.TryAcceptAsync(user, twoFactorCode))
                {
                    failures.Fail(key);
                    return new(SignInOutcome.CodeRejected, user);
                }
            }
            else if (!string.IsNullOrWhiteSpace(recoveryCode))
            {
                var redeemed = await users.RedeemTwoFactorRecoveryCodeAsync(user, recoveryCode.Replace(" ", "").Trim());
                if (!redeemed.Succeeded)
                {
                    failures.Fail(key);
                    await codes.FailAsync(user);
                    return new(SignInOutcome.CodeRejected, user);
                }
                logger.LogWarning("User {UserId} signed in with a recovery code", user.Id);
            }
            else return new(SignInOutcome.CodeRequired, user);
        }
        failures.Reset(key);
        await RecordSignInAsync(user);
        return new(SignInOutcome.Succeeded, user);
    }

    /// <summary>The last sign-in, for the onboarding view (one narrow update; not audited, sign-ins are in the log).</summary>
    public async Task RecordSignInAsync(AppUser user)
    {
        var now = time.GetUtcNow();
        user.LastSignInAt = now;
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now));
    }
}
