using System.Security.Claims;

namespace ChildCare.Core.Security;

/// <summary>The scoped holder the host fills: per HTTP request from HttpContext.User, per Blazor circuit from its authentication state.</summary>
public sealed class CurrentUserHolder : ICurrentUser
{
    public ClaimsPrincipal? Principal { get; set; }
}
