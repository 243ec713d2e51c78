using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Users;

public sealed record AccountPreferences(string Culture);

public sealed record AccountPreferencesRequest(string? Culture);

/// <summary>The signed-in user's own preferences: the language (pages switch with it, e-mails follow it).</summary>
public sealed class AccountPreferenceService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes)
{
    public async Task<AccountPreferences> GetAsync(CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new AccountPreferences(await db.Users.Where(u => u.Id == scope.UserId).Select(u => u.Culture).SingleAsync(ct));
    }

    public async Task<AccountPreferences> SetAsync(AccountPreferencesRequest request, CancellationToken ct = default)
    {
        if (request.Culture is not { } culture || !Cultures.Supported.Contains(culture))
            throw ValidationFailedException.For("culture", $"Ngôn ngữ là một trong: {string.Join(", ", Cultures.Supported)}.");
        var scope = await scopes.CurrentAsync(ct);
        await StoreAsync(scope.UserId, culture, ct);
        return new AccountPreferences(culture);
    }

    /// <summary>Stores the language a signed-in user switched to (the header's switch); an unknown one is ignored.</summary>
    public async Task StoreAsync(Guid userId, string culture, CancellationToken ct = default)
    {
        if (!Cultures.Supported.Contains(culture)) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || user.Culture == culture) return;
        user.UseCulture(culture);
        await db.SaveChangesAsync(ct);
    }
}
