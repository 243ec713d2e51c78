using System.Text.Json;
using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ChildCare.Core.Data.Configurations;

public class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("org_units");
        b.HasKey(x => x.Id);
        // Codes are unique among the units valid on one day, not for ever (the new Tuyên Quang is P08
        // like the old one): the exclusion constraint on org_unit_versions enforces that.
        b.Property(x => x.Code).HasMaxLength(40);
        b.HasIndex(x => x.Code);
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.ShortName).HasMaxLength(200);
        b.Property(x => x.SearchText).HasMaxLength(600);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.AncestorIds).HasColumnType("uuid[]");
        // "Everything that ever sat under this unit": a GIN index answers AncestorIds @> {id}.
        b.HasIndex(x => x.AncestorIds).HasMethod("gin");
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ParentId);
        b.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Versions).AutoInclude(false);
    }
}

public class OrgUnitVersionConfiguration : IEntityTypeConfiguration<OrgUnitVersion>
{
    public void Configure(EntityTypeBuilder<OrgUnitVersion> b)
    {
        b.ToTable("org_unit_versions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.ShortName).HasMaxLength(200);
        b.Property(x => x.SearchText).HasMaxLength(600);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        // "The committees directly under this unit on that day": who reports, the tree page.
        b.HasIndex(x => new { x.ParentId, x.Kind, x.ValidFrom, x.ValidTo });
        b.HasIndex(x => new { x.OrgUnitId, x.ValidFrom });
        b.HasIndex(x => x.Code);
        b.HasIndex(x => x.ReorganisationId);
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
        b.HasIndex(x => x.ReorganisationId);
        b.Property(x => x.Share).HasPrecision(9, 6);
    }
}

public class ReorganisationConfiguration : IEntityTypeConfiguration<Reorganisation>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public void Configure(EntityTypeBuilder<Reorganisation> b)
    {
        b.ToTable("reorganisations");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.LegalBasis).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(200);
        b.Property(x => x.AppliedBy).HasMaxLength(200);
        b.Property(x => x.RevertedBy).HasMaxLength(200);
        b.Property(x => x.SeedKey).HasMaxLength(100);
        b.HasIndex(x => x.SeedKey).IsUnique();
        b.HasIndex(x => x.EffectiveOn);
        b.Property(x => x.Rows).HasColumnType("jsonb").HasConversion(JsonConverter<List<ReorganisationRow>>(), JsonComparer<List<ReorganisationRow>>());
        b.Property(x => x.Summary).HasColumnType("jsonb").HasConversion(JsonConverter<ReorganisationSummary?>(), JsonComparer<ReorganisationSummary?>());
        b.Property(x => x.Undo).HasColumnType("jsonb").HasConversion(JsonConverter<ReorganisationUndo?>(), JsonComparer<ReorganisationUndo?>());
        b.Property(x => x.Version).IsRowVersion();
    }

    private static ValueConverter<T, string> JsonConverter<T>() =>
        new(v => JsonSerializer.Serialize(v, Json), v => JsonSerializer.Deserialize<T>(v, Json)!);

    private static ValueComparer<T> JsonComparer<T>() =>
        new((a, c) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(c, Json),
            v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Json), Json)!);
}
