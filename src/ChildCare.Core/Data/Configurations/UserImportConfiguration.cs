using System.Text.Json;
using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildCare.Core.Data.Configurations;

public class UserImportConfiguration : IEntityTypeConfiguration<UserImport>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<UserImport> b)
    {
        b.ToTable("user_imports");
        b.HasKey(x => x.Id);
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.Version).IsRowVersion();
        // The rows as one JSON document: read and written whole, never queried inside.
        b.Property(x => x.Rows)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<UserImportRow>>(v, Json) ?? new List<UserImportRow>(),
                new ValueComparer<List<UserImportRow>>((a, c) => ReferenceEquals(a, c), v => v.Count, v => v.ToList()))
            .HasColumnType("jsonb");
        b.HasIndex(x => x.CreatedById);
    }
}
