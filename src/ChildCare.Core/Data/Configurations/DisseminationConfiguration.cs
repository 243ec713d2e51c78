using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildCare.Core.Data.Configurations;

public class DirectiveReceiptConfiguration : IEntityTypeConfiguration<DirectiveReceipt>
{
    public void Configure(EntityTypeBuilder<DirectiveReceipt> b)
    {
        b.ToTable("directive_receipts");
        b.HasKey(x => x.Id);
        b.Property(x => x.IncomingNumber).HasMaxLength(60);
        b.Property(x => x.FromBody).HasMaxLength(300);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.RecordedByName).HasMaxLength(200);
        b.HasIndex(x => new { x.DirectiveId, x.OrgUnitId });
        b.HasOne<Directive>().WithMany().HasForeignKey(x => x.DirectiveId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class CertifiedCopyConfiguration : IEntityTypeConfiguration<CertifiedCopy>
{
    public void Configure(EntityTypeBuilder<CertifiedCopy> b)
    {
        b.ToTable("certified_copies");
        b.HasKey(x => x.Id);
        b.Property(x => x.Number).HasMaxLength(60);
        b.Property(x => x.Signer).HasMaxLength(200);
        b.Property(x => x.SignerTitle).HasMaxLength(200);
        b.HasIndex(x => new { x.DirectiveId, x.IssuedByOrgUnitId });
        b.HasOne<Directive>().WithMany().HasForeignKey(x => x.DirectiveId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.IssuedByOrgUnit).WithMany().HasForeignKey(x => x.IssuedByOrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Recipients).WithOne().HasForeignKey(x => x.CopyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CopyRecipientConfiguration : IEntityTypeConfiguration<CopyRecipient>
{
    public void Configure(EntityTypeBuilder<CopyRecipient> b)
    {
        b.ToTable("copy_recipients");
        b.HasKey(x => x.Id);
        b.Property(x => x.Text).HasMaxLength(500);
        b.Property(x => x.AcknowledgedByName).HasMaxLength(200);
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.OrgUnitId);
    }
}
