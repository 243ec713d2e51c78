using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Signing;

/// <summary>
/// Whether a report must be signed, and by whom — the one place the rule lives (issue 19). A unit with a leader account
/// sends its reports to the leader to sign ("Trình ký"); a document may require signed reports from a period on
/// (<see cref="Directive.RequiresSignatureFrom"/>), and then a unit without a leader cannot submit at all. Either way
/// the level above cannot accept an unsigned report.
/// </summary>
public sealed record SigningDemand(IReadOnlyList<SignerIdentity> Leaders, DateOnly? RequiredFrom, string DocumentCode)
{
    public static readonly SigningDemand None = new([], null, "");

    public bool HasLeader => Leaders.Count > 0;

    /// <summary>The level above expects the report signed: accepting an unsigned one is refused.</summary>
    public bool SignatureExpected => HasLeader || RequiredFrom is not null;

    /// <summary>Why the office cannot submit unsigned, or null when it can (the unit has a leader to sign, or nothing requires one).</summary>
    public string? UnsignedRefusal(string unitName) => RequiredFrom is { } from && !HasLeader
        ? $"Văn bản {DocumentCode} yêu cầu báo cáo có chữ ký số của lãnh đạo đơn vị từ kỳ bắt đầu ngày {from:dd/MM/yyyy}, "
          + $"nhưng {unitName} chưa có tài khoản “Lãnh đạo đơn vị” trên cổng: hãy đề nghị quản trị đơn vị tạo tài khoản cho lãnh đạo, rồi trình ký."
        : null;

    /// <summary>The rule for a loaded report (its directive and period loaded with it).</summary>
    public static async Task<SigningDemand> ForAsync(AppDbContext db, ProgressReport report, CancellationToken ct) =>
        new(await LeadersAsync(db, report.OrgUnitId, ct),
            report.Directive.RequiresSignatureFor(report.Period) ? report.Directive.RequiresSignatureFrom : null, report.Directive.Code);

    /// <summary>The unit's enabled leader accounts: who may sign its reports.</summary>
    public static Task<List<SignerIdentity>> LeadersAsync(AppDbContext db, Guid unitId, CancellationToken ct) =>
        (from u in db.Users.AsNoTracking()
         where u.OrgUnitId == unitId && !u.IsDisabled
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Roles.UnitLeader
         select new SignerIdentity(u.Email!, u.FullName)).ToListAsync(ct);
}
