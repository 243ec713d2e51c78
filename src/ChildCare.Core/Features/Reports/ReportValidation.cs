using ChildCare.Core.Domain;
using ChildCare.Core.Text;

namespace ChildCare.Core.Features.Reports;

/// <summary>Field-by-field checks of a report save, with the Vietnamese message for each field (camelCase keys, as the API shows them).</summary>
internal static class ReportValidation
{
    public const int MaxTextLength = 8_000;
    public const decimal MaxCount = 100_000_000m;
    public const decimal MaxMoney = 100_000_000m; // million VND: 100 trillion đồng

    public static Dictionary<string, string[]> Check(SaveReportRequest request, IReadOnlyDictionary<Guid, TaskArea> areas,
        IReadOnlyDictionary<Guid, Indicator> indicators)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        var t = request.TaskAreas ?? [];
        for (var i = 0; i < t.Count; i++)
        {
            var a = t[i];
            var key = $"taskAreas[{i}]";
            if (!areas.ContainsKey(a.TaskAreaId)) Add($"{key}.taskAreaId", "Nhiệm vụ không thuộc văn bản này.");
            if (!Enum.IsDefined(a.Status)) Add($"{key}.status", "Tình trạng không hợp lệ.");
            if (a.PercentComplete is < 0 or > 100) Add($"{key}.percentComplete", "Tỷ lệ hoàn thành phải từ 0 đến 100%.");
            else if (a.Status == TaskProgressStatus.Done && a.PercentComplete is not null and < 100)
                Add($"{key}.percentComplete", "Nhiệm vụ đã hoàn thành thì tỷ lệ hoàn thành phải là 100%.");
            foreach (var (name, text) in new[] { ("results", a.Results), ("difficulties", a.Difficulties), ("proposals", a.Proposals) })
                if (TextInput.Problem(text, MaxTextLength) is { } problem) Add($"{key}.{name}", problem);
        }

        var v = request.IndicatorValues ?? [];
        for (var i = 0; i < v.Count; i++)
        {
            var x = v[i];
            var key = $"indicatorValues[{i}]";
            if (!indicators.TryGetValue(x.IndicatorId, out var indicator))
            {
                Add($"{key}.indicatorId", "Chỉ tiêu không thuộc văn bản này.");
                continue;
            }
            if (TextInput.Problem(x.Comment, 2000) is { } problem) Add($"{key}.comment", problem);
            if (indicator.Aggregation == IndicatorAggregation.Rate)
            {
                if (x.Value is not null) Add($"{key}.value", "Chỉ tiêu tỷ lệ nhập tử số và mẫu số, không nhập giá trị.");
                if (x.Numerator is null != x.Denominator is null)
                    Add(x.Numerator is null ? $"{key}.numerator" : $"{key}.denominator", "Cần nhập cả tử số và mẫu số (hoặc bỏ trống cả hai nếu chưa có số liệu).");
                if (x.Numerator < 0) Add($"{key}.numerator", "Tử số không được âm.");
                if (x.Denominator < 0) Add($"{key}.denominator", "Mẫu số không được âm.");
                if (x.Denominator == 0 && x.Numerator > 0) Add($"{key}.denominator", "Mẫu số phải lớn hơn 0.");
                if (indicator.Unit == IndicatorUnit.Percent && x.Numerator > x.Denominator)
                    Add($"{key}.numerator", "Tử số không được lớn hơn mẫu số.");
                if (x.Denominator > MaxCount || x.Numerator > MaxCount) Add($"{key}.denominator", $"Số quá lớn (tối đa {MaxCount:N0}).");
            }
            else
            {
                if (x.Numerator is not null || x.Denominator is not null) Add($"{key}.value", "Chỉ tiêu này nhập một giá trị, không nhập tử số/mẫu số.");
                if (x.Value < 0) Add($"{key}.value", "Giá trị không được âm.");
                var max = indicator.Unit == IndicatorUnit.MillionVnd ? MaxMoney : MaxCount;
                if (x.Value > max) Add($"{key}.value", $"Giá trị quá lớn (tối đa {max:N0}).");
                if (indicator.Unit == IndicatorUnit.Count && x.Value is { } c && c != decimal.Truncate(c))
                    Add($"{key}.value", "Số lượng phải là số nguyên.");
            }
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>What must be there before a report goes up: each task area under way has its results written.</summary>
    public static Dictionary<string, string[]> CheckComplete(ProgressReport report, IReadOnlyList<TaskArea> areas)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < areas.Count; i++)
        {
            var row = report.TaskAreas.FirstOrDefault(t => t.TaskAreaId == areas[i].Id);
            if (row is null || (row.Status != TaskProgressStatus.NotStarted && string.IsNullOrWhiteSpace(row.Results)))
                errors[$"taskAreas[{i}].results"] = [$"Nhiệm vụ {areas[i].Number}: cần nêu kết quả đạt được trước khi gửi báo cáo."];
        }
        return errors;
    }
}
