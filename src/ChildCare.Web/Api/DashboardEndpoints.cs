using ChildCare.Core.Features.Dashboards;

namespace ChildCare.Web.Api;

internal static class DashboardEndpoints
{
    public static void MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        var dashboard = api.MapGroup("/dashboard").WithTags("Bảng điều khiển");
        dashboard.MapGet("/compliance", (Guid directiveId, Guid periodId, Guid orgUnitId, DashboardService service, CancellationToken ct) =>
            service.ComplianceAsync(new DashboardQuery(directiveId, periodId, orgUnitId), ct));
        dashboard.MapGet("/indicators", (Guid directiveId, Guid periodId, Guid orgUnitId, DashboardService service, CancellationToken ct) =>
            service.IndicatorsAsync(new DashboardQuery(directiveId, periodId, orgUnitId), ct));
        dashboard.MapGet("/indicators/{indicatorId:guid}/units", (Guid indicatorId, Guid directiveId, Guid periodId, Guid orgUnitId,
            DashboardService service, CancellationToken ct) => service.IndicatorByUnitAsync(new DashboardQuery(directiveId, periodId, orgUnitId), indicatorId, ct));
        dashboard.MapGet("/indicators/{indicatorId:guid}/trend", (Guid indicatorId, Guid directiveId, Guid periodId, Guid orgUnitId,
            DashboardService service, CancellationToken ct) => service.TrendAsync(new DashboardQuery(directiveId, periodId, orgUnitId), indicatorId, ct));
        dashboard.MapGet("/task-areas", (Guid directiveId, Guid periodId, Guid orgUnitId, DashboardService service, CancellationToken ct) =>
            service.TaskAreasAsync(new DashboardQuery(directiveId, periodId, orgUnitId), ct));
        dashboard.MapGet("/digest", (Guid directiveId, Guid periodId, Guid orgUnitId, string? search, DashboardService service, CancellationToken ct) =>
            service.DigestAsync(new DashboardQuery(directiveId, periodId, orgUnitId), search, ct));
    }
}
