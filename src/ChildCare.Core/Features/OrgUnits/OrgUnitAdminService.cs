using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.OrgUnits;

public sealed record CreateOrgUnitRequest(string? Code, string? Name, string? ShortName, OrgUnitKind? Kind, Guid? ParentId, DateOnly? ValidFrom, string? Note);

/// <summary>A dated rename (a new code, name or short name from <c>From</c>).</summary>
public sealed record RenameOrgUnitRequest(string? Code, string? Name, string? ShortName, DateOnly? From);

public sealed record MoveOrgUnitRequest(Guid? ParentId, DateOnly? From);

/// <summary>What happens to the unit's open reports when it closes.</summary>
public enum OpenReportsAction
{
    /// <summary>They stay with the closed unit: reviewers still accept or return them for the periods it lived through.</summary>
    Keep,

    /// <summary>Those of periods ending after its last day go to the successor.</summary>
    Transfer,
}

/// <summary>
/// Closing a unit: its last day, optionally the unit that continues it, and — when it has any — where its
/// users go and what happens to its open reports. Nothing is decided silently.
/// </summary>
public sealed record CloseOrgUnitRequest(DateOnly? LastDay, Guid? SuccessorId, Guid? MoveUsersTo, bool? KeepUsers, OpenReportsAction? OpenReports);

/// <summary>Org-unit administration, one unit at a time (administrators). Every change is audited by the interceptor.</summary>
public sealed class OrgUnitAdminService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time, OrgTreeCache treeCache,
    Live.LiveEvents live)
{
    private DateOnly Today => Deadlines.TodayInVietnam(time.GetUtcNow());

    public async Task<Guid> CreateAsync(CreateOrgUnitRequest request, CancellationToken ct = default)
    {
        (await scopes.CurrentAsync(ct)).RequirePolicy(Policies.Administer);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Code)) errors["code"] = ["Nhập mã đơn vị."];
        else if (request.Code.Trim().Length > 40) errors["code"] = ["Mã đơn vị tối đa 40 ký tự."];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["Nhập tên đơn vị."];
        else if (request.Name.Trim().Length > 300) errors["name"] = ["Tên đơn vị tối đa 300 ký tự."];
        if (request.ShortName?.Trim().Length > 200) errors["shortName"] = ["Tên ngắn tối đa 200 ký tự."];
        if (request.Kind is null) errors["kind"] = ["Chọn loại đơn vị."];
        if (request.ParentId is null) errors["parentId"] = ["Chọn đơn vị cấp trên."];
        if (request.Note?.Length > 1000) errors["note"] = ["Ghi chú tối đa 1.000 ký tự."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        var from = request.ValidFrom ?? Today;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var parent = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == request.ParentId, ct)
            ?? throw ValidationFailedException.For("parentId", "Không tìm thấy đơn vị cấp trên.");
        if (!parent.ExistsOn(from)) throw ValidationFailedException.For("parentId", $"{parent.Name} không hoạt động vào ngày {from:dd/MM/yyyy}.");
        await RequireFreeCodeAsync(db, request.Code!.Trim(), from, null, null, ct);
        var unit = new OrgUnit(request.Code!, request.Name!, request.Kind!.Value, parent, request.ShortName, from, null, request.Note);
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync(ct);
        treeCache.Changed();
        await live.PublishAsync(new Live.LiveEvent(Live.LiveEventKind.TreeChanged), ct); // and every other instance's
        return unit.Id;
    }

    public async Task RenameAsync(Guid id, RenameOrgUnitRequest request, CancellationToken ct = default)
    {
        (await scopes.CurrentAsync(ct)).RequirePolicy(Policies.Administer);
        var from = request.From ?? Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await LoadAsync(db, id, ct);
        var current = unit.VersionOn(from) ?? throw ValidationFailedException.For("from", $"{unit.Name} không hoạt động vào ngày {from:dd/MM/yyyy}.");
        var code = string.IsNullOrWhiteSpace(request.Code) ? current.Code : request.Code.Trim();
        var name = string.IsNullOrWhiteSpace(request.Name) ? current.Name : request.Name.Trim();
        if (name.Length > 300) throw ValidationFailedException.For("name", "Tên đơn vị tối đa 300 ký tự.");
        if (code.Length > 40) throw ValidationFailedException.For("code", "Mã đơn vị tối đa 40 ký tự.");
        if (code != current.Code) await RequireFreeCodeAsync(db, code, from, current.ValidTo, id, ct);
        var parent = current.ParentId is { } p ? await db.OrgUnits.SingleAsync(u => u.Id == p, ct) : null;
        AsFieldError("from", () => unit.ChangeFrom(from, code, name, request.ShortName ?? current.ShortName, current.Kind, parent));
        await SaveAsync(db, ct);
    }

    public async Task MoveAsync(Guid id, MoveOrgUnitRequest request, CancellationToken ct = default)
    {
        (await scopes.CurrentAsync(ct)).RequirePolicy(Policies.Administer);
        var from = request.From ?? Today;
        if (request.ParentId is null) throw ValidationFailedException.For("parentId", "Chọn đơn vị cấp trên mới.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await ReorganisationService.LoadTreeAsync(db, tracking: true, ct);
        var unit = units.SingleOrDefault(u => u.Id == id) ?? throw new NotFoundException("Không tìm thấy đơn vị.");
        var parent = units.SingleOrDefault(u => u.Id == request.ParentId) ?? throw ValidationFailedException.For("parentId", "Không tìm thấy đơn vị cấp trên.");
        var current = unit.VersionOn(from) ?? throw ValidationFailedException.For("from", $"{unit.Name} không hoạt động vào ngày {from:dd/MM/yyyy}.");
        if (current.ParentId == parent.Id) throw ValidationFailedException.For("parentId", $"{unit.Name} đã trực thuộc {parent.Name}.");
        AsFieldError("parentId", () => unit.ChangeFrom(from, current.Code, current.Name, current.ShortName, current.Kind, parent));
        // Everything under it now sits under the new parent too (for scopes across time).
        OrgUnit.RecomputeAncestors(units);
        await SaveAsync(db, ct);
    }

    public async Task CloseAsync(Guid id, CloseOrgUnitRequest request, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.Administer);
        if (request.LastDay is not { } lastDay) throw ValidationFailedException.For("lastDay", "Nhập ngày cuối cùng đơn vị hoạt động.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var unit = await LoadAsync(db, id, ct);
        if (unit.ValidTo is { } end && end <= lastDay) throw ValidationFailedException.For("lastDay", $"{unit.Name} đã kết thúc từ {end:dd/MM/yyyy}.");
        var openChildren = await db.OrgUnitVersions.ValidOn(lastDay.AddDays(1)).Where(v => v.ParentId == id).Select(v => v.Name).Take(3).ToListAsync(ct);
        if (openChildren.Count > 0)
            throw ValidationFailedException.For("lastDay", $"Còn đơn vị trực thuộc hoạt động sau ngày này ({string.Join(", ", openChildren)}): hãy chuyển hoặc kết thúc trước.");
        OrgUnit? successor = null;
        if (request.SuccessorId is { } sid)
        {
            successor = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == sid, ct) ?? throw ValidationFailedException.For("successorId", "Không tìm thấy đơn vị kế thừa.");
            if (!successor.ExistsOn(lastDay.AddDays(1)))
                throw ValidationFailedException.For("successorId", $"{successor.Name} không hoạt động từ {lastDay.AddDays(1):dd/MM/yyyy}.");
        }

        var users = await db.Users.Where(u => u.OrgUnitId == id).ToListAsync(ct);
        if (users.Count > 0)
        {
            if (request.MoveUsersTo is { } to)
            {
                var target = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == to, ct) ?? throw ValidationFailedException.For("moveUsersTo", "Không tìm thấy đơn vị.");
                if (!target.ExistsOn(lastDay.AddDays(1))) throw ValidationFailedException.For("moveUsersTo", $"{target.Name} không hoạt động sau ngày này.");
                foreach (var user in users) user.OrgUnitId = to;
            }
            else if (request.KeepUsers != true)
                throw ValidationFailedException.For("moveUsersTo",
                    $"Đơn vị có {users.Count} tài khoản: chọn đơn vị chuyển đến, hoặc giữ tài khoản ở đơn vị cũ để xem lịch sử (keepUsers).");
        }

        var open = await db.ProgressReports.Include(r => r.Period)
            .Where(r => r.OrgUnitId == id && r.Status != ReportStatus.Accepted).ToListAsync(ct);
        if (open.Count > 0)
        {
            if (request.OpenReports is null)
                throw ValidationFailedException.For("openReports",
                    $"Đơn vị có {open.Count} báo cáo chưa được chấp nhận: chọn giữ lại (Keep) hoặc chuyển cho đơn vị kế thừa (Transfer).");
            if (request.OpenReports == OpenReportsAction.Transfer)
            {
                if (successor is null) throw ValidationFailedException.For("successorId", "Chuyển báo cáo cần đơn vị kế thừa.");
                foreach (var report in open.Where(r => r.Period.EndsOn > lastDay))
                {
                    if (await db.ProgressReports.AnyAsync(r => r.OrgUnitId == successor.Id && r.PeriodId == report.PeriodId && r.DirectiveId == report.DirectiveId, ct))
                        throw ValidationFailedException.For("openReports", $"{successor.Name} đã có báo cáo {report.Period.Name}.");
                    report.TransferTo(successor);
                }
            }
        }
        AsFieldError("lastDay", () => unit.CloseAfter(lastDay));
        if (successor is not null) db.OrgUnitSuccessions.Add(unit.SucceededBy(successor, lastDay.AddDays(1), SuccessionMapping.Whole));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        treeCache.Changed();
        await live.PublishAsync(new Live.LiveEvent(Live.LiveEventKind.TreeChanged), ct); // and every other instance's
    }

    private static async Task<OrgUnit> LoadAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        await db.OrgUnits.Include(u => u.Versions).SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy đơn vị.");

    private async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        treeCache.Changed();
        await live.PublishAsync(new Live.LiveEvent(Live.LiveEventKind.TreeChanged), ct); // and every other instance's
    }

    /// <summary>A rule the entity refuses is bad input here: a 400 on the field, not a 409.</summary>
    private static void AsFieldError(string field, Action change)
    {
        try
        {
            change();
        }
        catch (DomainException ex)
        {
            throw ValidationFailedException.For(field, ex.Message);
        }
    }

    /// <summary>A code is unique among the units valid on any one day.</summary>
    private static async Task RequireFreeCodeAsync(AppDbContext db, string code, DateOnly from, DateOnly? to, Guid? self, CancellationToken ct)
    {
        var clash = await db.OrgUnitVersions.Where(v => v.Code == code && v.OrgUnitId != self
                && (v.ValidTo == null || v.ValidTo >= from) && (to == null || v.ValidFrom == null || v.ValidFrom <= to))
            .Select(v => v.Name).FirstOrDefaultAsync(ct);
        if (clash is not null) throw ValidationFailedException.For("code", $"Mã «{code}» đang được {clash} sử dụng trong thời gian này.");
    }
}
