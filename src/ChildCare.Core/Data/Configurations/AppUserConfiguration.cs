using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildCare.Core.Data.Configurations;

public class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.FullName).HasMaxLength(200);
        b.Property(x => x.Culture).HasMaxLength(10).HasDefaultValue(Cultures.Vietnamese);
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.OrgUnitId);
        // By name, like every enum here (readable in SQL, safe against reordering).
        b.Property(x => x.MutedEmailKinds)
            .HasConversion(
                v => v.Select(k => k.ToString()).ToArray(),
                v => v.Select(Enum.Parse<EmailKind>).ToList(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<EmailKind>>(
                    (a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, k) => HashCode.Combine(h, k)), v => v.ToList()))
            .HasColumnType("text[]");
    }
}
