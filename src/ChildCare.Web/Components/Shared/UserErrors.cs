using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;

namespace ChildCare.Web.Components.Shared;

/// <summary>What a page shows when a service refuses: the field messages of bad input, or the reason a rule gave.</summary>
public static class UserErrors
{
    public const string DatabaseAway = "Tạm thời không kết nối được cơ sở dữ liệu; nội dung đang nhập vẫn được giữ. Vui lòng thử lại sau ít giây.";

    /// <summary>The database went away for a moment (a restart, a failover): worth trying again, nothing typed is lost.</summary>
    public static bool IsTransient(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is Npgsql.NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException) return true;
        return false;
    }

    /// <summary>The messages for a refusal; null for anything else (a fault, left to the error page).</summary>
    public static List<string>? Of(Exception ex) => ex switch
    {
        ValidationFailedException v => v.Errors.SelectMany(e => e.Value).ToList(),
        DomainException or NotFoundException or ForbiddenException or TooManyRequestsException or ConcurrencyConflictException => [ex.Message],
        // The database went away (a restart, a failover) and three retries did not reach it: what was typed is still on the page and in the draft buffer.
        _ when IsTransient(ex) => [DatabaseAway],
        _ => null,
    };
}
