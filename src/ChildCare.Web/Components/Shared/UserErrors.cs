using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;

namespace ChildCare.Web.Components.Shared;

/// <summary>What a page shows when a service refuses: the field messages of bad input, or the reason a rule gave.</summary>
public static class UserErrors
{
    /// <summary>The messages for a refusal; null for anything else (a fault, left to the error page).</summary>
    public static List<string>? Of(Exception ex) => ex switch
    {
        ValidationFailedException v => v.Errors.SelectMany(e => e.Value).ToList(),
        DomainException or NotFoundException or ForbiddenException or TooManyRequestsException or ConcurrencyConflictException => [ex.Message],
        _ => null,
    };
}
