using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using ChildCare.Core.Security;
using Microsoft.AspNetCore.HttpOverrides;

namespace ChildCare.Web.Security;

/// <summary>The HTTP-level defences: headers, cross-site refusal, sign-in rate limit, forwarded headers, error pages for every method.</summary>
internal static class WebHardening
{
    // Blazor Server needs its WebSocket (connect-src) and MudBlazor sets inline styles; no inline or eval'd script anywhere.
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Scalar's API reference page bootstraps itself with an inline script.
    private const string ScalarCsp = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static void AddWebHardening(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        services.Configure<SignInLimits>(builder.Configuration.GetSection("Security:SignIn"));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Global, so it covers the sign-in form (a Razor component endpoint) as well as /api/auth/*.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!IsSignIn(context.Request)) return RateLimitPartition.GetNoLimiter("");
                var limits = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<SignInLimits>>().CurrentValue;
                return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, limits.PermitPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem($"Đăng nhập quá nhiều lần từ máy này. Vui lòng thử lại sau {seconds} giây.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Quá nhiều lần đăng nhập").ExecuteAsync(context.HttpContext);
            };
        });

        // Behind nginx (or any proxy): X-Forwarded-For/Proto are believed only from the peers named in configuration
        // (see UseTrustedForwardedHeaders); Forwarded (RFC 7239) and X-Real-IP are never read.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in (builder.Configuration["ForwardedHeaders:KnownProxies"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
                if (IPAddress.TryParse(proxy, out var ip)) o.KnownProxies.Add(ip);
            foreach (var network in (builder.Configuration["ForwardedHeaders:KnownNetworks"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
                if (System.Net.IPNetwork.TryParse(network, out var n)) o.KnownIPNetworks.Add(n);
            // Walk X-Forwarded-For from the right while the hop is a named proxy: the client is the right-most address that
            // is not one (a client's own X-Forwarded-For entries sit to its left and are never reached).
            o.ForwardLimit = null;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
    }

    private static bool IsSignIn(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/auth")
        || request.Path.StartsWithSegments("/api/account/forgot-password") || request.Path.StartsWithSegments("/api/account/reset-password")
        || request.Path.StartsWithSegments("/api/account/activate")
        || (HttpMethods.IsPost(request.Method) && (request.Path.StartsWithSegments("/account/login")
            || request.Path.StartsWithSegments("/account/forgot-password") || request.Path.StartsWithSegments("/account/reset-password")
            || request.Path.StartsWithSegments("/account/activate")));

    /// <summary>
    /// X-Forwarded-For/Proto applied only when proxies are named (ForwardedHeaders__KnownProxies/KnownNetworks). ASP.NET
    /// Core's middleware with both lists empty believes every peer, so any client could pick its own address (and escape
    /// the sign-in rate limit and lockout) or claim HTTPS; without named proxies the middleware is not used at all.
    /// </summary>
    public static IApplicationBuilder UseTrustedForwardedHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebHardening));
        if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
        {
            logger.LogInformation("No proxy named (ForwardedHeaders__KnownProxies/KnownNetworks): forwarded headers are ignored");
            return app;
        }
        logger.LogInformation("Forwarded headers believed from {Proxies} {Networks}", string.Join(", ", options.KnownProxies),
            string.Join(", ", options.KnownIPNetworks.Select(n => $"{n.BaseAddress}/{n.PrefixLength}")));
        return app.UseForwardedHeaders();
    }

    /// <summary>The client as the rate limit and the sign-in lockout see it (after forwarded headers from named proxies).</summary>
    public static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                h.XContentTypeOptions = "nosniff";
                h["Referrer-Policy"] = "strict-origin-when-cross-origin";
                h.XFrameOptions = "DENY";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                h.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ScalarCsp : Csp;
                h.Remove("Server");
                h.Remove("X-Powered-By");
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>
    /// The API answers cross-site requests that ride on the browser's cookie with 403, before anything
    /// runs: a foreign page can post a form or a multipart upload with the user's cookie (SameSite=Lax
    /// lets top-level POST navigations through in some browsers, and same-site subdomains always), and
    /// this refuses it by the browser's own Origin and Sec-Fetch-Site headers. Bearer callers send no
    /// cookie and are unaffected; safe methods change nothing.
    /// </summary>
    public static IApplicationBuilder UseCrossSiteGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
                && !HttpMethods.IsOptions(request.Method)
                && !AuthSchemes.HasBearer(request)
                && request.Cookies.Count > 0 && IsCrossSite(request))
            {
                await TypedResults.Problem("Yêu cầu từ trang web khác bị từ chối (chống giả mạo yêu cầu CSRF).",
                    statusCode: StatusCodes.Status403Forbidden, title: "Không có quyền.").ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    private static bool IsCrossSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "cross-site" or "same-site") return true;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return fetchSite.Length == 0 && request.Headers.Referer.ToString() is { Length: > 0 } referer && !SameOrigin(referer, request);
        return !SameOrigin(origin, request);
    }

    private static bool SameOrigin(string url, HttpRequest request) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u)
        && string.Equals(u.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(u.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The error and not-found pages are pages (GET): when a DELETE, PUT or POST to a page fails or finds
    /// nothing, the request turns into a GET before the error page is re-executed, so every method gets the
    /// page (the API keeps its problem details), never an empty 405. Placed just inside the status-code
    /// and exception middleware, which re-execute with the method as it is when they regain control.
    /// </summary>
    public static IApplicationBuilder UseErrorPagesForEveryMethod(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var page = !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/openapi")
                && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
            try
            {
                await next(context);
            }
            catch when (page && !context.Response.HasStarted)
            {
                context.Request.Method = HttpMethods.Get;
                throw;
            }
            if (page && !context.Response.HasStarted && context.Response.StatusCode is 404 or 405)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Request.Method = HttpMethods.Get;
            }
        });
}
