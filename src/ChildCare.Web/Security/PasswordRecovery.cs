using System.Threading.Channels;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Notifications;
using ChildCare.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace ChildCare.Web.Security;

public sealed record ForgotPasswordRequest(string? Email);

public sealed record ForgotPasswordResponse(string Message);

/// <summary>The reset link's e-mail address, token (from the e-mail) and the new password.</summary>
public sealed record TokenResetRequest(string? Email, string? Token, string? NewPassword);

/// <summary>
/// "Quên mật khẩu": a request is answered at once with the same words whether or not the address has an account (the
/// work happens behind, on <see cref="PasswordRecoveryQueue"/>), so neither the answer nor its time tells who has one;
/// a known, enabled account gets an e-mail with a link good once, for <see cref="Lifespan"/>. Using it sets the new
/// password and ends every session of the account, on every instance.
/// </summary>
public sealed class PasswordRecovery(UserManager<AppUser> users, EmailJobService mail, AccountSessions sessions, TimeProvider time,
    ILogger<PasswordRecovery> logger)
{
    public static readonly TimeSpan Lifespan = TimeSpan.FromHours(2);

    public const string Answer = "Nếu địa chỉ này có tài khoản đang hoạt động, thư hướng dẫn đặt lại mật khẩu đã được gửi tới đó (liên kết dùng được một lần, trong 2 giờ).";

    public const string BadLink = "Liên kết đặt lại mật khẩu không hợp lệ, đã dùng hoặc đã hết hạn. Hãy yêu cầu liên kết mới.";

    /// <summary>Sends the link to a known, enabled account; anything else is only logged.</summary>
    public async Task SendLinkAsync(string email, CancellationToken ct)
    {
        var user = email.Length is > 0 and <= 256 ? await users.FindByEmailAsync(email) : null;
        if (user is null || user.IsDisabled || string.IsNullOrEmpty(user.Email))
        {
            logger.LogInformation("Password reset asked for an address without an active account");
            return;
        }
        // An invited account sets its first password through its invitation (72 hours, the latest only), never here.
        if (user.AwaitsActivation)
        {
            logger.LogInformation("Password reset asked for {UserId}, which awaits its invitation: nothing sent", user.Id);
            return;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var now = time.GetUtcNow();
        var link = mail.Link($"account/reset-password?email={Uri.EscapeDataString(user.Email)}&token={Uri.EscapeDataString(token)}");
        var body = $"""
            Kính gửi {user.FullName},

            Có yêu cầu đặt lại mật khẩu cho tài khoản {user.Email} trên cổng ChildCare (theo dõi thực hiện Chỉ thị 28-CT/TW).
            Để đặt mật khẩu mới, mở liên kết dưới đây (dùng được một lần, trong 2 giờ):

            {link}

            Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.
            """;
        var message = new EmailMessage(EmailKind.PasswordReset, $"reset:{user.Id:N}:{now.ToUnixTimeMilliseconds()}", [user.Email], [],
            "Đặt lại mật khẩu tài khoản ChildCare", body, now);
        if (!await mail.SendNowAsync(message, ct))
            logger.LogWarning("Password reset for {UserId} not sent: no SMTP server is configured (Email__Smtp__Host)", user.Id);
        else logger.LogInformation("Password reset link sent to {UserId}", user.Id);
    }

    public async Task ResetAsync(TokenResetRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrWhiteSpace(request.Token))
            throw ValidationFailedException.For("token", BadLink);
        if (string.IsNullOrEmpty(request.NewPassword)) throw ValidationFailedException.For("newPassword", "Nhập mật khẩu mới.");
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is null || user.IsDisabled || user.AwaitsActivation) throw ValidationFailedException.For("token", BadLink);
        var result = await users.ResetPasswordAsync(user, request.Token.Trim(), request.NewPassword);
        if (!result.Succeeded)
        {
            // The token is checked first: a wrong, used or expired one says only that; the password rules say what they need.
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                throw ValidationFailedException.For("token", BadLink);
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["newPassword"] = result.Errors.Select(e => e.Description).ToArray() });
        }
        await sessions.EndAllAsync(user.Id, SessionEndReason.PasswordReset, ct);
        logger.LogInformation("Password of {UserId} reset by its owner through an e-mailed link", user.Id);
    }
}

/// <summary>Addresses waiting for a reset link: the request is answered before anything is looked up.</summary>
public sealed class PasswordRecoveryQueue
{
    private readonly Channel<string> _channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite, // a flood is dropped, not queued without end (the rate limit is in front)
    });

    public void Enqueue(string? email)
    {
        if (!string.IsNullOrWhiteSpace(email)) _channel.Writer.TryWrite(email.Trim());
    }

    public IAsyncEnumerable<string> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

/// <summary>Sends the queued reset links, one at a time, each in its own scope.</summary>
public sealed class PasswordRecoveryWorker(PasswordRecoveryQueue queue, IServiceScopeFactory scopes, ILogger<PasswordRecoveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var email in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PasswordRecovery>().SendLinkAsync(email, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A password reset link could not be prepared");
            }
        }
    }
}
