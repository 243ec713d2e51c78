using ChildCare.Core.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<OrgUnitVersion> OrgUnitVersions => Set<OrgUnitVersion>();
    public DbSet<OrgUnitSuccession> OrgUnitSuccessions => Set<OrgUnitSuccession>();
    public DbSet<Reorganisation> Reorganisations => Set<Reorganisation>();
    public DbSet<Directive> Directives => Set<Directive>();
    public DbSet<TaskArea> TaskAreas => Set<TaskArea>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<ReportingPeriod> ReportingPeriods => Set<ReportingPeriod>();
    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();
    public DbSet<TaskAreaProgress> TaskAreaProgress => Set<TaskAreaProgress>();
    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();
    public DbSet<ReportHistoryEntry> ReportHistory => Set<ReportHistoryEntry>();
    public DbSet<ReportAttachment> ReportAttachments => Set<ReportAttachment>();
    public DbSet<ReportAttachmentContent> ReportAttachmentContents => Set<ReportAttachmentContent>();
    public DbSet<DirectiveReceipt> DirectiveReceipts => Set<DirectiveReceipt>();
    public DbSet<CertifiedCopy> CertifiedCopies => Set<CertifiedCopy>();
    public DbSet<CopyRecipient> CopyRecipients => Set<CopyRecipient>();
    public DbSet<ReportDraft> ReportDrafts => Set<ReportDraft>();
    public DbSet<ApiSession> ApiSessions => Set<ApiSession>();
    public DbSet<ExportJob> ExportJobs => Set<ExportJob>();
    public DbSet<ExportJobFile> ExportJobFiles => Set<ExportJobFile>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<EmailMessage> EmailMessages => Set<EmailMessage>();
    public DbSet<UserImport> UserImports => Set<UserImport>();
    public DbSet<ReportSignature> ReportSignatures => Set<ReportSignature>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Ids are made by the entities (Guid v7). Telling EF so makes a new child row found in a
        // tracked report's collection an INSERT, not an UPDATE of a row that does not exist.
        foreach (var entity in builder.Model.GetEntityTypes())
            if (entity.FindPrimaryKey()?.Properties is [{ ClrType: var t } key] && t == typeof(Guid))
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Statuses and kinds are stored by name: readable in SQL and safe against reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        // timestamptz holds instants: whatever offset a caller used (deadlines are made in UTC+7), store UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }
}

internal sealed class UtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(), v => v);
