using System.Text.Json;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Reports;

namespace ChildCare.Web.Components.Pages.Reports;

/// <summary>What the report page edits: kept as plain data so it can be saved to the draft buffer as JSON and restored.</summary>
public sealed class ReportForm
{
    public List<AreaInput> Areas { get; set; } = [];
    public List<IndicatorInput> Indicators { get; set; } = [];

    /// <summary>The number boxes whose text cannot be read as a number (kept as typed on the page): no save until fixed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public HashSet<string> Unreadable { get; } = [];

    public sealed class AreaInput
    {
        public Guid TaskAreaId { get; set; }
        public int Number { get; set; }
        public string Title { get; set; } = "";
        public TaskProgressStatus Status { get; set; }
        public int? Percent { get; set; }
        public string? Results { get; set; }
        public string? Difficulties { get; set; }
        public string? Proposals { get; set; }
    }

    public sealed class IndicatorInput
    {
        public Guid IndicatorId { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public IndicatorUnit Unit { get; set; }
        public IndicatorAggregation Aggregation { get; set; }
        public decimal? Value { get; set; }
        public decimal? Numerator { get; set; }
        public decimal? Denominator { get; set; }
        public string? Comment { get; set; }

        public bool IsRate => Aggregation == IndicatorAggregation.Rate;

        public decimal? Computed => IsRate
            ? Numerator is null || Denominator is null or 0 ? null : Numerator / Denominator * Indicator.ScaleOf(Unit)
            : Value;
    }

    public static ReportForm From(ReportDetails r) => new()
    {
        Areas = r.TaskAreas.Select(a => new AreaInput
        {
            TaskAreaId = a.TaskAreaId,
            Number = a.Number,
            Title = a.Title,
            Status = a.Status,
            Percent = a.PercentComplete,
            Results = a.Results,
            Difficulties = a.Difficulties,
            Proposals = a.Proposals,
        }).ToList(),
        Indicators = r.IndicatorValues.Select(i => new IndicatorInput
        {
            IndicatorId = i.IndicatorId,
            Code = i.Code,
            Name = i.Name,
            Unit = i.Unit,
            Aggregation = i.Aggregation,
            Value = i.Value,
            Numerator = i.Numerator,
            Denominator = i.Denominator,
            Comment = i.Comment,
        }).ToList(),
    };

    public SaveReportRequest ToRequest(uint version) => new(version,
        Areas.Select(a => new TaskAreaInput(a.TaskAreaId, a.Status, a.Percent, a.Results, a.Difficulties, a.Proposals)).ToList(),
        Indicators.Select(i => new IndicatorValueInput(i.IndicatorId, i.IsRate ? null : i.Value, i.IsRate ? i.Numerator : null,
            i.IsRate ? i.Denominator : null, i.Comment)).ToList());

    public string ToJson() => JsonSerializer.Serialize(this);

    public static ReportForm? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ReportForm>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
