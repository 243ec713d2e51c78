using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildCare.Core.Data.Configurations;

public class ReportDraftConfiguration : IEntityTypeConfiguration<ReportDraft>
{
    public void Configure(EntityTypeBuilder<ReportDraft> b)
    {
        b.ToTable("report_drafts");
        b.HasKey(x => new { x.ReportId, x.UserId });
        b.Property(x => x.Content).HasColumnType("jsonb");
        b.HasOne<ProgressReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
