using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.Core.Features.Users;

/// <summary>
/// An account as its managers see it. <see cref="Invitation"/> says whether its owner has set a password (or whose link
/// is pending or expired); <see cref="UnitClosed"/> marks an account left on a unit a reorganisation closed ("cần chuyển
/// đơn vị": it still reads the unit's history, its manager should move it).
/// </summary>
public sealed record UserDto(Guid Id, string Email, string FullName, string Role, Guid OrgUnitId, string OrgUnitName,
    bool IsDisabled, bool IsLockedOut, DateTimeOffset? LockoutEnd, int FailedSignIns, DateTimeOffset CreatedAt,
    InvitationState Invitation = InvitationState.Activated, DateTimeOffset? InvitationExpiresAt = null, DateTimeOffset? LastSignInAt = null,
    bool UnitClosed = false, string? OrgUnitCode = null, string? Phone = null);

/// <summary>Which accounts a list shows.</summary>
public enum UserFilter
{
    All,

    /// <summary>Invited, the password not yet set (pending or expired).</summary>
    AwaitingActivation,

    /// <summary>On a unit that no longer exists: to be moved.</summary>
    NeedsMove,
}

/// <summary>A new account; without a password the person is to be invited (they set their own before they can sign in).</summary>
public sealed record CreateUserRequest(string Email, string FullName, string Role, Guid OrgUnitId, string? Password = null);

public sealed record UpdateUserRequest(string FullName, string Role, Guid OrgUnitId);

public enum UserSort
{
    Email,
    FullName,
    OrgUnit,
    CreatedAt,
}
