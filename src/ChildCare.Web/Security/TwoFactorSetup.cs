using System.Security.Claims;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QRCoder;

namespace ChildCare.Web.Security;

/// <summary>Which roles must use two-factor sign-in (<c>Security:TwoFactor:RequiredRoles</c>, comma-separated; empty in Development).</summary>
public sealed class TwoFactorPolicy
{
    public string RequiredRoles { get; set; } = $"{Core.Domain.Roles.Administrator},{Core.Domain.Roles.Analyst}";

    public IReadOnlyList<string> RoleList => RequiredRoles.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Claim on a session whose user must enrol before doing anything else.</summary>
    public const string SetupClaim = "cc:2fa-setup";
}

/// <summary>
/// Identity's /manage/2fa request and response, so clients written for it work here, with one addition: once two-factor
/// is on, turning it off, new recovery codes, a new key and reading the key again need proof — <see cref="CurrentPassword"/>
/// or a current code in <see cref="TwoFactorCode"/> (step-up). Without proof, <c>{}</c> answers the state without the key.
/// </summary>
public sealed record TwoFactorRequest(bool? Enable, string? TwoFactorCode, bool ResetSharedKey = false, bool ResetRecoveryCodes = false,
    bool ForgetMachine = false, string? CurrentPassword = null);

public sealed record TwoFactorResponse(string? SharedKey, int RecoveryCodesLeft, string[]? RecoveryCodes, bool IsTwoFactorEnabled,
    bool IsMachineRemembered);

/// <summary>Enrolment and management of a user's authenticator, shared by the API and the account page.</summary>
public sealed class TwoFactorSetup(UserManager<AppUser> users, TwoFactorCodes codes, StepUp stepUp, IOptionsMonitor<TwoFactorPolicy> policy,
    Core.Security.AccountSessions sessions)
{
    public const string Issuer = "ChildCare";

    public async Task<bool> IsRequiredAsync(AppUser user) =>
        (await users.GetRolesAsync(user)).Any(r => policy.CurrentValue.RoleList.Contains(r, StringComparer.OrdinalIgnoreCase));

    public async Task<TwoFactorResponse> ApplyAsync(ClaimsPrincipal principal, TwoFactorRequest request)
    {
        var user = await users.GetUserAsync(principal) ?? throw new Core.Security.NotAuthenticatedException();
        if (user.IsDisabled) throw new Core.Security.NotAuthenticatedException();
        var proven = false;
        if (user.TwoFactorEnabled && request.Enable != true)
        {
            var changes = request.Enable == false || request.ResetSharedKey || request.ResetRecoveryCodes;
            if (changes || !string.IsNullOrWhiteSpace(request.CurrentPassword) || !string.IsNullOrWhiteSpace(request.TwoFactorCode))
            {
                await stepUp.RequireAsync(user, request.CurrentPassword, request.TwoFactorCode);
                proven = true;
            }
        }
        var turnedOff = false;
        if (request.Enable == true)
        {
            if (request.ResetSharedKey)
                throw ValidationFailedException.For("resetSharedKey", "Không thể vừa đổi khóa vừa bật xác thực hai bước: hãy đổi khóa trước, rồi bật bằng mã mới.");
            if (string.IsNullOrWhiteSpace(request.TwoFactorCode))
                throw ValidationFailedException.For("twoFactorCode", "Cần nhập mã 6 chữ số từ ứng dụng xác thực để bật xác thực hai bước.");
            if (!await codes.TryAcceptAsync(user, request.TwoFactorCode))
                throw ValidationFailedException.For("twoFactorCode", SignInCheck.CodeRejectedMessage);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        else if (request.Enable == false || request.ResetSharedKey)
        {
            if (user.TwoFactorEnabled && await IsRequiredAsync(user))
                throw ValidationFailedException.For("enable", "Vai trò của bạn bắt buộc xác thực hai bước; không tắt được.");
            turnedOff = user.TwoFactorEnabled;
            await users.SetTwoFactorEnabledAsync(user, false);
        }
        if (request.ResetSharedKey)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            user.LastTwoFactorStep = null;
            await users.UpdateAsync(user);
        }

        string[]? recoveryCodes = null;
        if (request.ResetRecoveryCodes || (request.Enable == true && await users.CountRecoveryCodesAsync(user) == 0))
            recoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToArray();

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key after reset.");
        }
        var enabled = await users.GetTwoFactorEnabledAsync(user);
        var left = recoveryCodes?.Length ?? await users.CountRecoveryCodesAsync(user);
        // Two-factor off: whoever held a session (perhaps the one who turned it off with a stolen password) signs in again.
        if (turnedOff) await sessions.EndAllAsync(user.Id, Core.Security.SessionEndReason.TwoFactorOff);
        // The key of an account with two-factor on is shown again only with proof: a session alone must not copy the second factor.
        return new TwoFactorResponse(enabled && !proven && request.Enable != true ? null : key, left, recoveryCodes, enabled, IsMachineRemembered: false);
    }

    /// <summary>The otpauth:// URI an authenticator app reads from the QR code.</summary>
    public static string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    /// <summary>The QR code of <paramref name="uri"/> as a PNG data URI (allowed by the CSP's img-src data:).</summary>
    public static string QrDataUri(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>The key in groups of four, as people type it.</summary>
    public static string Readable(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();
}
