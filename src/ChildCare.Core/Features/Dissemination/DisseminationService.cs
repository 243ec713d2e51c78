using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Dissemination;

public sealed record ReceiptRequest(Guid OrgUnitId, string IncomingNumber, DateOnly ReceivedOn, string FromBody, string? Note);

public sealed record CopyRequest(Guid OrgUnitId, string Number, DateOnly IssuedOn, string Signer, string? SignerTitle,
    IReadOnlyList<Guid>? RecipientOrgUnitIds, IReadOnlyList<string>? OtherRecipients);

public enum ReachState
{
    NotReached,
    Sent,
    Received,
    Acknowledged,
}

public sealed record DisseminationRow(Guid OrgUnitId, string Code, string Name, OrgUnitKind Kind, int Depth, bool HasChildren, ReachState State,
    string? IncomingNumber, DateOnly? ReceivedOn, DateTimeOffset? AcknowledgedAt, string? SentBy, string? CopyNumber, DateOnly? SentOn,
    int? DaysFromIssue, IReadOnlyList<CopySummary> CopiesIssued, IReadOnlyList<PendingAcknowledgement> Pending);

public sealed record CopySummary(Guid Id, string Number, DateOnly IssuedOn, string Signer, int Recipients, int Acknowledged, IReadOnlyList<string> OtherRecipients);

public sealed record PendingAcknowledgement(Guid RecipientId, string CopyNumber, string FromUnit, DateOnly SentOn);

public sealed record DisseminationView(Guid DirectiveId, string DirectiveCode, DateOnly IssuedOn, Guid RootId, string RootName, int Units, int Reached,
    double Coverage, IReadOnlyList<DisseminationRow> Rows);

/// <summary>
/// How a directive travels down the tree: each unit records its receipt (incoming number), issues
/// certified copies to the units below, and recipients acknowledge in the portal. The view shows, for a
/// scope, who has it, since when, how long each step took, and who has not been reached.
/// </summary>
public sealed class DisseminationService(IDbContextFactory<AppDbContext> dbFactory, ScopeResolver scopes, TimeProvider time)
{
    /// <summary>How many levels below the chosen unit the view lists (the nation would be 10,000 rows).</summary>
    public const int Levels = 2;

    public async Task<DisseminationView> ViewAsync(Guid directiveId, Guid? rootId, CancellationToken ct = default, DateOnly? asOf = null)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var directive = await db.Directives.AsNoTracking().VisibleAsync(scope, directiveId, ct);
        var root = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == (rootId ?? scope.OrgUnitId), ct)
            ?? throw new NotFoundException("Không tìm thấy đơn vị.");
        scope.RequireSee(root);
        // The subtree across time: a directive of 2023 reached units that have since closed.
        var top = root.Id;
        var all = await db.OrgUnits.AsNoTracking().Where(u => u.Id == top || u.AncestorIds.Contains(top)).ToListAsync(ct);
        var byId = all.ToDictionary(u => u.Id);
        string TreeKey(OrgUnit u) => u.Id == top || u.ParentId is not { } p || !byId.TryGetValue(p, out var parent) ? u.Code : TreeKey(parent) + "/" + u.Code;
        // On a day, the units of that day; without one, every unit the subtree has had.
        var units = all.Where(u => u.Depth <= root.Depth + Levels && (asOf is not { } day || u.ExistsOn(day))).OrderBy(TreeKey, StringComparer.Ordinal).ToList();
        var ids = units.Select(u => u.Id).ToList();
        var receipts = await db.DirectiveReceipts.AsNoTracking().Where(r => r.DirectiveId == directiveId && ids.Contains(r.OrgUnitId)).ToListAsync(ct);
        var copies = await db.CertifiedCopies.AsNoTracking().Include(c => c.Recipients).Include(c => c.IssuedByOrgUnit)
            .Where(c => c.DirectiveId == directiveId).ToListAsync(ct);
        var addressed = copies.SelectMany(c => c.Recipients.Where(r => r.OrgUnitId != null).Select(r => (Copy: c, Recipient: r)))
            .GroupBy(x => x.Recipient.OrgUnitId!.Value).ToDictionary(g => g.Key, g => g.OrderBy(x => x.Copy.IssuedOn).ToList());

        var rows = units.Select(u =>
        {
            var receipt = receipts.Where(r => r.OrgUnitId == u.Id).OrderBy(r => r.ReceivedOn).FirstOrDefault();
            var sentTo = addressed.GetValueOrDefault(u.Id) ?? [];
            var first = sentTo.FirstOrDefault();
            var acknowledged = sentTo.Select(x => x.Recipient.AcknowledgedAt).Where(a => a is not null).Min();
            var state = acknowledged is not null ? ReachState.Acknowledged : receipt is not null ? ReachState.Received
                : sentTo.Count > 0 ? ReachState.Sent : ReachState.NotReached;
            DateOnly? reachedOn = receipt?.ReceivedOn ?? (acknowledged is { } a ? Deadlines.TodayInVietnam(a) : null);
            var issued = copies.Where(c => c.IssuedByOrgUnitId == u.Id).OrderBy(c => c.IssuedOn)
                .Select(c => new CopySummary(c.Id, c.Number, c.IssuedOn, c.Signer, c.Recipients.Count(r => r.OrgUnitId != null),
                    c.Recipients.Count(r => r.AcknowledgedAt != null), c.Recipients.Where(r => r.OrgUnitId == null).Select(r => r.Text).ToList()))
                .ToList();
            var pending = sentTo.Where(x => x.Recipient.AcknowledgedAt is null)
                .Select(x => new PendingAcknowledgement(x.Recipient.Id, x.Copy.Number, x.Copy.IssuedByOrgUnit.Name, x.Copy.IssuedOn)).ToList();
            return new DisseminationRow(u.Id, u.Code, u.Name, u.Kind, u.Depth - root.Depth, all.Any(c => c.ParentId == u.Id), state,
                receipt?.IncomingNumber, receipt?.ReceivedOn, acknowledged, first.Copy?.IssuedByOrgUnit.Name, first.Copy?.Number, first.Copy?.IssuedOn,
                reachedOn is { } on ? on.DayNumber - directive.IssuedOn.DayNumber : null, issued, pending);
        }).ToList();
        var below = rows.Where(r => r.Depth > 0).ToList();
        var reached = below.Count(r => r.State is ReachState.Received or ReachState.Acknowledged);
        return new DisseminationView(directive.Id, directive.Code, directive.IssuedOn, root.Id, root.Name, below.Count, reached,
            below.Count == 0 ? 0 : (double)reached / below.Count, rows);
    }

    public async Task RecordReceiptAsync(Guid directiveId, ReceiptRequest request, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await OwnUnitAsync(db, scope, request.OrgUnitId, ct);
        var directive = await db.Directives.VisibleAsync(scope, directiveId, ct);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.IncomingNumber)) errors["incomingNumber"] = ["Cần nhập số đến."];
        if (request.ReceivedOn > Deadlines.TodayInVietnam(time.GetUtcNow())) errors["receivedOn"] = ["Ngày đến không được sau hôm nay."];
        if (request.ReceivedOn < directive.IssuedOn) errors["receivedOn"] = [$"Ngày đến trước ngày ban hành {directive.IssuedOn:dd/MM/yyyy}: kiểm tra lại năm."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        db.DirectiveReceipts.Add(new DirectiveReceipt(directiveId, unit, request.IncomingNumber, request.ReceivedOn, request.FromBody?.Trim() ?? "", scope.Actor,
            time.GetUtcNow())
        { Note = request.Note });
        await db.SaveChangesAsync(ct);
    }

    public async Task<Guid> IssueCopyAsync(Guid directiveId, CopyRequest request, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await OwnUnitAsync(db, scope, request.OrgUnitId, ct);
        var directive = await db.Directives.VisibleAsync(scope, directiveId, ct);
        var ids = request.RecipientOrgUnitIds ?? [];
        var recipients = await db.OrgUnits.Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Number)) errors["number"] = ["Cần nhập số bản sao (ví dụ 131-BS/VPQU)."];
        if (string.IsNullOrWhiteSpace(request.Signer)) errors["signer"] = ["Cần nhập người ký."];
        if (request.IssuedOn < directive.IssuedOn) errors["issuedOn"] = ["Ngày sao lục trước ngày ban hành văn bản."];
        if (recipients.Count != ids.Count || recipients.Any(r => !r.AncestorIds.Contains(unit.Id) || r.Id == unit.Id))
            errors["recipientOrgUnitIds"] = ["Nơi nhận phải là đơn vị trực thuộc."];
        if (recipients.Count == 0 && (request.OtherRecipients ?? []).All(string.IsNullOrWhiteSpace)) errors["recipientOrgUnitIds"] = ["Cần chọn ít nhất một nơi nhận."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        var copy = new CertifiedCopy(directiveId, unit, request.Number, request.IssuedOn, request.Signer.Trim(), request.SignerTitle);
        foreach (var r in recipients.OrderBy(r => r.Code)) copy.AddRecipient(r.Name, r);
        foreach (var text in (request.OtherRecipients ?? []).Where(t => !string.IsNullOrWhiteSpace(t))) copy.AddRecipient(text);
        db.CertifiedCopies.Add(copy);
        await db.SaveChangesAsync(ct);
        return copy.Id;
    }

    public async Task AcknowledgeAsync(Guid recipientId, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recipient = await db.CopyRecipients.SingleOrDefaultAsync(r => r.Id == recipientId, ct) ?? throw new NotFoundException("Không tìm thấy nơi nhận.");
        if (recipient.OrgUnitId != scope.OrgUnitId) throw new ForbiddenException("Chỉ đơn vị nhận mới xác nhận được.");
        recipient.Acknowledge(scope.Actor, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A unit records its own registry: its staff, or an administrator.</summary>
    private static async Task<OrgUnit> OwnUnitAsync(AppDbContext db, UserScope scope, Guid unitId, CancellationToken ct)
    {
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == unitId, ct) ?? throw ValidationFailedException.For("orgUnitId", "Không tìm thấy đơn vị.");
        if (unit.Id != scope.OrgUnitId && !scope.ReachesEveryUnit)
            throw new ForbiddenException("Chỉ văn phòng của đơn vị mới ghi sổ văn bản của đơn vị.");
        return unit;
    }
}
