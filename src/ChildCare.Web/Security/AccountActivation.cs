using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Users;
using Microsoft.AspNetCore.Identity;

namespace ChildCare.Web.Security;

/// <summary>The invitation link's e-mail address, token (from the e-mail) and the password the person chooses.</summary>
public sealed record ActivateRequest(string? Email, string? Token, string? NewPassword);

/// <summary>
/// An invited person sets their own password with the e-mailed link: good once (setting the password changes the
/// security stamp the token carries), for 72 hours, and only the latest link (a resend changes the stamp too). A wrong,
/// used, expired or superseded link, an unknown address and a disabled account all get the same answer.
/// </summary>
public sealed class AccountActivation(UserManager<AppUser> users, TimeProvider time, ILogger<AccountActivation> logger)
{
    public async Task<AppUser> ActivateAsync(ActivateRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrWhiteSpace(request.Token))
            throw ValidationFailedException.For("token", Invitations.BadLink);
        if (string.IsNullOrEmpty(request.NewPassword)) throw ValidationFailedException.For("newPassword", "Nhập mật khẩu mới.");
        var user = await users.FindByEmailAsync(request.Email.Trim());
        var now = time.GetUtcNow();
        if (user is null || user.IsDisabled || user.InvitationStateAt(now) != InvitationState.Pending
            || !await users.VerifyUserTokenAsync(user, Invitations.TokenProvider, Invitations.Purpose, request.Token.Trim()))
            throw ValidationFailedException.For("token", Invitations.BadLink);
        user.Activated(now);
        // Saves the password, the activation and a new security stamp (the link is spent) together.
        var result = await users.AddPasswordAsync(user, request.NewPassword);
        if (!result.Succeeded)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["newPassword"] = result.Errors.Select(e => e.Description).ToArray() });
        logger.LogInformation("Account {UserId} activated by its owner through the invitation link", user.Id);
        return user;
    }
}
