using ChildCare.Core.Features.Common;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Data;

/// <summary>
/// The last check before any write: every string within its column's length and free of control
/// characters, every enum one of its defined values. A service that forgot a field still answers 400
/// with the field's name, never a database error, and nothing is stored.
/// </summary>
public sealed class WriteGuardInterceptor : IBeforeSave
{
    /// <summary>Called by <see cref="BeforeSaveInterceptor"/> after the changes are detected.</summary>
    public void BeforeSave(DbContext context)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var p in entry.Properties)
            {
                if (entry.State == EntityState.Modified && !p.IsModified) continue;
                var type = Nullable.GetUnderlyingType(p.Metadata.ClrType) ?? p.Metadata.ClrType;
                string? problem = null;
                if (p.CurrentValue is string s) problem = TextInput.Problem(s, p.Metadata.GetMaxLength());
                else if (type.IsEnum && p.CurrentValue is { } e && !Enum.IsDefined(type, e))
                    problem = $"Giá trị {e} không thuộc danh mục cho phép.";
                if (problem is null) continue;
                errors ??= [];
                errors[char.ToLowerInvariant(p.Metadata.Name[0]) + p.Metadata.Name[1..]] = [problem];
            }
        }
        if (errors is not null) throw new ValidationFailedException(errors);
    }
}
