using System.Collections.Concurrent;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Reports;

/// <summary>A document's task areas (by number) and indicators (in the form's order, each with its area): what a report form is made of.</summary>
internal sealed record DirectiveParts(IReadOnlyList<TaskArea> Areas, IReadOnlyList<Indicator> Indicators);

/// <summary>
/// The parts of each document, kept in memory for the report commands of quarter's end (open, save, submit, import):
/// they change a few times a year, the forms are saved thousands of times a day. Each entry is tied to the document's
/// <see cref="Directive.PartsRevision"/>, which the command reads with the report in the same statement, so an edit
/// made on any instance is seen at the next command — the entry is read again, never served stale. The entities are
/// read without tracking and never attached to a context: shared, read-only.
/// </summary>
public sealed class DirectivePartsCache
{
    private readonly ConcurrentDictionary<Guid, (int Revision, DirectiveParts Parts)> _entries = new();

    internal async Task<DirectiveParts> GetAsync(AppDbContext db, Directive directive, CancellationToken ct)
    {
        if (_entries.TryGetValue(directive.Id, out var kept) && kept.Revision == directive.PartsRevision) return kept.Parts;
        var parts = await ReadAsync(db, directive.Id, ct);
        _entries[directive.Id] = (directive.PartsRevision, parts);
        return parts;
    }

    private static async Task<DirectiveParts> ReadAsync(AppDbContext db, Guid directiveId, CancellationToken ct)
    {
        var areas = await db.TaskAreas.AsNoTracking().Where(t => t.DirectiveId == directiveId).OrderBy(t => t.Number).ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.TaskArea).Where(i => i.DirectiveId == directiveId)
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        return new DirectiveParts(areas, indicators);
    }
}
