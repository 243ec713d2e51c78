using System.Globalization;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.OrgUnits;

public sealed record ReorganisationRequest(string? Name, string? LegalBasis, DateOnly? EffectiveOn, IReadOnlyList<ReorganisationRow>? Rows);

public sealed record UserMove(Guid UserId, Guid? OrgUnitId);

public sealed record ApplyReorganisationRequest(IReadOnlyList<UserMove>? UserMoves);

public sealed record ReorganisationListItem(Guid Id, string Name, string? LegalBasis, DateOnly EffectiveOn, ReorganisationStatus Status,
    int Rows, ReorganisationSummary? Summary, DateTimeOffset CreatedAt, DateTimeOffset? AppliedAt, bool IsSeed);

public sealed record LevelChange(OrgUnitKind Kind, int Created, int Closed);

public sealed record UnitRef(Guid Id, string Code, string Name);

public sealed record AffectedUser(Guid UserId, string Email, string FullName, UnitRef From, UnitRef? Proposed);

public sealed record ExpectedChange(string DirectiveCode, string ParentName, string PeriodCode, int Before, int After);

public sealed record ReorganisationDetails(Guid Id, string Name, string? LegalBasis, DateOnly EffectiveOn, ReorganisationStatus Status,
    ReorganisationSummary Summary, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, IReadOnlyList<LevelChange> Levels,
    IReadOnlyList<UnitRef> CreatedUnits, IReadOnlyList<UnitRef> ClosedUnits, IReadOnlyList<AffectedUser> Users, IReadOnlyList<ExpectedChange> Expected,
    IReadOnlyList<ReorganisationRow> Rows, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? AppliedAt, string? AppliedBy,
    DateTimeOffset? RevertedAt, string? RevertedBy, bool CanApply, bool CanRevert);
