using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Directives;

/// <summary>The documents a page can show, and which one it shows.</summary>
public sealed record DocumentChoice(IReadOnlyList<DirectiveSummary> Documents, DirectiveSummary Chosen);

/// <summary>
/// Which document a page about one document shows. Documents are peers: nothing picks "the newest". The page's
/// address (<c>?directiveId=</c>) wins (a document the user may not see is not found) and is remembered for the user; without one, the user's last choice (if
/// still visible); without that, the first of the user's documents in a fixed order — documents in force before
/// finished ones, the centre's before a unit's own, the oldest first (28-CT/TW before the plans that carry it out).
/// </summary>
public sealed class DocumentChoiceService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, DirectiveService directives)
{
    /// <summary>The choice, or null when the user sees no document at all.</summary>
    public async Task<DocumentChoice?> ChooseAsync(Guid? requested, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var documents = (await directives.ListAsync(ct))
            .OrderBy(d => d.Status == DirectiveStatus.Active ? 0 : 1).ThenBy(d => d.IssuerUnitId is null ? 0 : 1)
            .ThenBy(d => d.IssuedOn).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        if (documents.Count == 0) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var preferred = await db.Users.Where(u => u.Id == scope.UserId).Select(u => u.PreferredDirectiveId).SingleOrDefaultAsync(ct);
        if (requested is not null && documents.All(d => d.Id != requested)) throw new NotFoundException("Không tìm thấy văn bản.");
        var chosen = documents.FirstOrDefault(d => d.Id == requested) ?? documents.FirstOrDefault(d => d.Id == preferred) ?? documents[0];
        if (requested is not null && chosen.Id == requested && preferred != requested)
            await db.Users.Where(u => u.Id == scope.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredDirectiveId, requested), ct);
        return new DocumentChoice(documents, chosen);
    }
}
