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
}
