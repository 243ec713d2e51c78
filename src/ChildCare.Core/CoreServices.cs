using ChildCare.Core.Data;
using ChildCare.Core.Features.Directives;
using ChildCare.Core.Features.OrgUnits;
using ChildCare.Core.Features.Periods;
using ChildCare.Core.Features.Reports;
using ChildCare.Core.Features.Users;
using ChildCare.Core.Security;
using ChildCare.Core.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChildCare.Core;

public static class CoreServices
{
    /// <summary>
    /// Npgsql's automatic preparation, unless the connection string says otherwise: a statement run twice is prepared on
    /// its connection and later runs skip PostgreSQL's parse and plan (the dashboards run the same few statements all day).
    /// With prepared statements the pool's reset keeps them (it unlocks advisory locks and closes cursors instead of
    /// DISCARD ALL). Measured in issue 12: see docs/decisions/0014-scale-out.md.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    /// <summary>The database, the current-user plumbing, the audit and every feature service.</summary>
    public static IServiceCollection AddChildCareCore(this IServiceCollection services, string connectionString)
    {
        connectionString = Tuned(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddScoped<CurrentUserHolder>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUserHolder>());
        services.AddScoped<AuditInterceptor>();
        services.AddSingleton<WriteGuardInterceptor>();
        services.AddScoped<BeforeSaveInterceptor>();
        services.AddSingleton<BrokenConnectionInterceptor>();
        services.AddSingleton<CommandCounter>();
        // Scoped factory: each context gets the audit interceptor of the current request or circuit.
        services.AddDbContextFactory<AppDbContext>((sp, options) =>
        {
            options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(AppDbContext).Assembly.GetName().Name));
            options.AddInterceptors(sp.GetRequiredService<BeforeSaveInterceptor>(),
                sp.GetRequiredService<BrokenConnectionInterceptor>(), sp.GetRequiredService<CommandCounter>());
        }, ServiceLifetime.Scoped);

        services.AddScoped<ScopeResolver>();
        services.AddScoped<AccountSessions>();
        services.AddSingleton<SignInFailures>();
        services.AddScoped<DirectiveService>();
        services.AddScoped<DocumentChoiceService>();
        services.AddScoped<OrgUnitService>();
        services.AddScoped<OrgUnitAdminService>();
        services.AddScoped<ReorganisationService>();
        services.AddSingleton<OrgTreeCache>();
        services.AddSingleton<Live.LiveEvents>();
        services.AddScoped<PeriodService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<UserImportService>();
        services.AddSingleton<Features.Signing.SigningKeys>();
        services.AddScoped<Features.Signing.ReportSigningService>();
        services.AddScoped<OnboardingService>();
        services.AddSingleton<DirectivePartsCache>();
        services.AddScoped<ProgressReportService>();
        services.AddScoped<ReportReviewService>();
        services.AddScoped<ReportAttachmentService>();
        services.AddScoped<ReportDraftService>();
        services.AddScoped<ReportWorkbookService>();
        services.AddScoped<NotificationService>();
        services.AddScoped<Features.Notifications.EmailJobService>();
        services.AddSingleton<Features.Notifications.OutboxSignal>();
        services.AddSingleton<Features.Notifications.PortalAddress>();
        services.AddScoped<Features.Notifications.EmailPreferenceService>();
        services.AddScoped<Features.Dashboards.DashboardService>();
        services.AddScoped<Features.Maps.MapService>();
        services.AddScoped<Features.Users.AccountPreferenceService>();
        services.AddScoped<Features.Exports.SummaryExportService>();
        services.AddScoped<Features.Exports.ReportExportService>();
        services.AddScoped<Features.Directives.Import.DirectiveImportService>();
        services.AddScoped<Features.Dissemination.DisseminationService>();
        services.AddScoped<DirectiveEditService>();
        services.AddScoped<Features.Exports.ExportJobs>();
        services.AddScoped<DemoReportsSeeder>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<AdminBootstrapper>();
        return services;
    }
}
