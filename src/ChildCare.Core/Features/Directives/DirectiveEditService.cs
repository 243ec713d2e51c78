using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Directives;

/// <summary>A document's editable fields; <see cref="RequiresSignatureFrom"/>: reports of periods from that day on must be signed by the unit's leader.</summary>
public sealed record UpdateDirectiveRequest(uint Version, string Title, string? Place, string? Preamble, string? SignerTitle, string? Signer,
    ReportingCadence Cadence, DataWindow DataWindow, DateOnly? RequiresSignatureFrom = null);

public sealed record TaskAreaEdit(int Number, string Title, string Text);

/// <summary>An indicator's editable fields; the summary role (null: unchanged) says where summary reports quote it.</summary>
public sealed record IndicatorEdit(string Name, IndicatorDirection Direction, IndicatorNature Nature, string? Note,
    SummaryFigure? SummaryFigure = null, bool? InSummaryAnnex = null, bool ClearSummaryFigure = false);

public sealed record NewIndicator(string Code, string Name, IndicatorUnit Unit, IndicatorAggregation Aggregation, IndicatorDirection Direction,
    IndicatorNature Nature, int? TaskAreaNumber);

public sealed record TargetEdit(int Year, decimal? Value, string? Source, string? Description);

/// <summary>
/// Administrators and analysts edit any document, a province's reviewer their own committee's (its plan): its text and reporting cadence, task areas,
/// indicators and their targets, assignments. Every edit goes through the audit like any write.
/// </summary>
public sealed class DirectiveEditService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes)
{
    public async Task UpdateAsync(Guid id, UpdateDirectiveRequest r, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(id, ct);
        var d = await db.Directives.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy văn bản.");
        if (string.IsNullOrWhiteSpace(r.Title)) throw ValidationFailedException.For("title", "Cần nhập trích yếu.");
        db.Entry(d).Property(x => x.Version).OriginalValue = r.Version;
        d.Title = r.Title.Trim();
        d.Place = r.Place;
        d.Preamble = r.Preamble;
        d.SignerTitle = r.SignerTitle;
        d.Signer = r.Signer;
        d.Cadence = r.Cadence;
        d.DataWindow = r.DataWindow;
        d.RequiresSignatureFrom = r.RequiresSignatureFrom;
        await SaveAsync(db, ct);
    }

    public async Task SaveTaskAreaAsync(Guid directiveId, TaskAreaEdit edit, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(directiveId, ct);
        if (string.IsNullOrWhiteSpace(edit.Title)) throw ValidationFailedException.For("title", "Cần nhập tên nhóm nhiệm vụ.");
        var d = await db.Directives.Include(x => x.TaskAreas).SingleOrDefaultAsync(x => x.Id == directiveId, ct) ?? throw new NotFoundException("Không tìm thấy văn bản.");
        var area = d.TaskAreas.FirstOrDefault(t => t.Number == edit.Number);
        if (area is null) db.TaskAreas.Add(d.AddTaskArea(edit.Number, edit.Title.Trim(), edit.Text?.Trim() ?? ""));
        else
        {
            area.Title = edit.Title.Trim();
            area.Text = edit.Text?.Trim() ?? "";
            d.PartsChanged();
        }
        await SaveAsync(db, ct);
    }

    public async Task UpdateIndicatorAsync(Guid indicatorId, IndicatorEdit edit, CancellationToken ct = default)
    {
        await using var db = await OpenForIndicatorAsync(indicatorId, ct);
        if (string.IsNullOrWhiteSpace(edit.Name)) throw ValidationFailedException.For("name", "Cần nhập tên chỉ tiêu.");
        var i = await db.Indicators.SingleOrDefaultAsync(x => x.Id == indicatorId, ct) ?? throw new NotFoundException("Không tìm thấy chỉ tiêu.");
        i.Name = edit.Name.Trim();
        i.Direction = edit.Direction;
        i.Nature = edit.Nature;
        i.Note = edit.Note;
        if (edit.SummaryFigure is not null || edit.ClearSummaryFigure) i.SummaryFigure = edit.SummaryFigure;
        if (edit.InSummaryAnnex is { } annex) i.InSummaryAnnex = annex;
        (await db.Directives.SingleAsync(x => x.Id == i.DirectiveId, ct)).PartsChanged();
        await SaveAsync(db, ct);
    }

    public async Task<Guid> AddIndicatorAsync(Guid directiveId, NewIndicator n, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(directiveId, ct);
        var d = await db.Directives.Include(x => x.TaskAreas).SingleOrDefaultAsync(x => x.Id == directiveId, ct) ?? throw new NotFoundException("Không tìm thấy văn bản.");
        if (string.IsNullOrWhiteSpace(n.Code) || string.IsNullOrWhiteSpace(n.Name)) throw ValidationFailedException.For("code", "Cần nhập mã và tên chỉ tiêu.");
        if (await db.Indicators.AnyAsync(i => i.DirectiveId == directiveId && i.Code == n.Code.Trim(), ct))
            throw ValidationFailedException.For("code", $"Đã có chỉ tiêu mã {n.Code}.");
        var area = n.TaskAreaNumber is { } num ? d.TaskAreas.FirstOrDefault(t => t.Number == num) : null;
        Indicator indicator;
        try
        {
            indicator = new Indicator(d, area, n.Code.Trim(), n.Name.Trim(), n.Unit, n.Aggregation, n.Direction, n.Nature)
            {
                SortOrder = await db.Indicators.Where(i => i.DirectiveId == directiveId).MaxAsync(i => (int?)i.SortOrder, ct) + 1 ?? 1,
            };
        }
        catch (DomainException ex)
        {
            throw ValidationFailedException.For("unit", ex.Message);
        }
        db.Indicators.Add(indicator);
        d.PartsChanged();
        await SaveAsync(db, ct);
        return indicator.Id;
    }

    public async Task AddTargetAsync(Guid indicatorId, TargetEdit t, CancellationToken ct = default)
    {
        await using var db = await OpenForIndicatorAsync(indicatorId, ct);
        var i = await db.Indicators.Include(x => x.Targets).SingleOrDefaultAsync(x => x.Id == indicatorId, ct) ?? throw new NotFoundException("Không tìm thấy chỉ tiêu.");
        try
        {
            db.IndicatorTargets.Add(i.AddTarget(t.Year, t.Value, string.IsNullOrWhiteSpace(t.Source) ? null : t.Source.Trim(), t.Description));
        }
        catch (DomainException ex)
        {
            throw ValidationFailedException.For("year", ex.Message);
        }
        await SaveAsync(db, ct);
    }

    public async Task RemoveTargetAsync(Guid indicatorId, Guid targetId, CancellationToken ct = default)
    {
        await using var db = await OpenForIndicatorAsync(indicatorId, ct);
        var i = await db.Indicators.Include(x => x.Targets).SingleOrDefaultAsync(x => x.Id == indicatorId, ct) ?? throw new NotFoundException("Không tìm thấy chỉ tiêu.");
        if (i.Targets.All(t => t.Id != targetId)) throw new NotFoundException("Không tìm thấy mục tiêu.");
        i.RemoveTarget(targetId);
        await SaveAsync(db, ct);
    }

    public async Task SetAssignmentRoleAsync(Guid assignmentId, AssignmentRole role, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var directiveId = await db.Assignments.Where(a => a.Id == assignmentId).Select(a => (Guid?)a.DirectiveId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Không tìm thấy phân công.");
        await RequireEditorAsync(db, scope, directiveId, ct);
        var a = await db.Assignments.SingleOrDefaultAsync(x => x.Id == assignmentId, ct) ?? throw new NotFoundException("Không tìm thấy phân công.");
        db.Entry(a).Property(x => x.Role).CurrentValue = role; // Role has a private setter: the edit is the administrator's correction
        await SaveAsync(db, ct);
    }

    private async Task<AppDbContext> OpenAsync(Guid directiveId, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireEditorAsync(db, scope, directiveId, ct);
        return db;
    }

    private async Task<AppDbContext> OpenForIndicatorAsync(Guid indicatorId, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        var db = await dbFactory.CreateDbContextAsync(ct);
        var directiveId = await db.Indicators.Where(i => i.Id == indicatorId).Select(i => (Guid?)i.DirectiveId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Không tìm thấy chỉ tiêu.");
        await RequireEditorAsync(db, scope, directiveId, ct);
        return db;
    }

    /// <summary>The national roles edit any document; a reviewer the documents their own committee issued.</summary>
    private static async Task RequireEditorAsync(AppDbContext db, UserScope scope, Guid directiveId, CancellationToken ct)
    {
        var document = await db.Directives.AsNoTracking().VisibleAsync(scope, directiveId, ct);
        if (!scope.CanEditDocument(document.IssuerUnitId)) throw new ForbiddenException("Bạn không có quyền sửa văn bản này.");
    }

    private static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
    }
}
