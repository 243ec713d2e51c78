using System.Text.Json;
using ChildCare.Core.Features.Dashboards;
using ChildCare.Core.Features.Maps;

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
        dashboard.MapGet("/map", async (Guid directiveId, Guid periodId, Guid orgUnitId, string? measure, MapService maps, CancellationToken ct) =>
            MapGeoJson.Of(await maps.MapAsync(new DashboardQuery(directiveId, periodId, orgUnitId), measure, ct)))
            .WithSummary("Bản đồ: các đơn vị trực thuộc (34 tỉnh, thành của cả nước; các xã, phường của một tỉnh) tô màu theo thước đo, dạng GeoJSON")
            .WithDescription("measure = status (mặc định: đúng hạn, muộn, chưa nộp, được chấp nhận) hoặc indicator:<mã chỉ tiêu> (so với mục tiêu). " +
                "Mỗi feature có properties {orgUnitId, code, name, value, class, label}; đơn vị lập sau khi có ranh giới (sắp xếp về sau) có geometry null. " +
                "Bản đồ cả nước luôn có quần đảo Hoàng Sa (Đà Nẵng) và Trường Sa (Khánh Hòa).");
    }
}

/// <summary>The map as a GeoJSON FeatureCollection (RFC 7946), with the legend beside the features.</summary>
public sealed record MapGeoJson(string Type, string Measure, string Title, string PeriodName, IReadOnlyList<MapLegendItem> Legend, IReadOnlyList<MapGeoFeature> Features)
{
    public static MapGeoJson Of(UnitMap map) => new("FeatureCollection", map.Measure, map.Title, map.PeriodName, map.Legend,
        map.Features.Select(f => new MapGeoFeature("Feature", f.Shape?.Geometry, new MapGeoProperties(f.OrgUnitId, f.Code, f.Name, f.Value, f.Class, f.Label))).ToList());
}

public sealed record MapGeoFeature(string Type, JsonElement? Geometry, MapGeoProperties Properties);

public sealed record MapGeoProperties(Guid OrgUnitId, string Code, string Name, decimal? Value, string Class, string Label);
