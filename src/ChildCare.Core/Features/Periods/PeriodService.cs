using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Periods;

public sealed record PeriodDto(Guid Id, Guid DirectiveId, string Code, string Name, PeriodKind Kind, DateOnly StartsOn, DateOnly EndsOn,
    DateOnly DataFrom, DateOnly DataTo, DateOnly DueOn, DateOnly DueOnProvince, PeriodState State);

public sealed record CreatePeriodRequest(Guid DirectiveId, PeriodKind Kind, string? Code, string? Name, DateOnly StartsOn, DateOnly EndsOn,
    DateOnly? DueOn, DateOnly? DueOnProvince);

public sealed record ReschedulePeriodRequest(DateOnly DueOn, DateOnly DueOnProvince);

public enum PeriodCommand
{
    Close,
    Lock,
    Reopen,
}

/// <summary>The reporting calendar: everyone reads it; administrators add half-years, years and reviews, move deadlines, close, lock and reopen.</summary>
public sealed class PeriodService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes)
{
    public async Task<IReadOnlyList<PeriodDto>> ListAsync(Guid? directiveId, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = scope.VisibleDocuments(db.Directives).Select(d => d.Id);
        var query = db.ReportingPeriods.AsNoTracking().Where(p => visible.Contains(p.DirectiveId));
        if (directiveId is not null) query = query.Where(p => p.DirectiveId == directiveId);
        return await query.OrderBy(p => p.StartsOn).ThenBy(p => p.Kind)
            .Select(p => new PeriodDto(p.Id, p.DirectiveId, p.Code, p.Name, p.Kind, p.StartsOn, p.EndsOn, p.DataFrom, p.DataTo,
                p.DueOnUnit, p.DueOnProvince, p.State))
            .ToListAsync(ct);
    }

    public async Task<PeriodDto> CreateAsync(CreatePeriodRequest request, CancellationToken ct = default)
    {
        (await scopes.CurrentAsync(ct)).RequirePolicy(Policies.Administer);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var directive = await db.Directives.SingleOrDefaultAsync(d => d.Id == request.DirectiveId, ct)
            ?? throw ValidationFailedException.For("directiveId", "Không tìm thấy văn bản.");
        var errors = new Dictionary<string, string[]>();
        if (request.EndsOn < request.StartsOn) errors["endsOn"] = ["Ngày kết thúc phải sau ngày bắt đầu."];
        if (request.Kind == PeriodKind.Quarter) errors["kind"] = ["Các quý được tạo tự động."];
        var code = string.IsNullOrWhiteSpace(request.Code) ? DefaultCode(request) : request.Code.Trim();
        if (await db.ReportingPeriods.AnyAsync(p => p.DirectiveId == directive.Id && p.Code == code, ct))
            errors["code"] = [$"Đã có kỳ báo cáo mã {code}."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var dueUnit = request.DueOn ?? request.EndsOn.AddDays(PeriodCalendar.UnitDueDays);
        var dueProvince = request.DueOnProvince ?? request.EndsOn.AddDays(PeriodCalendar.ProvinceDueDays);
        var (from, to) = PeriodCalendar.DataWindowOf(request.StartsOn, request.EndsOn, directive.DataWindow);
        var name = string.IsNullOrWhiteSpace(request.Name) ? DefaultName(request) : request.Name.Trim();
        ReportingPeriod period;
        try
        {
            period = new ReportingPeriod(directive, code, name, request.Kind, request.StartsOn, request.EndsOn, from, to, dueUnit, dueProvince);
        }
        catch (DomainException ex)
        {
            throw ValidationFailedException.For("dueOn", ex.Message);
        }
        db.ReportingPeriods.Add(period);
        await db.SaveChangesAsync(ct);
        return ToDto(period);
    }

    public async Task<PeriodDto> RescheduleAsync(Guid id, ReschedulePeriodRequest request, CancellationToken ct = default) =>
        await ChangeAsync(id, p => p.Reschedule(request.DueOn, request.DueOnProvince), ct);

    public async Task<PeriodDto> RunAsync(Guid id, PeriodCommand command, CancellationToken ct = default) =>
        await ChangeAsync(id, p =>
        {
            switch (command)
            {
                case PeriodCommand.Close: p.Close(); break;
                case PeriodCommand.Lock: p.Lock(); break;
                default: p.Reopen(); break;
            }
        }, ct);

    /// <summary>Switches a directive between calendar and Decree 09/2019 data windows; periods not yet closed follow.</summary>
    public async Task<int> SetDataWindowAsync(Guid directiveId, DataWindow window, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.Administer);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var directive = await db.Directives.VisibleAsync(scope, directiveId, ct);
        directive.DataWindow = window;
        var open = await db.ReportingPeriods.Where(p => p.DirectiveId == directiveId && p.State == PeriodState.Open).ToListAsync(ct);
        foreach (var p in open)
        {
            var (from, to) = PeriodCalendar.DataWindowOf(p.StartsOn, p.EndsOn, window);
            p.SetDataWindow(from, to);
        }
        await db.SaveChangesAsync(ct);
        return open.Count;
    }

    private async Task<PeriodDto> ChangeAsync(Guid id, Action<ReportingPeriod> change, CancellationToken ct)
    {
        (await scopes.CurrentAsync(ct)).RequirePolicy(Policies.Administer);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var period = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy kỳ báo cáo.");
        change(period);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
        return ToDto(period);
    }

    private static string DefaultCode(CreatePeriodRequest r) => r.Kind switch
    {
        PeriodKind.HalfYear => $"{r.StartsOn.Year}-H{(r.StartsOn.Month <= 6 ? 1 : 2)}",
        PeriodKind.Year => $"{r.StartsOn.Year}",
        _ => $"SK-{r.StartsOn:yyyyMM}-{r.EndsOn:yyyyMM}",
    };

    private static string DefaultName(CreatePeriodRequest r) => r.Kind switch
    {
        PeriodKind.HalfYear => $"{(r.StartsOn.Month <= 6 ? "6 tháng đầu năm" : "6 tháng cuối năm")} {r.StartsOn.Year}",
        PeriodKind.Year => $"Năm {r.StartsOn.Year}",
        _ => $"Sơ kết {r.StartsOn:MM/yyyy} – {r.EndsOn:MM/yyyy}",
    };

    private static PeriodDto ToDto(ReportingPeriod p) =>
        new(p.Id, p.DirectiveId, p.Code, p.Name, p.Kind, p.StartsOn, p.EndsOn, p.DataFrom, p.DataTo, p.DueOnUnit, p.DueOnProvince, p.State);
}
