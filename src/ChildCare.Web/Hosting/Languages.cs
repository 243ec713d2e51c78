using Microsoft.AspNetCore.Localization;

namespace ChildCare.Web.Hosting;

/// <summary>
/// Vietnamese by default, English on request: <c>?culture=en-US</c> (the header's and the sign-in page's switch) or the
/// culture cookie it leaves behind, so the choice is remembered. The browser's Accept-Language is not consulted: a
/// commune office's English-language browser still gets the portal in Vietnamese unless someone asks otherwise.
/// </summary>
internal static class Languages
{
    public static readonly string[] Supported = ["vi-VN", "en-US"];

    public static IApplicationBuilder UseLanguages(this IApplicationBuilder app)
    {
        var options = new RequestLocalizationOptions().SetDefaultCulture(Supported[0]).AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        app.UseRequestLocalization(options);
        // A culture asked for in the query is remembered for a year in the culture cookie (it is not a secret: readable, Lax).
        return app.Use((context, next) =>
        {
            if (context.Request.Query.ContainsKey("culture")
                && context.Features.Get<IRequestCultureFeature>() is { Provider: QueryStringRequestCultureProvider } feature)
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(feature.RequestCulture),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, Path = "/" });
            return next(context);
        });
    }

    /// <summary>
    /// A signed-in person who switches language (<c>?culture=</c>) keeps it on the account as well as in the cookie, so
    /// the portal's e-mails reach them in that language too (issue 21).
    /// </summary>
    public static IApplicationBuilder UseStoredLanguage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Query.ContainsKey("culture") && context.User.Identity?.IsAuthenticated == true
            && context.Features.Get<IRequestCultureFeature>() is { Provider: QueryStringRequestCultureProvider } feature
            && Guid.TryParse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var userId))
            await context.RequestServices.GetRequiredService<ChildCare.Core.Features.Users.AccountPreferenceService>()
                .StoreAsync(userId, feature.RequestCulture.Culture.Name, context.RequestAborted);
        await next(context);
    });
}
