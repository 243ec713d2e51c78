using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildCare.Core.Data.Configurations;

public class ReportingPeriodConfiguration : IEntityTypeConfiguration<ReportingPeriod>
{
    public void Configure(EntityTypeBuilder<ReportingPeriod> b)
    {
        b.ToTable("reporting_periods");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => new { x.DirectiveId, x.Code }).IsUnique();
        b.HasIndex(x => new { x.DirectiveId, x.StartsOn });
        b.HasOne<Directive>().WithMany().HasForeignKey(x => x.DirectiveId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Version).IsRowVersion();
    }
}
