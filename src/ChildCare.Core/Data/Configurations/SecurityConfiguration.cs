using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildCare.Core.Data.Configurations;

public class ApiSessionConfiguration : IEntityTypeConfiguration<ApiSession>
{
    public void Configure(EntityTypeBuilder<ApiSession> b)
    {
        b.ToTable("api_sessions");
        b.HasIndex(x => x.FamilyId);
        b.HasIndex(x => x.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ExportJobConfiguration : IEntityTypeConfiguration<ExportJob>
{
    public void Configure(EntityTypeBuilder<ExportJob> b)
    {
        b.ToTable("export_jobs");
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Format).HasMaxLength(10);
        b.Property(x => x.Request).HasColumnType("jsonb");
        b.Property(x => x.FileName).HasMaxLength(300);
        b.Property(x => x.ContentType).HasMaxLength(200);
        b.Property(x => x.Error).HasMaxLength(2000);
        b.Ignore(x => x.ExpiresAt);
        b.HasIndex(x => new { x.UserId, x.StartedAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ExportJobFileConfiguration : IEntityTypeConfiguration<ExportJobFile>
{
    public void Configure(EntityTypeBuilder<ExportJobFile> b)
    {
        b.ToTable("export_job_files");
        b.HasKey(x => x.JobId);
        b.HasOne<ExportJob>().WithOne().HasForeignKey<ExportJobFile>(x => x.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
