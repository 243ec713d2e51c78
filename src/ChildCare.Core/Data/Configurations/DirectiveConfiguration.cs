using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildCare.Core.Data.Configurations;

public class DirectiveConfiguration : IEntityTypeConfiguration<Directive>
{
    public void Configure(EntityTypeBuilder<Directive> b)
    {
        b.ToTable("directives");
        b.HasKey(x => x.Id);
        b.HasOne(x => x.Source).WithOne().HasForeignKey<DirectiveSource>(x => x.DirectiveId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Code).HasMaxLength(60);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.IssuingBody).HasMaxLength(200);
        b.Property(x => x.Place).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(1000);
        b.Property(x => x.SignerTitle).HasMaxLength(200);
        b.Property(x => x.Signer).HasMaxLength(200);
        b.Property(x => x.ContinuesCode).HasMaxLength(60);
        b.Property(x => x.ImplementsCode).HasMaxLength(60);
        b.Property(x => x.Addressee).HasMaxLength(200);
        b.HasOne(x => x.IssuerUnit).WithMany().HasForeignKey(x => x.IssuerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Directive>().WithMany().HasForeignKey(x => x.ImplementsId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.IssuerUnitId);
        b.HasIndex(x => x.ImplementsId);
        b.Property(x => x.ReportingUnitKinds)
            .HasConversion(
                v => v.Select(k => k.ToString()).ToArray(),
                v => v.Select(Enum.Parse<OrgUnitKind>).ToList(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<OrgUnitKind>>(
                    (a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, k) => HashCode.Combine(h, k)), v => v.ToList()))
            .HasColumnType("text[]");
        b.Property(x => x.Version).IsRowVersion();
        b.HasMany(x => x.TaskAreas).WithOne(x => x.Directive).HasForeignKey(x => x.DirectiveId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Assignments).WithOne().HasForeignKey(x => x.DirectiveId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Indicators).WithOne().HasForeignKey(x => x.DirectiveId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class TaskAreaConfiguration : IEntityTypeConfiguration<TaskArea>
{
    public void Configure(EntityTypeBuilder<TaskArea> b)
    {
        b.ToTable("task_areas");
        b.HasKey(x => x.Id);
        b.Property(x => x.Title).HasMaxLength(500);
        b.HasIndex(x => new { x.DirectiveId, x.Number }).IsUnique();
    }
}

public class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> b)
    {
        b.ToTable("assignments");
        b.HasKey(x => x.Id);
        b.Property(x => x.Body).HasMaxLength(500);
        b.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.TaskArea).WithMany().HasForeignKey(x => x.TaskAreaId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.DirectiveId, x.ClauseNumber });
    }
}

public class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.ToTable("indicators");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.HasIndex(x => new { x.DirectiveId, x.Code }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(500);
        b.Property(x => x.NameEn).HasMaxLength(500);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Ignore(x => x.Scale);
        b.HasOne(x => x.TaskArea).WithMany().HasForeignKey(x => x.TaskAreaId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Targets).WithOne().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> b)
    {
        b.ToTable("indicator_targets");
        b.HasKey(x => x.Id);
        b.Property(x => x.Source).HasMaxLength(500);
        b.Property(x => x.Description).HasMaxLength(500);
        b.HasIndex(x => new { x.IndicatorId, x.Year });
    }
}

public class DirectiveSourceConfiguration : IEntityTypeConfiguration<DirectiveSource>
{
    public void Configure(EntityTypeBuilder<DirectiveSource> b)
    {
        b.ToTable("directive_sources");
        b.HasKey(x => x.DirectiveId);
    }
}
