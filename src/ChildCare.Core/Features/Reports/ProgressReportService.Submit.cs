using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Reports;

/// <summary>Submitting a report: on its own (the API), or with the form's content in one command (the page).</summary>
public sealed partial class ProgressReportService
{
    /// <summary>Sends the report up. A report already submitted is left as it is: a double click or a retry submits once.</summary>
    public async Task<ReportDetails> SubmitAsync(Guid id, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await ReportStore.LoadContentAsync(db, id, tracking: true, ct);
        ReportAccess.RequireWrite(scope, report);
        var parts = await directiveParts.GetAsync(db, report.Directive, ct);
        if (report.Status is ReportStatus.Submitted or ReportStatus.AwaitingSignature) return await ReportStore.ToDetailsAsync(db, scope, report, parts, ct);
        await SubmitLoadedAsync(db, scope, report, parts, ct);
        try
        {
            await ReportStore.SaveAsync(db, report, report.Version, ct);
        }
        catch (ConcurrencyConflictException)
        {
            // Another request changed it first; if that was this same submission, the result is what was asked.
            var now = await GetAsync(id, ct);
            if (now.Status is ReportStatus.Submitted or ReportStatus.AwaitingSignature) return now;
            throw;
        }
        await live.ReportChangedAsync(report, ct);
        return await ReportStore.ToDetailsAsync(db, scope, report, parts, ct);
    }

    /// <summary>
    /// "Gửi báo cáo" on the form: what the form holds is saved and the report submitted (or sent to the leader to
    /// sign) as one command — one load, one transaction; either both happen or neither.
    /// </summary>
    public async Task<ReportDetails> SaveAndSubmitAsync(Guid id, SaveReportRequest request, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (report, hasDraft) = await ReportStore.LoadForSaveAsync(db, id, scope.UserId, ct);
        ReportAccess.RequireWrite(scope, report);
        var parts = await directiveParts.GetAsync(db, report.Directive, ct);
        Apply(report, parts, request);
        await SubmitLoadedAsync(db, scope, report, parts, ct);
        ReportStore.DropDraft(db, report, scope.UserId, hasDraft);
        await ReportStore.SaveAsync(db, report, request.Version, ct);
        await live.ReportChangedAsync(report, ct);
        return await ReportStore.ToDetailsAsync(db, scope, report, parts, ct);
    }

    /// <summary>Submits a loaded, tracked report (complete, signed as its document demands); the caller saves.</summary>
    private async Task SubmitLoadedAsync(AppDbContext db, UserScope scope, ProgressReport report, DirectiveParts parts,
        CancellationToken ct)
    {
        if (report.IsEditable)
        {
            var missing = ReportValidation.CheckComplete(report, parts.Areas);
            if (missing.Count > 0) throw new ValidationFailedException(missing);
        }
        // A unit with a leader account sends its report to the leader to sign ("Trình ký"); signing submits it.
        // Without one (a transition), the office submits unsigned and the level above sees "chưa ký số" — unless the
        // document requires signed reports from this period on.
        var demand = await Signing.SigningDemand.ForAsync(db, report, ct);
        if (demand.UnsignedRefusal(report.OrgUnit.Name) is { } refusal) throw new DomainException(refusal);
        if (demand.HasLeader) report.SendForSignature(scope.Actor, time.GetUtcNow());
        else report.Submit(scope.Actor, time.GetUtcNow(), report.Period.DueOnFor(report.OrgUnit.Kind));
    }
}
