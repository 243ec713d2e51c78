using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildCare.Core.Data.Configurations;

public class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("org_units");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.ShortName).HasMaxLength(200);
        b.Property(x => x.Path).HasMaxLength(400);
        // text_pattern_ops lets LIKE 'prefix%' (subtree) use the index whatever the collation.
        b.HasIndex(x => x.Path).HasOperators("text_pattern_ops");
        // "The district committees under this province": kind first, then the subtree as a range scan.
        // Without it the planner filters all units (≈ 5 ms at national scale instead of ≈ 1 ms).
        b.HasIndex(x => new { x.Kind, x.Path }).HasOperators("text_pattern_ops", "text_pattern_ops");
        b.Property(x => x.SearchText).HasMaxLength(600);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ParentId);
    }
}

public class OrgUnitSuccessionConfiguration : IEntityTypeConfiguration<OrgUnitSuccession>
{
    public void Configure(EntityTypeBuilder<OrgUnitSuccession> b)
    {
        b.ToTable("org_unit_successions");
        b.HasKey(x => x.Id);
        b.HasOne(x => x.Predecessor).WithMany(x => x.Successors).HasForeignKey(x => x.PredecessorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Successor).WithMany(x => x.Predecessors).HasForeignKey(x => x.SuccessorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PredecessorId, x.SuccessorId }).IsUnique();
    }
}
