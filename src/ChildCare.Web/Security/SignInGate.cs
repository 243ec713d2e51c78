using System.Collections.Concurrent;
using ChildCare.Core.Domain;
using Microsoft.AspNetCore.Identity;
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

public sealed record SignInCheck(SignInOutcome Outcome, AppUser? User)
{
    public const string FailedMessage = "E-mail hoặc mật khẩu không đúng. Sau 5 lần sai liên tiếp, đăng nhập vào tài khoản từ máy này tạm dừng 15 phút.";
    public const string DisabledMessage = "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.";
    public const string CodeRequiredMessage = "Tài khoản bật xác thực hai bước: cần nhập mã 6 chữ số từ ứng dụng xác thực (twoFactorCode) hoặc một mã khôi phục (twoFactorRecoveryCode).";
    public const string CodeRejectedMessage = "Mã xác thực không đúng, đã hết hạn hoặc đã được dùng.";

    public string Message => Outcome switch
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
    SignInFailures failures, ILogger<SignInGate> logger)
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
                    return new(SignInOutcome.CodeRejected, user);
                }
                logger.LogWarning("User {UserId} signed in with a recovery code", user.Id);
            }
            else return new(SignInOutcome.CodeRequired, user);
        }
        failures.Reset(key);
        return new(SignInOutcome.Succeeded, user);
    }
}

/// <summary>Failed sign-ins per (account, client) in a sliding window; a pair over the limit waits.</summary>
public sealed class SignInFailures(IOptionsMonitor<SignInLimits> limits, TimeProvider time)
{
    private readonly ConcurrentDictionary<(Guid, string), (int Count, DateTimeOffset Since, DateTimeOffset? Until)> _failures = new();

    public bool IsLockedOut((Guid, string) key) =>
        _failures.TryGetValue(key, out var f) && f.Until is { } until && until > time.GetUtcNow();

    /// <summary>Counts a failure; true when it locks the pair out.</summary>
    public bool Fail((Guid, string) key)
    {
        var now = time.GetUtcNow();
        var l = limits.CurrentValue;
        var window = TimeSpan.FromMinutes(l.LockoutMinutes);
        if (_failures.Count > 100_000) Sweep(now);
        var f = _failures.AddOrUpdate(key, _ => (1, now, null), (_, old) =>
        {
            var count = now - old.Since > window || old.Until is { } u && u <= now ? 1 : old.Count + 1;
            var since = count == 1 ? now : old.Since;
            return (count, since, count >= l.FailuresBeforeLockout ? now + window : null);
        });
        return f.Until is not null && f.Count == l.FailuresBeforeLockout;
    }

    public void Reset((Guid, string) key) => _failures.TryRemove(key, out _);

    /// <summary>An administrator's "unlock": every client of the account may try again.</summary>
    public void ResetAccount(Guid userId)
    {
        foreach (var key in _failures.Keys.Where(k => k.Item1 == userId)) _failures.TryRemove(key, out _);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, f) in _failures)
            if (f.Until is null ? now - f.Since > TimeSpan.FromHours(1) : f.Until < now) _failures.TryRemove(key, out _);
    }
}
