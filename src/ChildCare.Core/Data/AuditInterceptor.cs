using System.Text.Json;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChildCare.Core.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every added, changed or deleted row in the same
/// transaction as the change, so no write escapes the audit. Secrets are never copied.
/// </summary>
public sealed class AuditInterceptor(ICurrentUser currentUser, TimeProvider time) : IBeforeSave
{
    /// <summary>Secrets, by entity and property: an indicator's Value is data to audit, an Identity token's Value (the authenticator key, recovery codes) is not.</summary>
    private static readonly HashSet<(Type Entity, string Property)> Masked =
    [
        (typeof(AppUser), nameof(AppUser.PasswordHash)),
        (typeof(AppUser), nameof(AppUser.SecurityStamp)),
        (typeof(AppUser), nameof(AppUser.ConcurrencyStamp)),
        (typeof(Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>), nameof(Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>.Value)),
    ];

    public static bool IsMasked(Type entity, string property) => Masked.Contains((entity, property));

    // A draft buffer is the user's typing, saved every few seconds: auditing it would flood the audit. Export jobs
    // and API sessions are the portal's own bookkeeping (sign-ins are in the log).
    private static readonly HashSet<Type> NotAudited =
        [typeof(AuditEntry), typeof(DataProtectionKey), typeof(ReportDraft), typeof(ExportJob), typeof(ExportJobFile), typeof(ApiSession)];

    /// <summary>Called by <see cref="BeforeSaveInterceptor"/> after the changes are detected.</summary>
    public void BeforeSave(DbContext context)
    {
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => !NotAudited.Contains(e.Entity.GetType()))
            .ToList();
        if (entries.Count == 0) return;

        var (userId, userName) = currentUser.Describe();
        var now = time.GetUtcNow();
        foreach (var entry in entries)
        {
            var changes = Describe(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            context.Add(new AuditEntry(now, userId, userName, entry.Metadata.ClrType.Name, KeyOf(entry),
                entry.State.ToString(), JsonSerializer.Serialize(changes), RootOf(entry)));
        }
    }

    private static Guid? RootOf(EntityEntry entry) => entry.Entity switch
    {
        ProgressReport r => r.Id,
        _ when entry.Metadata.FindProperty("ReportId") is { } p && entry.Property(p.Name).CurrentValue is Guid id => id,
        _ => null,
    };

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()));
    }

    private static Dictionary<string, object?> Describe(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            if (p.Metadata.IsShadowProperty() && p.Metadata.IsConcurrencyToken) continue;
            if (p.Metadata.ClrType == typeof(uint) && p.Metadata.IsConcurrencyToken) continue; // xmin
            var name = p.Metadata.Name;
            var masked = IsMasked(entry.Metadata.ClrType, name) || p.Metadata.ClrType == typeof(byte[]);
            switch (entry.State)
            {
                case EntityState.Added:
                    changes[name] = new { @new = masked ? "***" : p.CurrentValue };
                    break;
                case EntityState.Deleted:
                    changes[name] = new { old = masked ? "***" : p.OriginalValue };
                    break;
                case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                    changes[name] = masked
                        ? new { old = (object?)"***", @new = (object?)"***" }
                        : new { old = p.OriginalValue, @new = p.CurrentValue };
                    break;
            }
        }
        return changes;
    }
}
