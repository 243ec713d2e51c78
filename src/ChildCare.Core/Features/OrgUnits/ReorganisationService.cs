using System.Globalization;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.OrgUnits;

/// <summary>
/// Reorganisations of the org tree, for administrators: draft (JSON rows or a CSV), preview, apply in
/// one transaction, undo while not yet in force. The seed applies the 2025 reform through
/// <see cref="ApplyAsync(AppDbContext, Reorganisation, Actor, DateTimeOffset, IReadOnlyList{UserMove}?, CancellationToken)"/> too.
/// </summary>
public sealed class ReorganisationService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time, OrgTreeCache treeCache,
    Live.LiveEvents live)
{
    /// <summary>How many coming quarters the preview counts reporters for.</summary>
    public const int PreviewPeriods = 4;

    public async Task<IReadOnlyList<ReorganisationListItem>> ListAsync(CancellationToken ct = default)
    {
        (await scopes.CurrentAsync(ct)).RequirePolicy(Policies.Administer);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await db.Reorganisations.AsNoTracking().OrderByDescending(r => r.EffectiveOn).ThenByDescending(r => r.CreatedAt).ToListAsync(ct);
        return list.Select(r => new ReorganisationListItem(r.Id, r.Name, r.LegalBasis, r.EffectiveOn, r.Status, r.Rows.Count, r.Summary,
            r.CreatedAt, r.AppliedAt, r.SeedKey is not null)).ToList();
    }

    public async Task<ReorganisationDetails> CreateAsync(ReorganisationRequest request, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.Administer);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["Nhập tên phương án sắp xếp."];
        else if (request.Name.Trim().Length > 300) errors["name"] = ["Tên phương án tối đa 300 ký tự."];
        if (request.LegalBasis?.Trim().Length > 500) errors["legalBasis"] = ["Căn cứ pháp lý tối đa 500 ký tự."];
        if (request.EffectiveOn is null) errors["effectiveOn"] = ["Nhập ngày hiệu lực (yyyy-MM-dd)."];
        if (request.Rows is not { Count: > 0 }) errors["rows"] = ["Phương án cần ít nhất một dòng."];
        else if (request.Rows.Any(r => r is null)) errors["rows"] = ["Phương án có dòng trống (null)."];
        // The bounds are read from the rows alone, before the tree is loaded: an oversized package costs nothing.
        else if (ReorganisationLimits.Check(request.Rows) is [_, ..] limits) errors["rows"] = [.. limits];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        // The rows are kept as JSON (no column for the write guard to clean): the same text rule, applied here.
        var rows = request.Rows!.Select(CleanRow).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await LoadTreeAsync(db, tracking: false, ct);
        var plan = ReorganisationPlan.Build(request.EffectiveOn!.Value, rows, units);
        if (!plan.IsValid) throw new ValidationFailedException(new Dictionary<string, string[]> { ["rows"] = [.. plan.Errors.Take(50)] });
        var reorganisation = new Reorganisation(request.Name!, request.LegalBasis, request.EffectiveOn.Value, rows, scope.Actor, time.GetUtcNow());
        var details = await ReorganisationPreview.BuildAsync(db, reorganisation, units, plan, ct);
        reorganisation.Summary = details.Summary;
        db.Reorganisations.Add(reorganisation);
        await db.SaveChangesAsync(ct);
        return details;
    }

    private static ReorganisationRow CleanRow(ReorganisationRow r)
    {
        static string? One(string? s) => s is null ? null : TextInput.Clean(s, singleLine: true).Trim();
        return r with
        {
            OldCode = One(r.OldCode),
            NewCode = One(r.NewCode) ?? "",
            NewName = One(r.NewName),
            NewParentCode = One(r.NewParentCode),
            NewShortName = One(r.NewShortName)
        };
    }

    public async Task<ReorganisationDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        (await scopes.CurrentAsync(ct)).RequirePolicy(Policies.Administer);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Reorganisations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy phương án sắp xếp.");
        if (r.Status != ReorganisationStatus.Draft) return Recorded(r);
        var units = await LoadTreeAsync(db, tracking: false, ct);
        return await ReorganisationPreview.BuildAsync(db, r, units, ReorganisationPlan.Build(r.EffectiveOn, r.Rows, units), ct);
    }

    public async Task<ReorganisationDetails> ApplyAsync(Guid id, ApplyReorganisationRequest? request, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.Administer);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var r = await db.Reorganisations.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy phương án sắp xếp.");
            await ApplyAsync(db, r, scope.Actor, time.GetUtcNow(), request?.UserMoves, ct);
        }
        treeCache.Changed();
        await live.PublishAsync(new Live.LiveEvent(Live.LiveEventKind.TreeChanged), ct); // and every other instance's
        return await GetAsync(id, ct);
    }

    public async Task<ReorganisationDetails> RevertAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        scope.RequirePolicy(Policies.Administer);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var r = await db.Reorganisations.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy phương án sắp xếp.");
            var undo = r.Undo;
            r.MarkReverted(scope.Actor, time.GetUtcNow(), Deadlines.TodayInVietnam(time.GetUtcNow()));
            if (undo is null) throw new DomainException("Không còn thông tin để hủy phương án này.");
            var created = undo.CreatedUnitIds;
            if (await db.ProgressReports.AnyAsync(x => created.Contains(x.OrgUnitId), ct))
                throw new DomainException("Đơn vị mới của phương án đã có báo cáo; không thể hủy.");
            var movedUsers = undo.Users.Keys.ToList();
            if (await db.Users.AnyAsync(u => created.Contains(u.OrgUnitId) && !movedUsers.Contains(u.Id), ct))
                throw new DomainException("Đã có tài khoản được gán vào đơn vị mới của phương án; hãy chuyển các tài khoản đó trước khi hủy.");

            await db.OrgUnitSuccessions.Where(s => s.ReorganisationId == r.Id).ExecuteDeleteAsync(ct);
            // Loaded and saved in one batch (and audited), not one statement per user.
            var userIds = undo.Users.Keys.ToList();
            foreach (var user in await db.Users.Where(u => userIds.Contains(u.Id)).ToListAsync(ct))
                user.OrgUnitId = undo.Users[user.Id];
            var assignmentIds = undo.Assignments.Keys.ToList();
            var assignments = await db.Assignments.Where(a => assignmentIds.Contains(a.Id)).ToListAsync(ct);
            foreach (var a in assignments) a.PassTo(undo.Assignments[a.Id]);
            var issuerIds = undo.Issuers.Keys.ToList();
            var issued = await db.Directives.Where(d => issuerIds.Contains(d.Id)).ToListAsync(ct);
            foreach (var d in issued) d.PassIssuerTo(undo.Issuers[d.Id]);
            await db.SaveChangesAsync(ct);

            var units = await LoadTreeAsync(db, tracking: true, ct);
            var byId = units.ToDictionary(u => u.Id);
            foreach (var (unitId, snapshot) in undo.Units)
                if (byId.TryGetValue(unitId, out var unit)) unit.RestoreVersions(snapshot, pid => pid is { } p ? byId.GetValueOrDefault(p) : null);
            var createdIds = created.ToHashSet();
            var doomed = units.Where(u => createdIds.Contains(u.Id)).ToList();
            // Children before parents: a created unit may sit under another created unit.
            foreach (var u in doomed.OrderByDescending(u => u.Depth)) db.OrgUnits.Remove(u);
            OrgUnit.RecomputeAncestors(units.Except(doomed).ToList());
            await SaveManyAsync(db, ct);
            await tx.CommitAsync(ct);
        }
        treeCache.Changed();
        await live.PublishAsync(new Live.LiveEvent(Live.LiveEventKind.TreeChanged), ct); // and every other instance's
        return await GetAsync(id, ct);
    }

    public async Task DeleteDraftAsync(Guid id, CancellationToken ct = default)
    {
        (await scopes.CurrentAsync(ct)).RequirePolicy(Policies.Administer);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Reorganisations.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy phương án sắp xếp.");
        if (r.Status != ReorganisationStatus.Draft) throw new DomainException("Chỉ xóa được phương án chưa áp dụng.");
        db.Reorganisations.Remove(r);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Applies a reorganisation to the tree in one transaction: units created, closed, renamed and moved,
    /// successions recorded, the closed units' assignments handed to their heirs, and their users moved
    /// where the heir is unambiguous (or as <paramref name="userMoves"/> says). Users of a unit split
    /// several ways stay on it (they keep reading its history) until an administrator moves them.
    /// </summary>
    public static async Task<ReorganisationSummary> ApplyAsync(AppDbContext db, Reorganisation r, Actor actor, DateTimeOffset now,
        IReadOnlyList<UserMove>? userMoves, CancellationToken ct)
    {
        if (r.Status != ReorganisationStatus.Draft) throw new DomainException("Phương án này đã được áp dụng hoặc đã hủy.");
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var units = await LoadTreeAsync(db, tracking: true, ct);
        var plan = ReorganisationPlan.Build(r.EffectiveOn, r.Rows, units);
        if (!plan.IsValid) throw new ValidationFailedException(new Dictionary<string, string[]> { ["rows"] = [.. plan.Errors.Take(50)] });
        var closingIds = plan.Closing.Select(u => u.Id).ToList();
        var openReports = await OpenReportsAsync(db, closingIds, ct);
        var result = plan.Apply(r.Id, units);
        db.OrgUnits.AddRange(result.Created);

        var undo = result.Undo;
        var assignments = await db.Assignments.Where(a => a.OrgUnitId != null && closingIds.Contains(a.OrgUnitId.Value)).ToListAsync(ct);
        foreach (var a in assignments)
            if (plan.Heirs.TryGetValue(a.OrgUnitId!.Value, out var code) && result.ByNewCode.TryGetValue(code, out var heir))
            {
                undo.Assignments[a.Id] = a.OrgUnitId;
                a.PassTo(heir.Id);
            }
        // A closed committee's own documents (its plan) go to the unit that took it over, and are tracked there.
        var documents = await db.Directives.Where(d => d.IssuerUnitId != null && closingIds.Contains(d.IssuerUnitId.Value)).ToListAsync(ct);
        foreach (var d in documents)
            if (plan.Heirs.TryGetValue(d.IssuerUnitId!.Value, out var code) && result.ByNewCode.TryGetValue(code, out var heir))
            {
                undo.Issuers[d.Id] = d.IssuerUnitId.Value;
                d.PassIssuerTo(heir.Id);
            }
        var users = await db.Users.Where(u => closingIds.Contains(u.OrgUnitId)).ToListAsync(ct);
        var moves = (userMoves ?? []).ToDictionary(m => m.UserId, m => m.OrgUnitId);
        var known = units.Concat(result.Created).ToDictionary(u => u.Id);
        foreach (var user in users)
        {
            Guid? target = moves.TryGetValue(user.Id, out var chosen) ? chosen
                : plan.Heirs.TryGetValue(user.OrgUnitId, out var code) && result.ByNewCode.TryGetValue(code, out var heir) ? heir.Id : null;
            if (target is not { } to || to == user.OrgUnitId) continue;
            if (!known.TryGetValue(to, out var unit) || !unit.ExistsOn(r.EffectiveOn))
                throw ValidationFailedException.For("userMoves", $"Đơn vị chuyển đến của {user.Email} không hoạt động từ {r.EffectiveOn:dd/MM/yyyy}.");
            undo.Users[user.Id] = user.OrgUnitId;
            user.OrgUnitId = to;
        }
        var summary = new ReorganisationSummary(plan.Creations.Count, plan.Closing.Count, plan.Renamed, plan.Moved, users.Count, openReports);
        r.MarkApplied(actor, now, undo, summary);
        await SaveManyAsync(db, ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return summary;
    }

    /// <summary>
    /// Saves the tens of thousands of rows of a big reorganisation. <see cref="BeforeSaveInterceptor"/> detects the
    /// changes once for the write guard and the audit; EF would then detect them all again, over every tracked unit,
    /// version and the audit rows just added, for nothing.
    /// </summary>
    private static async Task SaveManyAsync(AppDbContext db, CancellationToken ct)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>Reports of the closing units not yet accepted: someone still has to finish or review them.</summary>
    internal static Task<int> OpenReportsAsync(AppDbContext db, List<Guid> closingIds, CancellationToken ct) =>
        db.ProgressReports.CountAsync(x => closingIds.Contains(x.OrgUnitId) && x.Status != ReportStatus.Accepted, ct);

    internal static Task<List<OrgUnit>> LoadTreeAsync(AppDbContext db, bool tracking, CancellationToken ct)
    {
        var query = db.OrgUnits.Include(u => u.Versions).AsSplitQuery();
        return (tracking ? query : query.AsNoTrackingWithIdentityResolution()).ToListAsync(ct);
    }

    private ReorganisationDetails Recorded(Reorganisation r)
    {
        var today = Deadlines.TodayInVietnam(time.GetUtcNow());
        return new ReorganisationDetails(r.Id, r.Name, r.LegalBasis, r.EffectiveOn, r.Status, r.Summary ?? new(0, 0, 0, 0, 0, 0), [], [], [], [], [], [], [],
            r.Rows, r.CreatedAt, r.CreatedBy, r.AppliedAt, r.AppliedBy, r.RevertedAt, r.RevertedBy, CanApply: false,
            CanRevert: r.Status == ReorganisationStatus.Applied && r.EffectiveOn > today);
    }
}
