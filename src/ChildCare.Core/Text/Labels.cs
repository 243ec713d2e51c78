using ChildCare.Core.Domain;

namespace ChildCare.Core.Text;

/// <summary>Vietnamese names of the domain's enums, for screens and exports.</summary>
public static class Labels
{
    /// <summary>
    /// The compliance columns of the summary exports (Word, PDF, Excel), in the dashboard's words (its resources
    /// Dashboard.OnTime, .Late, .Missing, .Returned, .Accepted, .Unsigned say the same).
    /// </summary>
    public static class Compliance
    {
        public const string OnTime = "Đúng hạn", Late = "Muộn", Missing = "Chưa nộp", Returned = "Bị trả lại", Accepted = "Được chấp nhận",
            Unsigned = "Chưa ký số";
    }

    public static string Of(ReorganisationStatus status) => status switch
    {
        ReorganisationStatus.Draft => "Bản nháp",
        ReorganisationStatus.Applied => "Đã áp dụng",
        ReorganisationStatus.Reverted => "Đã hủy áp dụng",
        _ => status.ToString(),
    };

    /// <summary>"whole", "part", "remainder", "rename", "move" as a reader says them.</summary>
    public static string Mapping(string mapping) => mapping.ToLowerInvariant() switch
    {
        "whole" => "toàn bộ",
        "part" => "một phần",
        "remainder" => "phần còn lại",
        "rename" => "đổi tên",
        "move" => "chuyển trực thuộc",
        _ => mapping,
    };

    public static string Of(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.CentralCommittee => "Trung ương",
        OrgUnitKind.CentralBody => "Cơ quan Trung ương",
        OrgUnitKind.StateAgency => "Cơ quan nhà nước",
        OrgUnitKind.MassOrganization => "Mặt trận, đoàn thể",
        OrgUnitKind.ProvincialCommittee => "Tỉnh ủy, thành ủy",
        OrgUnitKind.DistrictCommittee => "Cấp huyện",
        OrgUnitKind.GrassrootsCommittee => "Cơ sở",
        _ => kind.ToString(),
    };

    public static string Of(DirectiveKind kind) => kind switch
    {
        DirectiveKind.Directive => "Chỉ thị",
        DirectiveKind.Resolution => "Nghị quyết",
        DirectiveKind.Conclusion => "Kết luận",
        DirectiveKind.Decision => "Quyết định",
        DirectiveKind.Plan => "Kế hoạch",
        DirectiveKind.Guidance => "Hướng dẫn",
        DirectiveKind.Regulation => "Quy định",
        DirectiveKind.ActionProgramme => "Chương trình hành động",
        _ => "Văn bản",
    };

    public static string Of(DirectiveStatus status) => status switch
    {
        DirectiveStatus.Draft => "Dự thảo",
        DirectiveStatus.Active => "Đang theo dõi",
        DirectiveStatus.Completed => "Đã kết thúc",
        DirectiveStatus.Superseded => "Đã được thay thế",
        _ => status.ToString(),
    };

    public static string Of(AssignmentRole role) => role switch
    {
        AssignmentRole.Lead => "Chủ trì",
        AssignmentRole.Coordinate => "Phối hợp",
        AssignmentRole.Supervise => "Giám sát",
        _ => role.ToString(),
    };

    public static string Of(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Percent => "%",
        IndicatorUnit.PerThousand => "‰",
        IndicatorUnit.PerHundredThousand => "/100.000",
        IndicatorUnit.Count => "số lượng",
        IndicatorUnit.MillionVnd => "triệu đồng",
        _ => unit.ToString(),
    };

    public static string Of(IndicatorAggregation aggregation) => aggregation switch
    {
        IndicatorAggregation.Sum => "Cộng dồn",
        IndicatorAggregation.Rate => "Tỷ lệ (Σ tử số / Σ mẫu số)",
        _ => aggregation.ToString(),
    };

    public static string Of(IndicatorDirection direction) => direction switch
    {
        IndicatorDirection.Higher => "Càng cao càng tốt",
        IndicatorDirection.Lower => "Càng thấp càng tốt",
        _ => "Không đánh giá tốt/xấu",
    };

    public static string Of(IndicatorNature nature) => nature switch
    {
        IndicatorNature.Flow => "Phát sinh trong kỳ (cộng các kỳ)",
        IndicatorNature.Stock => "Thời điểm (lấy kỳ mới nhất)",
        _ => nature.ToString(),
    };

    public static string Of(PeriodState state) => state switch
    {
        PeriodState.Open => "Đang mở",
        PeriodState.Closed => "Đã quá hạn",
        PeriodState.Locked => "Đã khóa",
        _ => state.ToString(),
    };

    public static string Of(ReportStatus status) => status switch
    {
        ReportStatus.Draft => "Đang soạn",
        ReportStatus.Submitted => "Đã gửi",
        ReportStatus.Returned => "Bị trả lại",
        ReportStatus.Accepted => "Đã chấp nhận",
        ReportStatus.AwaitingSignature => "Chờ lãnh đạo ký",
        _ => status.ToString(),
    };

    /// <summary>A step of a report's history, as the report page's timeline shows it.</summary>
    public static string Of(ReportAction action) => action switch
    {
        ReportAction.Created => "Lập báo cáo",
        ReportAction.Submitted => "Gửi báo cáo",
        ReportAction.Returned => "Trả lại",
        ReportAction.Accepted => "Chấp nhận",
        ReportAction.SentForSignature => "Trình ký",
        ReportAction.ReturnedByLeader => "Lãnh đạo trả lại văn phòng",
        _ => action.ToString(),
    };

    /// <summary>Which part of a report an audit line is about, by the entity the audit recorded.</summary>
    public static string AuditPart(string entityType) => entityType switch
    {
        "ProgressReport" => "Báo cáo",
        "TaskAreaProgress" => "Nhiệm vụ",
        "IndicatorValue" => "Chỉ tiêu",
        "ReportAttachment" => "Tệp minh chứng",
        "ReportHistoryEntry" => "Quá trình xử lý",
        _ => entityType,
    };

    public static string Of(TaskProgressStatus status) => status switch
    {
        TaskProgressStatus.NotStarted => "Chưa triển khai",
        TaskProgressStatus.OnTrack => "Đúng tiến độ",
        TaskProgressStatus.AtRisk => "Có nguy cơ chậm",
        TaskProgressStatus.Delayed => "Chậm tiến độ",
        TaskProgressStatus.Done => "Hoàn thành",
        _ => status.ToString(),
    };
}
