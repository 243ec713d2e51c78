using ChildCare.Core.Live;

namespace ChildCare.Web.Api;

/// <summary>The answer of <c>GET /api/live/changed</c>: when a report of the document's period last changed (Unix ms, 0: not since start).</summary>
public sealed record LiveChange(long At);

internal static class LiveEndpoints
{
    /// <summary>
    /// For pages drawn without a circuit (the dashboard): a poll that costs no query. The page carries the moment it
    /// was drawn; when a report of its document and period changed after that, app.js reads the page again.
    /// </summary>
    public static void MapLiveEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/live/changed", (Guid directiveId, Guid periodId, LiveEvents live) => new LiveChange(live.LastChange(directiveId, periodId)))
            .WithTags("Vận hành")
            .WithSummary("Lần gần nhất (mili giây Unix) một báo cáo của văn bản và kỳ này thay đổi; trang không có phiên Blazor hỏi để tự làm mới");
}
