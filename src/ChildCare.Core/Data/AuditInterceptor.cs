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
public sealed class AuditInterceptor(ICurrentUser currentUser, TimeProvider time) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Masked = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Value", "Xml", "Data",
    };

    // A draft buffer is the user's typing, saved every few seconds: auditing it would flood the audit.
    private static readonly HashSet<Type> NotAudited = [typeof(AuditEntry), typeof(DataProtectionKey), typeof(ReportDraft)];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) AddAuditEntries(context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) AddAuditEntries(context);
        return base.SavingChanges(eventData, result);
    }

    private void AddAuditEntries(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
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
            var masked = Masked.Contains(name) || p.Metadata.ClrType == typeof(byte[]);
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
