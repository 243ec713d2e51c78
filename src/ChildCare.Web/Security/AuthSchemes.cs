namespace ChildCare.Web.Security;

internal static class AuthSchemes
{
    /// <summary>Bearer token when the request carries one (API clients), the Identity cookie otherwise (the browser).</summary>
    public const string CookieOrBearer = "CookieOrBearer";
}
