namespace ChildCare.Web.Security;

internal static class AuthSchemes
{
    /// <summary>Bearer token when the request carries one (API clients), the Identity cookie otherwise (the browser).</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    /// <summary>
    /// Whether the request authenticates with a bearer token: the one test behind the scheme selector, the cross-site
    /// guard (which leaves bearer callers alone) and the revoked-session check.
    /// </summary>
    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
