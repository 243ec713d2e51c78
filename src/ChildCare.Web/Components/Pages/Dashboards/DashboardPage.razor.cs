using ChildCare.Core.Domain;
using ChildCare.Core.Features.Dashboards;
using ChildCare.Core.Features.Directives;
using ChildCare.Core.Features.OrgUnits;
using ChildCare.Core.Features.Periods;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using ChildCare.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ChildCare.Web.Components.Pages.Dashboards;

/// <summary>The dashboard's state: the chosen document, period and unit (from the address), the figures, the charts, the trail.</summary>
public sealed partial class DashboardPage
{
    // The address is read as text: a mangled id in a shared link falls back to the default, not an error page.
    [SupplyParameterFromQuery(Name = "orgUnitId")] public string? OrgUnitText { get; set; }
    [SupplyParameterFromQuery(Name = "periodId")] public string? PeriodText { get; set; }
    [SupplyParameterFromQuery(Name = "directiveId")] public string? DirectiveText { get; set; }

    private Guid? OrgUnitId => Id(OrgUnitText);
    private Guid? PeriodId => Id(PeriodText);
    private Guid? DirectiveId => Id(DirectiveText);
    private Guid? Indicator => Id(IndicatorText);

    private static Guid? Id(string? text) => Guid.TryParse(text, out var id) ? id : null;

    /// <summary>The view: compliance (with the map), tasks, indicators or digest; each is its own address.</summary>
    [SupplyParameterFromQuery(Name = "tab")] public string? TabAsked { get; set; }

    /// <summary>The indicator whose breakdown by unit and trend are open (indicators view).</summary>
    [SupplyParameterFromQuery(Name = "indicator")] public string? IndicatorText { get; set; }

    /// <summary>The digest's search (without diacritics).</summary>
    [SupplyParameterFromQuery] public string? Q { get; set; }

    private DocumentChoice? _choice;
    private DirectiveSummary? _directive;
    private IReadOnlyList<PeriodDto>? _periods;
    private Guid _periodId;
    private Guid _unitId;
    private Compliance? _compliance;
    private Core.Features.Maps.UnitMap? _map;
    private TaskAreaMatrix? _matrix;
    private IReadOnlyList<IndicatorAggregate>? _indicators;
    private IReadOnlyList<DigestItem>? _digest;
    private IReadOnlyList<UnitIndicatorValue>? _breakdown;
    private IReadOnlyList<TrendPoint>? _trend;

    // Built when the figures are read, not on every render: a live event or a tab click re-renders the page, and a
    // ChartFigure redraws only when it is given another ChartData.
    private Charts _charts = new(null, null, null, null);

    private sealed record Charts(ChartData? Compliance, ChartData? TaskAreas, ChartData? ByUnit, ChartData? Trend);
    private Guid? _selectedIndicator;
    private Guid? _ownReportId;
    private string? _error;
    private List<BreadcrumbItem> _trail = [];

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            var scope = await Scopes.CurrentAsync();
            _choice = await Documents.ChooseAsync(DirectiveId);
            if (_choice is null) { _error = "Chưa có văn bản nào được theo dõi."; return; }
            _directive = _choice.Chosen;
            var today = Deadlines.TodayInVietnam(Time.GetUtcNow());
            _periods = (await Periods.ListAsync(_directive.Id)).Where(p => p.StartsOn <= today).OrderByDescending(p => p.StartsOn).ToList();
            if (_periods.Count == 0) { _error = $"{DocumentPicker.NameOf(_directive)} chưa có kỳ báo cáo nào bắt đầu."; return; }
            _periodId = PeriodId is { } asked && _periods.Any(p => p.Id == asked) ? asked : (_periods.FirstOrDefault(p => p.EndsOn < today) ?? _periods[0]).Id;
            // A unit's own document (a province's plan) opens on its issuer; the centre's on the top of the tree.
            _unitId = OrgUnitId ?? (scope.IsNational ? _directive.IssuerUnitId ?? (await OrgUnits.RootsAsync())[0].Id : scope.OrgUnitId);
            await LoadAsync();
        }
        catch (Exception ex) when (ex is ForbiddenException or NotFoundException)
        {
            _error = ex.Message;
        }
    }

    /// <summary>
    /// The cards and the trail, then only what the open view shows. The figures appear last and all at once
    /// (<c>_compliance</c> is what the page waits for): a streamed render in between shows the loading bar, never
    /// cards without their chart.
    /// </summary>
    private async Task LoadAsync()
    {
        var q = new DashboardQuery(_directive!.Id, _periodId, _unitId);
        var compliance = await Dashboards.ComplianceAsync(q);
        await BuildTrailAsync();
        try
        {
            await LoadViewAsync(q, compliance);
        }
        finally
        {
            _compliance = compliance;
        }
    }

    private async Task LoadViewAsync(DashboardQuery q, Compliance compliance)
    {
        if (compliance.Expected == 0)
        {
            _ownReportId = await Dashboards.OwnReportAsync(q);
            return;
        }
        switch (Tab)
        {
            case "tasks":
                _matrix = await Dashboards.TaskAreasAsync(q);
                _charts = _charts with { TaskAreas = DashboardCharts.TaskAreas(_matrix) };
                break;
            case "indicators":
                _indicators = await Dashboards.IndicatorsAsync(q);
                if (_indicators.FirstOrDefault(i => i.IndicatorId == Indicator) is { } open) await ShowIndicatorAsync(q, open);
                break;
            case "digest":
                _digest = await Dashboards.DigestAsync(q, Q);
                break;
            default:
                _charts = _charts with { Compliance = DashboardCharts.Compliance(compliance, T) };
                _map = Core.Features.Maps.MapService.StatusMap(compliance);
                break;
        }
    }

    private async Task BuildTrailAsync()
    {
        // The trail as the tree stood at the end of the chosen period (a district of 2024 sat under its province).
        var chain = await OrgUnits.AncestorsAsync(_unitId, _periods!.First(p => p.Id == _periodId).EndsOn);
        _trail = chain.Select(u => new BreadcrumbItem(u.Name, href: DashboardLink(u.Id), disabled: u.Id == _unitId)).ToList();
    }

    private async Task ShowIndicatorAsync(DashboardQuery q, IndicatorAggregate i)
    {
        _breakdown = await Dashboards.IndicatorByUnitAsync(q, i.IndicatorId);
        _trend = await Dashboards.TrendAsync(q, i.IndicatorId);
        _charts = _charts with { ByUnit = DashboardCharts.ByUnit(i, _breakdown), Trend = DashboardCharts.Trend(i, _trend) };
        _selectedIndicator = i.IndicatorId;
    }

    /// <summary>The views, in order, by their address and their tab label.</summary>
    private IEnumerable<(Guid, string)> PeriodOptions => _periods!.Select(p => (p.Id, p.Name));

    /// <summary>What the period picker sends again with the period: the document, the unit and the tab shown.</summary>
    private IEnumerable<(string, object?)> PeriodKeep => [("directiveId", _directive!.Id), ("orgUnitId", _unitId), ("tab", Tab)];

    private IEnumerable<(string, string, string)> TabLinks => TabLabels.Select(t => (t.Key, t.Label, Link(tab: t.Key)));

    private IEnumerable<(string Key, string Label)> TabLabels =>
    [
        ("compliance", T["Dashboard.TabCompliance"]), ("tasks", T["Dashboard.TabTasks"]),
        ("indicators", T["Dashboard.TabIndicators"]), ("digest", T["Dashboard.TabDigest"]),
    ];

    /// <summary>The open view: the address's, when it names one.</summary>
    private string Tab => TabAsked is "tasks" or "indicators" or "digest" ? TabAsked : "compliance";

    /// <summary>This dashboard's address with another view (and the same document, period and unit).</summary>
    private string Link(string tab) => DashboardLink(_unitId) + (tab == "compliance" ? "" : $"&tab={tab}");

    /// <summary>An indicator's row opens (or, when open, closes) its breakdown and trend.</summary>
    private string IndicatorLink(IndicatorAggregate i) =>
        Link("indicators") + (_selectedIndicator == i.IndicatorId ? "" : $"&indicator={i.IndicatorId}") + $"#ind-{i.Code}";

    /// <summary>Where a unit on the map leads: its own dashboard when units report to it, else its report.</summary>
    private string? MapLink(Core.Features.Maps.MapFeature f) => _compliance?.Units.FirstOrDefault(u => u.OrgUnitId == f.OrgUnitId) switch
    {
        { HasReportingChildren: true } u => DashboardLink(u.OrgUnitId),
        { ReportId: { } report } => $"reports/{report}",
        _ => null,
    };

    private string DashboardLink(Guid unitId) => $"dashboard?directiveId={_directive!.Id}&orgUnitId={unitId}&periodId={_periodId}";

    /// <summary>The centre's document, looked at over units that receive reports (the provinces): which of them issued their plan.</summary>
    private bool ShowsPlans => _directive?.IssuerUnitId is null && _compliance?.Units.Any(u => u.HasReportingChildren) == true;

    private static string Format(decimal? value, IndicatorUnit unit) => IndicatorFormat.Value(value, unit);

    // Compliance adds "missing" to the report statuses; everything else shows as the report's own status.
    private static ReportStatus? AsReport(ComplianceStatus s) => s.AsReport();

    private string StatusLabel(ComplianceStatus s) => AsReport(s) is { } r ? Labels.Of(r) : T["Report.NotStarted"];

    private string TargetLabel(TargetStatus s) => s switch
    {
        TargetStatus.Met => Labels.MapClass("met"),
        TargetStatus.NotMet => Labels.MapClass("not-met"),
        TargetStatus.NoTarget => Labels.MapClass("no-target"),
        TargetStatus.NoDirection => T["Dashboard.Watch"],
        _ => T["Dashboard.NoData"],
    };

    private static Color TargetColor(TargetStatus s) => s switch
    {
        TargetStatus.Met => Color.Success,
        TargetStatus.NotMet => Color.Error,
        _ => Color.Default,
    };
}
