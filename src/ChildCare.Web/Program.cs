using System.Globalization;
using System.Text.Json.Serialization;
using ChildCare.Core;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Web.Api;
using ChildCare.Web.Components;
using ChildCare.Web.Hosting;
using ChildCare.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;
using MudBlazor.Services;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Events;

var builder = WebApplication.CreateBuilder(args);
EmbeddedPostgres? embedded = null;
try
{
    (var connectionString, embedded) = DatabaseSetup.Resolve(builder);
    ConfigureServices(builder, connectionString);

    var app = builder.Build();
    if (embedded is not null) app.Lifetime.ApplicationStopped.Register(embedded.Stop);
    ConfigurePipeline(app);
    // E-mail links need the portal's address: Email__PortalUrl, or else the address this server listens on.
    app.Lifetime.ApplicationStarted.Register(() =>
    {
        var listening = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is null) return;
        app.Services.GetRequiredService<ChildCare.Core.Features.Notifications.PortalAddress>().Listening =
            listening.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(app.Configuration["Email:PortalUrl"]) && !string.IsNullOrWhiteSpace(app.Configuration["Email:Smtp:Host"]))
            app.Logger.LogWarning("Email__PortalUrl is not set: links in e-mails point at {Address}; set the portal's public address", listening);
    });
    await app.InitializeDatabaseAsync();
    await app.RunAsync();
    return 0;
}
catch (EmbeddedPostgresUnavailableException ex)
{
    Console.Error.WriteLine($"ChildCare cannot start: {ex.Message}");
    return 1;
}
finally
{
    embedded?.Stop();
}

static void ConfigureServices(WebApplicationBuilder builder, string connectionString)
{
    var services = builder.Services;

    // MudBlazor's CSS and JS come from static web assets, which only Development maps by default.
    if (!builder.Environment.IsProduction()) builder.WebHost.UseStaticWebAssets();

    // Serilog writes; Microsoft's LoggerFactory hands out the loggers, one per category for the host's life. (Serilog's own
    // factory made a new logger, with its caches, whenever a circuit or a scope asked: ≈ 7 KB of every open report form.)
    // This host's logger, not the process-wide Log.Logger: two portals in one process (the tests) log to their own files.
    var serilog = new LoggerConfiguration()
        .ReadFrom.Configuration(builder.Configuration) // levels: Serilog:MinimumLevel in appsettings
        .Enrich.FromLogContext()
        .Enrich.WithProperty("Application", "ChildCare")
        .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}", formatProvider: CultureInfo.InvariantCulture)
        .WriteTo.File(DataFolders.LogFile(builder.Configuration, builder.Environment),
            rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30, fileSizeLimitBytes: 50_000_000, rollOnFileSizeLimit: true,
            outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}",
            formatProvider: CultureInfo.InvariantCulture)
        .CreateLogger();
    builder.Logging.ClearProviders();
    builder.Logging.SetMinimumLevel(LogLevel.Trace); // Serilog's levels decide, not a second filter in front of them
    builder.Logging.AddSerilog(serilog, dispose: true);
    services.AddSingleton<Serilog.ILogger>(serilog);
    services.AddSingleton(new Serilog.Extensions.Hosting.DiagnosticContext(serilog)); // the request log's per-request properties
    services.AddSingleton<IDiagnosticContext>(sp => sp.GetRequiredService<Serilog.Extensions.Hosting.DiagnosticContext>());

    services.AddChildCareCore(connectionString);
    services.AddHostedService<PeriodMaintenance>();
    services.AddHostedService<LiveEventListener>();
    services.Configure<ChildCare.Core.Features.Notifications.EmailOptions>(builder.Configuration.GetSection("Email"));
    services.Configure<ChildCare.Core.Features.Signing.SigningOptions>(builder.Configuration.GetSection("Signing"));
    services.AddHostedService<EmailJob>();

    var dataProtection = services.AddDataProtection().SetApplicationName("ChildCare").PersistKeysToDbContext<AppDbContext>();
    // Keys at rest: encrypted with a certificate from configuration (DataProtection__CertificatePath/__CertificatePassword).
    if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
            certificatePath, builder.Configuration["DataProtection:CertificatePassword"]));
    builder.AddWebHardening();
    services.Configure<TwoFactorPolicy>(builder.Configuration.GetSection("Security:TwoFactor"));
    services.AddScoped<SignInGate>();
    services.AddScoped<TwoFactorCodes>();
    services.AddScoped<TwoFactorSetup>();
    services.AddScoped<ApiSessions>();
    services.AddScoped<AccountStamps>();
    services.AddScoped<StepUp>();
    services.AddScoped<AccountSelfService>();
    services.AddScoped<PasswordRecovery>();
    services.AddScoped<AccountActivation>();
    services.AddSingleton<PasswordRecoveryQueue>();
    services.AddHostedService<PasswordRecoveryWorker>();
    // Identity's e-mailed tokens (the password-reset link) are good for two hours; the security stamp makes each good once.
    services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = PasswordRecovery.Lifespan);

    services.AddAuthentication(options =>
        {
            options.DefaultScheme = AuthSchemes.CookieOrBearer;
            options.DefaultChallengeScheme = AuthSchemes.CookieOrBearer;
        })
        .AddPolicyScheme(AuthSchemes.CookieOrBearer, "Cookie hoặc bearer", options =>
            options.ForwardDefaultSelector = context =>
                AuthSchemes.HasBearer(context.Request)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
        .AddBearerToken(IdentityConstants.BearerScheme, options =>
        {
            options.BearerTokenExpiration = TimeSpan.FromHours(1);
            options.RefreshTokenExpiration = TimeSpan.FromDays(7);
        })
        .AddIdentityCookies();
    services.ConfigureApplicationCookie(options =>
    {
        options.LoginPath = "/account/login";
        options.AccessDeniedPath = "/account/access-denied";
        options.Cookie.Name = "ChildCare.Auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        // Secure whenever the request came over HTTPS (behind the proxy: X-Forwarded-Proto); always, if configured.
        options.Cookie.SecurePolicy = builder.Configuration.GetValue<bool>("Security:RequireHttps") ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        // The API answers 401/403 (as problem details, see the status-code pages below), never a redirect.
        options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
        // A credential change ends the account's cookies at once (AccountStamps), not after the one-minute validation.
        options.Events.OnValidatePrincipal = AccountStamps.ValidateCookieAsync;
    });
    // The named policies (Core's Policies table) for pages, the menu and endpoints; services check the same table.
    var authorization = services.AddAuthorizationBuilder();
    foreach (var (name, roles) in ChildCare.Core.Security.Policies.RolesOf) authorization.AddPolicy(name, p => p.RequireRole(roles));

    services.AddIdentityCore<AppUser>(options =>
        {
            options.User.RequireUniqueEmail = true;
            options.Password.RequiredLength = 8;
            options.Password.RequireDigit = true;
            options.Password.RequireLowercase = true;
            options.Password.RequireUppercase = true;
            options.Password.RequireNonAlphanumeric = true;
            // Lockout is per account and client (SignInFailures), not Identity's per account: a stranger who
            // knows an e-mail must not be able to lock its owner out.
            options.Lockout.AllowedForNewUsers = false;
            options.SignIn.RequireConfirmedAccount = false;
        })
        .AddRoles<AppRole>()
        .AddEntityFrameworkStores<AppDbContext>()
        .AddSignInManager<AppSignInManager>()
        .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
        .AddErrorDescriber<VietnameseIdentityErrorDescriber>()
        .AddDefaultTokenProviders()
        .AddTokenProvider<ChildCare.Core.Features.Users.InvitationTokenProvider>(ChildCare.Core.Features.Users.Invitations.TokenProvider);
    services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

    services.AddRazorComponents().AddInteractiveServerComponents();
    services.AddCascadingAuthenticationState();
    services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
    services.AddScoped<CircuitHandler, UserCircuitHandler>();
    services.AddSingleton<ChildCare.Web.Hosting.CircuitCounter>();
    services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<ChildCare.Web.Hosting.CircuitCounter>());
    services.AddMudServices(c =>
    {
        c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
        c.SnackbarConfiguration.VisibleStateDuration = 5000;
    });
    services.AddTransient<MudLocalizer, VietnameseMudLocalizer>();
    services.AddHttpContextAccessor();

    services.AddLocalization(o => o.ResourcesPath = "Resources");
    // Vietnamese letters written as themselves in pages, not as &#x1EAD; entities (smaller pages, searchable source).
    services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
    services.ConfigureHttpJsonOptions(o =>
    {
        o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        // Numbers are JSON numbers ("version": 3, not "3"): what the OpenAPI document promises a generated client.
        o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
    });
    // Binding failures reach ApiExceptionHandler as exceptions in every environment (not an empty 400 outside
    // Development), so they are answered with a sentence in the request's language naming the parameter.
    services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
    {
        // The framework's own problems (an unknown route, a wrong method) come with English reason phrases.
        var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
        if (c.ProblemDetails.Title is null || c.ProblemDetails.Title == ReasonPhrases.GetReasonPhrase(status))
        {
            c.ProblemDetails.Title = ProblemText.Title(status);
            c.ProblemDetails.Detail ??= ProblemText.Detail(status);
        }
    });
    services.AddExceptionHandler<ApiExceptionHandler>();
    services.AddOpenApi(ChildCare.Web.Api.ApiDescription.Configure);
    services.AddHealthChecks().AddNpgSql(connectionString, name: "postgresql");

    var culture = new CultureInfo("vi-VN");
    CultureInfo.DefaultThreadCurrentCulture = culture;
    CultureInfo.DefaultThreadCurrentUICulture = culture;
}

static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
{
    if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"))
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
    context.Response.Redirect(context.RedirectUri);
    return Task.CompletedTask;
}

static void ConfigurePipeline(WebApplication app)
{
    app.UseTrustedForwardedHeaders();
    // Outermost, so each request is logged with the status it really got (a handled 403/404/409 is not a 500).
    app.UseSerilogRequestLogging(o =>
    {
        o.Logger = app.Services.GetRequiredService<Serilog.ILogger>(); // else the static Log.Logger, shared by every host
        // Path only: query strings and bodies (which may carry passwords or tokens) are never logged.
        o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} → {StatusCode} in {Elapsed:0} ms";
        o.GetLevel = (http, _, ex) => ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
            : http.Response.StatusCode is 401 or 403 or 429 ? LogEventLevel.Warning : LogEventLevel.Information;
        o.EnrichDiagnosticContext = (diagnostics, http) =>
            diagnostics.Set("UserName", http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : "(anonymous)");
    });
    app.UseSecurityHeaders();
    // Before the error handlers, so a problem or error page is written in the request's language too.
    app.UseLanguages();
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    if (!app.Environment.IsDevelopment()) app.UseHsts();
    if (!app.Environment.IsDevelopment() && app.Configuration["DataProtection:CertificatePath"] is not { Length: > 0 })
        app.Logger.LogWarning("SECURITY: DataProtection keys are stored UNENCRYPTED in the database. Set DataProtection__CertificatePath "
            + "(and DataProtection__CertificatePassword) to a .pfx so sign-in cookies and tokens cannot be forged by anyone who reads a backup.");

    // Pages: an empty error response shows the Vietnamese not-found page. The API (and its OpenAPI
    // document) instead gets a problem details body, written by the inner middleware first.
    app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
    app.UseErrorPagesForEveryMethod();
    app.UseWhen(c => c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/openapi"),
        api => api.UseStatusCodePages());


    app.UseRateLimiter();
    app.UseCrossSiteGuard();
    app.UseAuthentication();
    app.UseApiSessionCheck();
    app.UseTwoFactorEnrolment();
    app.UseCurrentUser();
    app.UseStoredLanguage();
    app.UseAuthorization();
    app.UseAntiforgery();

    app.MapStaticAssets();
    app.MapHealthChecks("/health").AllowAnonymous();
    app.MapOpenApi().RequireAuthorization();
    app.MapScalarApiReference("/scalar", o => o.WithTitle("ChildCare API")).RequireAuthorization();
    app.MapChildCareApi();
    app.MapAccountEndpoints();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
}

public partial class Program;
