using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildCare.Core.Data.Configurations;

public class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> b)
    {
        b.ToTable("progress_reports");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.DirectiveId, x.OrgUnitId, x.PeriodId }).IsUnique();
        b.HasIndex(x => new { x.PeriodId, x.Status });
        b.Property(x => x.LastReviewComment).HasMaxLength(4000);
        b.Property(x => x.Version).IsRowVersion();
        b.Ignore(x => x.IsEditable);
        b.HasOne(x => x.Directive).WithMany().HasForeignKey(x => x.DirectiveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Period).WithMany().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.TaskAreas).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.IndicatorValues).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.History).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class TaskAreaProgressConfiguration : IEntityTypeConfiguration<TaskAreaProgress>
{
    public void Configure(EntityTypeBuilder<TaskAreaProgress> b)
    {
        b.ToTable("task_area_progress");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ReportId, x.TaskAreaId }).IsUnique();
        b.HasOne(x => x.TaskArea).WithMany().HasForeignKey(x => x.TaskAreaId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_task_area_progress_percent", "\"PercentDone\" IS NULL OR \"PercentDone\" BETWEEN 0 AND 100"));
    }
}

public class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> b)
    {
        b.ToTable("indicator_values");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.ReportId, x.IndicatorId }).IsUnique();
        b.HasIndex(x => x.IndicatorId);
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.Ignore(x => x.IsReported);
        b.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ReportHistoryEntryConfiguration : IEntityTypeConfiguration<ReportHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ReportHistoryEntry> b)
    {
        b.ToTable("report_history");
        b.HasKey(x => x.Id);
        b.Property(x => x.ActorName).HasMaxLength(200);
        b.Property(x => x.Comment).HasMaxLength(4000);
        b.HasIndex(x => new { x.ReportId, x.At });
    }
}

public class ReportAttachmentConfiguration : IEntityTypeConfiguration<ReportAttachment>
{
    public void Configure(EntityTypeBuilder<ReportAttachment> b)
    {
        b.ToTable("report_attachments");
        b.HasKey(x => x.Id);
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.ContentType).HasMaxLength(200);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.UploadedByName).HasMaxLength(200);
    }
}

public class ReportAttachmentContentConfiguration : IEntityTypeConfiguration<ReportAttachmentContent>
{
    public void Configure(EntityTypeBuilder<ReportAttachmentContent> b)
    {
        b.ToTable("report_attachment_contents");
        b.HasKey(x => x.AttachmentId);
        b.HasOne<ReportAttachment>().WithOne().HasForeignKey<ReportAttachmentContent>(x => x.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
