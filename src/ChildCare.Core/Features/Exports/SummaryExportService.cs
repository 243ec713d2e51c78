using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Dashboards;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.Exports;

/// <summary>
/// Gathers a summary report for a directive, a range of periods and a scope, from the same queries
/// the dashboards run, so every figure equals the dashboard's for the same filter; then writes it.
/// </summary>
public sealed class SummaryExportService(IDbContextFactory<AppDbContext> dbFactory, DashboardService dashboards, ScopeResolver scopes,
    TimeProvider time, Signing.SigningKeys keys)
{

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ExportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ExportFormat.Csv => "text/csv; charset=utf-8",
        _ => "application/pdf",
    };

    public static string FileName(SummaryData d, ExportFormat format) =>
        $"Bao-cao-{d.DirectiveCode.Replace('/', '-')}-{d.FromCode}{(d.FromCode == d.ToCode ? "" : "_" + d.ToCode)}-{Slug(d.ScopeName)}.{format.ToString().ToLowerInvariant()}";

    /// <summary>A readable name with Vietnamese letters (for the UTF-8 filename*).</summary>
    public static string DisplayFileName(SummaryData d, ExportFormat format) =>
        $"Báo cáo {d.DirectiveCode.Replace('/', '-')} {d.RangeName.Replace('/', '-')} - {d.ScopeName}.{format.ToString().ToLowerInvariant()}";

    public async Task<(SummaryData Data, byte[] Content)> ExportAsync(SummaryRequest request, ExportFormat format, IProgress<int>? progress = null,
        CancellationToken ct = default)
    {
        RequireSignable(request, format);
        using var vietnamese = Labels.Vietnamese(); // an official document: Vietnamese whatever the reader's screen language
        var data = await BuildAsync(request, progress, ct);
        using var output = new MemoryStream();
        switch (format)
        {
            case ExportFormat.Docx: DocxSummaryWriter.Write(data, output); break;
            case ExportFormat.Xlsx: await XlsxSummaryWriter.WriteAsync(data, output, ct); break;
            case ExportFormat.Csv: await CsvSummaryWriter.WriteAsync(data, output, ct); break;
            case ExportFormat.Pdf when request.Signed: await SignedPdfAsync(data, request.OrgUnitId, output, ct); break;
            default: PdfSummaryWriter.Write(data, output); break;
        }
        progress?.Report(100);
        return (data, output.ToArray());
    }

    /// <summary>
    /// The summary PDF signed with the issuing body's seal key (issue 19, item 6): PDFsharp's signature handler with a CMS
    /// from <see cref="Signing.PdfCmsSigner"/>; the signature block says so. Word stays unsigned: it is a draft to edit.
    /// </summary>
    private async Task SignedPdfAsync(SummaryData data, Guid scopeUnitId, Stream output, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var issuer = await db.OrgUnits.AsNoTracking().Where(u => u.Id == scopeUnitId).Select(u => new { u.Code, u.Name }).SingleAsync(ct);
        var seal = keys.SealFor(issuer.Code, issuer.Name)
            ?? throw new DomainException($"Chưa cấu hình khóa ký số của {issuer.Name} (Signing__Keys__{issuer.Code}): không ký được văn bản.");
        PdfPartyWriter.WriteSigned(SummaryText.Document(data), output, seal, time, "Ký văn bản của cơ quan ban hành", issuer.Name);
    }

    /// <summary>Only a PDF is signed: Word is a draft to edit, a spreadsheet carries numbers.</summary>
    internal static void RequireSignable(SummaryRequest request, ExportFormat format)
    {
        if (request.Signed && format != ExportFormat.Pdf)
            throw ValidationFailedException.For("signed", "Chỉ bản PDF được ký số; bản Word là bản nháp để sửa, bản Excel/CSV là số liệu.");
    }

    /// <summary>
    /// Who may export this summary: the exporters' policy, a unit in the caller's scope, a document the caller sees.
    /// One check for the export itself and for starting it as a job (which refuses at once, before queueing).
    /// </summary>
    internal static async Task<(OrgUnit Unit, Directive Directive)> RequireExportAsync(AppDbContext db, UserScope scope, SummaryRequest request,
        CancellationToken ct)
    {
        if (!scope.CanExportSummaries) throw new ForbiddenException("Báo cáo tổng hợp (sơ kết, tổng kết) do cán bộ thẩm định và chuyên viên tổng hợp lập.");
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.OrgUnitId, ct)
            ?? throw ValidationFailedException.For("orgUnitId", "Không tìm thấy đơn vị.");
        if (!scope.CanSee(unit)) throw new ForbiddenException("Bạn chỉ xuất được báo cáo của đơn vị mình và cấp dưới.");
        var directive = await db.Directives.AsNoTracking().VisibleAsync(scope, request.DirectiveId, ct);
        return (unit, directive);
    }

    public async Task<SummaryData> BuildAsync(SummaryRequest request, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (unit, directive) = await RequireExportAsync(db, scope, request, ct);
        var from = await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.FromPeriodId && p.DirectiveId == directive.Id, ct)
            ?? throw ValidationFailedException.For("fromPeriodId", "Không tìm thấy kỳ bắt đầu.");
        var to = await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.ToPeriodId && p.DirectiveId == directive.Id, ct)
            ?? throw ValidationFailedException.For("toPeriodId", "Không tìm thấy kỳ kết thúc.");
        if (to.StartsOn < from.StartsOn) throw ValidationFailedException.For("toPeriodId", "Kỳ kết thúc phải sau kỳ bắt đầu.");
        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.DirectiveId == directive.Id && p.Kind == from.Kind && p.StartsOn >= from.StartsOn && p.StartsOn <= to.StartsOn)
            .OrderBy(p => p.StartsOn).ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Targets).Include(i => i.TaskArea).AsSplitQuery()
            .Where(i => i.DirectiveId == directive.Id).OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);

        // Per period, exactly the dashboard's figures.
        var compliance = new List<Compliance>();
        var aggregates = new List<IReadOnlyList<IndicatorAggregate>>();
        var expectedByPeriod = new Dictionary<Guid, IReadOnlyList<ExpectedUnit>>();
        for (var i = 0; i < periods.Count; i++)
        {
            var q = new DashboardQuery(directive.Id, periods[i].Id, unit.Id);
            compliance.Add(await dashboards.ComplianceAsync(q, ct));
            aggregates.Add(await dashboards.IndicatorsAsync(q, ct));
            expectedByPeriod[periods[i].Id] = await dashboards.ExpectedUnitsAsync(q, ct);
            progress?.Report(10 + 50 * (i + 1) / periods.Count);
        }
        var latest = periods[^1];
        var latestQuery = new DashboardQuery(directive.Id, latest.Id, unit.Id);

        var range = indicators.Select(ind =>
        {
            var perPeriod = aggregates.Select(a => a.Single(x => x.IndicatorId == ind.Id)).ToList();
            var last = perPeriod[^1];
            if (ind.Nature == IndicatorNature.Stock || ind.Aggregation == IndicatorAggregation.Rate)
                return new RangeIndicator(ind.Code, ind.Name, ind.Unit, ind.Aggregation, ind.Nature, ind.Direction, ind.TaskArea?.Number,
                    last.Value, last.Numerator, last.Denominator, last.ReportingUnits, last.ExpectedUnits, last.Targets, last.Status,
                    ind.SummaryFigure, ind.InSummaryAnnex);
            var reported = perPeriod.Where(p => p.Value is not null).ToList();
            var sum = reported.Count == 0 ? (decimal?)null : reported.Sum(p => p.Value!.Value);
            return new RangeIndicator(ind.Code, ind.Name, ind.Unit, ind.Aggregation, ind.Nature, ind.Direction, ind.TaskArea?.Number,
                sum, null, null, perPeriod.Max(p => p.ReportingUnits), last.ExpectedUnits, last.Targets,
                ind.StatusAgainstTarget(sum, latest.EndsOn.Year), ind.SummaryFigure, ind.InSummaryAnnex);
        }).ToList();

        // One row per unit (by id: the new Tuyên Quang is not the old one though both are P08 "Tỉnh ủy Tuyên Quang");
        // a code shared across a reorganisation says which quarters each row covers.
        var units = compliance.SelectMany((c, i) => c.Units.Select(u => (Unit: u, Period: periods[i].Code))).GroupBy(x => x.Unit.OrgUnitId)
            .Select(g => (Rows: g.Select(x => x.Unit).ToList(), First: g.First().Period, Last: g.Last().Period)).ToList();
        var shared = units.GroupBy(x => x.Rows[0].Code).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var byUnit = units.OrderBy(x => x.Rows[0].Code).ThenBy(x => x.First)
            .Select(x => (x.Rows, Name: shared.Contains(x.Rows[0].Code) ? $"{x.Rows[0].Name} ({x.First}–{x.Last})" : x.Rows[0].Name))
            .Select(x => new UnitCompliance(x.Rows[0].Code, x.Name, x.Rows.Count, x.Rows.Count(u => u.OnTime == true), x.Rows.Count(u => u.OnTime == false),
                x.Rows.Count(u => u.Status is ComplianceStatus.Missing or ComplianceStatus.Draft), x.Rows.Count(u => u.Status == ComplianceStatus.Accepted),
                x.Rows.Count(u => u.Status == ComplianceStatus.Returned), x.Rows.Count(u => u.Signed == false)))
            .ToList();

        var values = await TidyValuesAsync(db, directive.Id, periods, expectedByPeriod, indicators, ct);
        progress?.Report(75);
        var matrix = await dashboards.TaskAreasAsync(latestQuery, ct);
        var areas = await AreaSummariesAsync(db, directive.Id, latest.Id, expectedByPeriod[latest.Id], matrix, ct);
        progress?.Report(85);

        // Which indicators give the leadership paragraph's figures is the document's data (Indicator.SummaryFigure).
        RangeIndicator? Find(SummaryFigure f) => range.FirstOrDefault(r => r.Figure == f);
        var leadership = new LeadershipFigures(Find(SummaryFigure.PlansIssued)?.Numerator, Find(SummaryFigure.PlansIssued)?.Denominator,
            Find(SummaryFigure.Conferences)?.Value, Find(SummaryFigure.Attendance)?.Value,
            Find(SummaryFigure.MembersReached)?.Numerator, Find(SummaryFigure.MembersReached)?.Denominator);
        var today = Deadlines.TodayInVietnam(time.GetUtcNow());
        var central = await CentralIssuerAsync(db, directive.Id, today, ct) ?? SummaryData.CentralBodyToday;
        var (issuerParent, issuer, symbol, place) = Issuer(unit, await ParentAsync(db, unit, ct), central);
        return new SummaryData(directive.Code, directive.Title, directive.IssuedOn, unit.Name, unit.ParentId is null, issuer, issuerParent, symbol,
            RangeName(periods), from.Code, latest.Code, periods.Select(p => p.Code).ToList(), Deadlines.TodayInVietnam(time.GetUtcNow()), place,
            compliance[^1], byUnit, range, values, areas, matrix.Units, leadership, directive.Kind, directive.IssuingBody, directive.Addressee, central,
            Maps.MapService.StatusMap(compliance[^1]) is { } map && map.Features.Any(f => f.Shape is not null) ? map : null);
    }

    private static async Task<List<TidyValue>> TidyValuesAsync(AppDbContext db, Guid directiveId, List<ReportingPeriod> periods,
        Dictionary<Guid, IReadOnlyList<ExpectedUnit>> expected, List<Indicator> indicators, CancellationToken ct)
    {
        var periodIds = periods.Select(p => p.Id).ToArray();
        var unitIds = expected.Values.SelectMany(u => u.Select(x => x.Id)).Distinct().ToArray();
        var rows = await db.ProgressReports.AsNoTracking()
            .Where(r => r.DirectiveId == directiveId && periodIds.Contains(r.PeriodId) && ReportingRule.Counted.Contains(r.Status) && unitIds.Contains(r.OrgUnitId))
            .Join(db.IndicatorValues, r => r.Id, v => v.ReportId, (r, v) => new { r.OrgUnitId, r.PeriodId, v.IndicatorId, v.Value, v.Numerator, v.Denominator })
            .ToListAsync(ct);
        var byIndicator = indicators.ToDictionary(i => i.Id);
        var units = expected.Values.SelectMany(u => u).DistinctBy(u => u.Id).ToDictionary(u => u.Id);
        var codes = periods.ToDictionary(p => p.Id, p => p.Code);
        return rows
            // A unit counts only in the periods it was expected in (it may have closed).
            .Where(r => expected[r.PeriodId].Any(u => u.Id == r.OrgUnitId))
            .Select(r =>
            {
                var i = byIndicator[r.IndicatorId];
                var computed = i.Aggregation == IndicatorAggregation.Rate ? i.RateOf(r.Numerator, r.Denominator) : r.Value;
                return new TidyValue(units[r.OrgUnitId].Code, units[r.OrgUnitId].Name, codes[r.PeriodId], i.Code, i.Name, i.Unit, r.Value, r.Numerator,
                    r.Denominator, computed);
            })
            .OrderBy(v => v.UnitCode).ThenBy(v => v.PeriodCode).ThenBy(v => v.IndicatorCode)
            .ToList();
    }

    private static async Task<List<AreaSummary>> AreaSummariesAsync(AppDbContext db, Guid directiveId, Guid periodId,
        IReadOnlyList<ExpectedUnit> expected, TaskAreaMatrix matrix, CancellationToken ct)
    {
        var ids = expected.Select(u => u.Id).ToArray();
        var rows = await db.ProgressReports.AsNoTracking()
            .Where(r => r.DirectiveId == directiveId && r.PeriodId == periodId && ReportingRule.Counted.Contains(r.Status) && ids.Contains(r.OrgUnitId))
            .SelectMany(r => r.TaskAreas, (r, t) => new
            {
                Unit = r.OrgUnit.ShortName ?? r.OrgUnit.Name,
                r.OrgUnit.Code,
                t.TaskArea.Number,
                t.Results,
                t.Difficulties,
                t.Proposals,
            })
            .ToListAsync(ct);
        return matrix.TaskAreas.Select(a =>
        {
            var cells = matrix.Units.SelectMany(u => u.Cells.Where(c => c.TaskAreaNumber == a.Number)).ToList();
            var percents = cells.Where(c => c.PercentComplete is not null).Select(c => (double)c.PercentComplete!.Value).ToList();
            var texts = rows.Where(r => r.Number == a.Number).OrderBy(r => r.Code).ToList();
            static List<Quote> Take(IEnumerable<(string Unit, string? Text)> items, int max) =>
                items.Where(x => !string.IsNullOrWhiteSpace(x.Text)).DistinctBy(x => x.Text).Take(max).Select(x => new Quote(x.Unit, Short(x.Text!))).ToList();
            return new AreaSummary(a.Number, a.Title,
                cells.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count()),
                percents.Count == 0 ? null : percents.Average(),
                Take(texts.Select(t => (t.Unit, t.Results)), 5), Take(texts.Select(t => (t.Unit, t.Difficulties)), 8),
                Take(texts.Select(t => (t.Unit, t.Proposals)), 8));
        }).ToList();
    }

    /// <summary>A quote is a sentence or two: a consolidated report's long list is cut at its first line or 300 characters.</summary>
    private static string Short(string text)
    {
        var first = text.Trim().Split('\n')[0].Trim().TrimStart('-', ' ');
        var more = first.Length < text.Trim().Length;
        if (first.Length > 300) (first, more) = (first[..first.LastIndexOf(' ', 300)], true);
        return more ? first + " …" : first;
    }

    internal static Task<OrgUnit?> ParentAsync(AppDbContext db, OrgUnit unit, CancellationToken ct) =>
        unit.ParentId is null ? Task.FromResult<OrgUnit?>(null) : db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unit.ParentId, ct);

    /// <summary>
    /// The body that compiles the centre's summary, as it is named on the export date: the lead of the
    /// directive's review clause ("sơ kết, tổng kết"), whose assignment passes to its successor in a
    /// reorganisation (Ban Tuyên giáo Trung ương until 2/2025, Ban Tuyên giáo và Dân vận Trung ương since).
    /// </summary>
    internal static async Task<string?> CentralIssuerAsync(AppDbContext db, Guid directiveId, DateOnly day, CancellationToken ct)
    {
        var leads = await db.Assignments.AsNoTracking()
            .Where(a => a.DirectiveId == directiveId && a.Role == AssignmentRole.Lead && a.OrgUnitId != null)
            .OrderByDescending(a => a.ClauseNumber).Select(a => new { a.OrgUnitId, a.ClauseText }).ToListAsync(ct);
        var lead = leads.FirstOrDefault(a => Text.TextFolding.Fold(a.ClauseText).Contains("so ket", StringComparison.Ordinal)) ?? leads.FirstOrDefault();
        if (lead is null) return null;
        var versions = await db.OrgUnitVersions.AsNoTracking().Where(v => v.OrgUnitId == lead.OrgUnitId).ToListAsync(ct);
        return (versions.FirstOrDefault(v => v.Contains(day)) ?? versions.OrderByDescending(v => v.ValidFrom).FirstOrDefault())?.Name;
    }

    internal static (string Parent, string Issuer, string Symbol, string Place) Issuer(OrgUnit unit, OrgUnit? parent, string? centralIssuer = null) => unit.Kind switch
    {
        OrgUnitKind.CentralCommittee => ("BAN CHẤP HÀNH TRUNG ƯƠNG", Upper(centralIssuer ?? SummaryData.CentralBodyToday),
            Text.TextFolding.Fold(centralIssuer ?? "dan van").Contains("dan van", StringComparison.Ordinal) ? "BC/BTGDVTW" : "BC/BTGTW", "Hà Nội"),
        OrgUnitKind.ProvincialCommittee => ($"ĐẢNG BỘ {Upper(unit.ShortName ?? unit.Name)}", Upper(unit.Name), "BC/TU", unit.ShortName ?? unit.Name),
        OrgUnitKind.DistrictCommittee => ($"ĐẢNG BỘ {Upper(parent?.ShortName ?? parent?.Name ?? "")}", Upper(unit.Name),
            unit.Name.StartsWith("Quận", StringComparison.Ordinal) ? "BC/QU" : unit.Name.StartsWith("Thị", StringComparison.Ordinal) ? "BC/TU" : "BC/HU",
            unit.ShortName ?? unit.Name),
        _ => (Upper(parent?.Name ?? ""), Upper(unit.Name), "BC", "Hà Nội"),
    };

    private static string Upper(string s) => s.ToUpper(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>"Quý III/2026"; four quarters of one year: "năm 2024"; otherwise "Quý I/2024 – Quý IV/2025".</summary>
    public static string RangeName(IReadOnlyList<ReportingPeriod> periods)
    {
        if (periods.Count == 1) return periods[0].Name;
        if (periods.Count == 4 && periods.All(p => p.Kind == PeriodKind.Quarter) && periods.Select(p => p.StartsOn.Year).Distinct().Count() == 1
            && periods[0].StartsOn.Month == 1)
            return $"năm {periods[0].StartsOn.Year}";
        return $"{periods[0].Name} – {periods[^1].Name}";
    }

    private static string Slug(string text) => string.Concat(Text.TextFolding.Fold(text).Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-');
}
