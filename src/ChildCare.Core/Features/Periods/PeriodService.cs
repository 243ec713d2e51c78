using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Periods;

public sealed record PeriodDto(Guid Id, Guid DirectiveId, string Code, string Name, PeriodKind Kind, DateOnly StartsOn, DateOnly EndsOn,
    DateOnly DataFrom, DateOnly DataTo, DateOnly DueOn, DateOnly DueOnProvince, PeriodState State);

public sealed class PeriodService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes)
{
    public async Task<IReadOnlyList<PeriodDto>> ListAsync(Guid? directiveId, CancellationToken ct = default)
    {
        await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.ReportingPeriods.AsNoTracking();
        if (directiveId is not null) query = query.Where(p => p.DirectiveId == directiveId);
        return await query.OrderBy(p => p.StartsOn).ThenBy(p => p.Kind)
            .Select(p => new PeriodDto(p.Id, p.DirectiveId, p.Code, p.Name, p.Kind, p.StartsOn, p.EndsOn, p.DataFrom, p.DataTo,
                p.DueOnUnit, p.DueOnProvince, p.State))
            .ToListAsync(ct);
    }
}
