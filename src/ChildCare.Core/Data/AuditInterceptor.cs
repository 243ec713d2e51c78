using System.Buffers;
using System.Text;
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
        // Account mail (an invitation, a reset) carries a one-time link.
        (typeof(EmailMessage), nameof(EmailMessage.Body)),
        // The signed file itself is kept in its own row; the audit records its hash, not its bytes.
        (typeof(ReportSignature), nameof(ReportSignature.Content)),
    ];

    public static bool IsMasked(Type entity, string property) => Masked.Contains((entity, property));

    // A draft buffer is the user's typing, saved every few seconds: auditing it would flood the audit. Export jobs
    // and API sessions are the portal's own bookkeeping (sign-ins are in the log).
    private static readonly HashSet<Type> NotAudited =
        [typeof(AuditEntry), typeof(DataProtectionKey), typeof(ReportDraft), typeof(ExportJob), typeof(ExportJobFile), typeof(ApiSession), typeof(UserImport)];

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
        // One buffer and writer for all entries: a reorganisation saves tens of thousands at once.
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer);
        foreach (var entry in entries)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            var count = Describe(entry, writer);
            if (entry.State == EntityState.Modified && count == 0) continue;
            context.Add(new AuditEntry(now, userId, userName, entry.Metadata.ClrType.Name, KeyOf(entry),
                entry.State.ToString(), Encoding.UTF8.GetString(buffer.WrittenSpan), RootOf(entry)));
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

    /// <summary>
    /// Writes <c>{"Property": {"old": …, "new": …}}</c> for the entry straight to JSON (no dictionary of anonymous objects
    /// serialised by reflection) and returns how many properties it wrote.
    /// </summary>
    private static int Describe(EntityEntry entry, Utf8JsonWriter writer)
    {
        var count = 0;
        writer.WriteStartObject();
        foreach (var p in entry.Properties)
        {
            if (p.Metadata.IsShadowProperty() && p.Metadata.IsConcurrencyToken) continue;
            if (p.Metadata.ClrType == typeof(uint) && p.Metadata.IsConcurrencyToken) continue; // xmin
            var masked = IsMasked(entry.Metadata.ClrType, p.Metadata.Name) || p.Metadata.ClrType == typeof(byte[]);
            var (old, @new) = entry.State switch
            {
                EntityState.Added => (false, true),
                EntityState.Deleted => (true, false),
                EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue) => (true, true),
                _ => (false, false),
            };
            if (!old && !@new) continue;
            writer.WritePropertyName(p.Metadata.Name);
            writer.WriteStartObject();
            if (old) Value(writer, "old", masked, p.OriginalValue);
            if (@new) Value(writer, "new", masked, p.CurrentValue);
            writer.WriteEndObject();
            count++;
        }
        writer.WriteEndObject();
        writer.Flush();
        return count;
    }

    private static void Value(Utf8JsonWriter writer, string name, bool masked, object? value)
    {
        writer.WritePropertyName(name);
        if (masked) writer.WriteStringValue("***");
        else if (value is null) writer.WriteNullValue();
        else JsonSerializer.Serialize(writer, value, value.GetType());
    }
}
