using ChildCare.Core.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildCare.Core.Features.Users;

/// <summary>The invitation link's token: Identity's data-protected token, good for 72 hours and tied to the security stamp.</summary>
public sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenProviderOptions()
    {
        Name = Invitations.TokenProvider;
        TokenLifespan = AppUser.InvitationLifespan;
    }
}

/// <summary>
/// Identity's data-protected token under its own name and lifespan (the password-reset link lives 2 hours, an invitation
/// 72). It carries the account's security stamp: a new invitation (which sets a new stamp) kills the old link, and
/// setting the password (which does too) makes the link good once.
/// </summary>
public sealed class InvitationTokenProvider(IDataProtectionProvider dataProtection, IOptions<InvitationTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<AppUser>> logger) : DataProtectorTokenProvider<AppUser>(dataProtection, options, logger);

/// <summary>
/// Invitations, not passwords: an account made without a password gets an e-mail with a one-time link to set its own
/// (<see cref="AppUser.InvitationLifespan"/>); until then it cannot sign in. The message is written to the outbox in the
/// same transaction as the account (nothing is mailed for an account that was not saved, no account is left without
/// its mail), and the outbox is sent at once after the commit (<see cref="Notifications.OutboxSignal"/>).
/// </summary>
public static class Invitations
{
    public const string TokenProvider = "Invitation";
    public const string Purpose = "Activate";

    public const string BadLink = "Liên kết kích hoạt không hợp lệ, đã dùng hoặc đã hết hạn (mỗi thư mời có hạn 72 giờ, thư gửi lại làm liên kết cũ mất hiệu lực). Hãy nhờ quản trị viên đơn vị gửi lại thư mời.";

    /// <summary>Marks the account invited now and writes its message (the caller saves both, and has set a fresh security stamp).</summary>
    public static async Task<EmailMessage> PrepareAsync(UserManager<AppUser> users, AppUser user, string unitName,
        Func<string, string> link, DateTimeOffset now)
    {
        user.Invited(now);
        var token = await users.GenerateUserTokenAsync(user, TokenProvider, Purpose);
        var url = link($"account/activate?email={Uri.EscapeDataString(user.Email!)}&token={Uri.EscapeDataString(token)}");
        var expires = Text.VietnamTime.Format(user.InvitationExpiresAt!.Value);
        var body = $"""
            Kính gửi {user.FullName},

            Một tài khoản trên cổng ChildCare (theo dõi thực hiện Chỉ thị 28-CT/TW về chăm sóc, giáo dục và bảo vệ trẻ em) đã được tạo cho bạn:
              Tài khoản: {user.Email}
              Đơn vị: {unitName}

            Để kích hoạt, mở liên kết dưới đây và tự đặt mật khẩu của mình (dùng được một lần, đến {expires}):

            {url}

            Nếu vai trò của bạn yêu cầu xác thực hai bước, trang kích hoạt sẽ hướng dẫn bật ngay trong lần này.
            Nếu bạn không chờ thư này, hãy bỏ qua: tài khoản không dùng được khi chưa kích hoạt.
            """;
        return new EmailMessage(EmailKind.Invitation, $"invite:{user.Id:N}:{now.ToUnixTimeMilliseconds()}", [user.Email!], [],
            "Mời kích hoạt tài khoản ChildCare", body, now);
    }
}
