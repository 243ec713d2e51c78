using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildCare.Core.Data.Configurations;

public class ReportSignatureConfiguration : IEntityTypeConfiguration<ReportSignature>
{
    public void Configure(EntityTypeBuilder<ReportSignature> b)
    {
        b.ToTable("report_signatures");
        b.HasKey(x => x.Id);
        b.HasOne<ProgressReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ReportId);
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.SignerName).HasMaxLength(300);
        b.Property(x => x.SignerEmail).HasMaxLength(256);
        b.Property(x => x.SignerOrganisation).HasMaxLength(300);
        b.Property(x => x.Issuer).HasMaxLength(300);
        b.Property(x => x.SerialNumber).HasMaxLength(100);
        b.Property(x => x.ChecksJson).HasColumnType("jsonb");
    }
}
