using ChildCare.Core.Features.Dashboards;

namespace ChildCare.Web.Api;

internal static class DashboardEndpoints
{
    public static void MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        var dashboard = api.MapGroup("/dashboard").WithTags("Bảng điều khiển");
        dashboard.MapGet("/compliance", (Guid directiveId, Guid periodId, Guid orgUnitId, DashboardService service, CancellationToken ct) =>
            service.ComplianceAsync(new DashboardQuery(directiveId, periodId, orgUnitId), ct))
            .WithSummary("Tình hình nộp báo cáo của các đơn vị trực thuộc trong kỳ");
        dashboard.MapGet("/indicators", (Guid directiveId, Guid periodId, Guid orgUnitId, DashboardService service, CancellationToken ct) =>
            service.IndicatorsAsync(new DashboardQuery(directiveId, periodId, orgUnitId), ct))
            .WithSummary("Chỉ tiêu: giá trị tổng hợp so với mục tiêu trong kỳ");
        dashboard.MapGet("/indicators/{indicatorId:guid}/units", (Guid indicatorId, Guid directiveId, Guid periodId, Guid orgUnitId,
            DashboardService service, CancellationToken ct) => service.IndicatorByUnitAsync(new DashboardQuery(directiveId, periodId, orgUnitId), indicatorId, ct))
            .WithSummary("Một chỉ tiêu theo từng đơn vị trực thuộc");
        dashboard.MapGet("/indicators/{indicatorId:guid}/trend", (Guid indicatorId, Guid directiveId, Guid periodId, Guid orgUnitId,
            DashboardService service, CancellationToken ct) => service.TrendAsync(new DashboardQuery(directiveId, periodId, orgUnitId), indicatorId, ct))
            .WithSummary("Xu hướng một chỉ tiêu qua các kỳ, kèm mục tiêu");
        dashboard.MapGet("/task-areas", (Guid directiveId, Guid periodId, Guid orgUnitId, DashboardService service, CancellationToken ct) =>
            service.TaskAreasAsync(new DashboardQuery(directiveId, periodId, orgUnitId), ct))
            .WithSummary("Nhiệm vụ: số đơn vị đúng tiến độ, chậm, vướng mắc");
        dashboard.MapGet("/digest", (Guid directiveId, Guid periodId, Guid orgUnitId, string? search, DashboardService service, CancellationToken ct) =>
            service.DigestAsync(new DashboardQuery(directiveId, periodId, orgUnitId), search, ct))
            .WithSummary("Khó khăn, kiến nghị của các đơn vị trong kỳ (tìm theo từ)");
    }
}
