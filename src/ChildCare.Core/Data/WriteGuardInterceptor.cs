using ChildCare.Core.Features.Common;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ChildCare.Core.Data;

/// <summary>
/// The last check before any write, whatever path the value came by: every string cleaned of hidden controls (and,
/// in one-line fields, of line breaks) as <see cref="TextInput"/> decides, then within its column's length and free of
/// the control characters that are refused; every enum one of its defined values. A service that forgot a field still
/// answers 400 with the field's name, never a database error, and nothing is stored.
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
                if (p.CurrentValue is string s)
                {
                    var clean = TextInput.Clean(s, IsSingleLine(p.Metadata));
                    if (!ReferenceEquals(clean, s)) p.CurrentValue = clean;
                    problem = TextInput.Problem(clean, p.Metadata.GetMaxLength());
                }
                else if (p.CurrentValue is List<string> list)
                    for (var i = 0; i < list.Count && problem is null; i++)
                    {
                        list[i] = TextInput.Clean(list[i], singleLine: true);
                        problem = TextInput.Problem(list[i], null);
                    }
                else if (type.IsEnum && p.CurrentValue is { } e && !Enum.IsDefined(type, e))
                    problem = $"Giá trị {e} không thuộc danh mục cho phép.";
                if (problem is null) continue;
                errors ??= [];
                errors[char.ToLowerInvariant(p.Metadata.Name[0]) + p.Metadata.Name[1..]] = [problem];
            }
        }
        if (errors is not null) throw new ValidationFailedException(errors);
    }

    /// <summary>
    /// One-line fields by name: what names a thing or a person (…Name, …Code, …By, e-mail, titles, numbers, signers,
    /// bodies that issue or send) and what goes into a file name or an e-mail header. Everything else may hold lines.
    /// </summary>
    public static bool IsSingleLine(IProperty property)
    {
        var name = property.Name;
        return name.EndsWith("Name", StringComparison.Ordinal) || name.EndsWith("Code", StringComparison.Ordinal)
            || name.EndsWith("By", StringComparison.Ordinal) || name.EndsWith("Email", StringComparison.Ordinal)
            || name.EndsWith("Number", StringComparison.Ordinal) || name.EndsWith("Title", StringComparison.Ordinal)
            || name is "NameEn" or "Subject" or "Signer" or "Place" or "Addressee" or "FromBody" or "IssuingBody" or "ContentType" or "Unit"
                or "UnitEn" or "Format" or "Action" or "Key";
    }
}
