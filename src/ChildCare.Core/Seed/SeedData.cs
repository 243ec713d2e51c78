using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChildCare.Core.Domain;
using ChildCare.Core.Text;

namespace ChildCare.Core.Seed;

/// <summary>The reference data shipped inside the assembly: org units, Directive 28-CT/TW and its indicators.</summary>
public static class SeedData
{
    public sealed record OrgUnitRow(string Code, string? ParentCode, OrgUnitKind Kind, string Name, string? ShortName,
        DateOnly? ValidFrom, DateOnly? ValidTo, string? Note);

    public sealed record IndicatorRow(string Code, int TaskArea, string Name, string NameEn, IndicatorUnit Unit,
        IndicatorAggregation Aggregation, IndicatorDirection Direction, IndicatorNature Nature,
        IReadOnlyList<TargetRow> Targets, string? Note, SummaryFigure? Figure = null, bool InAnnex = false);

    public sealed record TargetRow(int Year, decimal? Value, string? Source, string? Description);

    public sealed record DirectiveSeed(string Code, DirectiveKind Kind, string IssuingBody, DateOnly IssuedOn, string Place,
        string Title, string Preamble, string SignerTitle, string Signer, string Continues, string ClosingNote,
        List<OrgUnitKind> ReportingUnitKinds, List<TaskAreaSeed> TaskAreas, List<AssignmentSeed> Assignments,
        DisseminationSeed Dissemination);

    public sealed record TaskAreaSeed(int Number, string Title, string Text);

    public sealed record AssignmentSeed(int Number, int? TaskArea, string Text, List<PartySeed> Parties);

    public sealed record PartySeed(AssignmentRole Role, string Body, string? OrgUnitCode, OrgUnitKind? OrgUnitKind);

    public sealed record DisseminationSeed(List<ReceiptSeed> Receipts, List<CopySeed> Copies);

    public sealed record ReceiptSeed(string OrgUnitCode, string IncomingNumber, DateOnly ReceivedOn, string From, string? Note);

    public sealed record CopySeed(string OrgUnitCode, string Number, DateOnly IssuedOn, string Issuer, string SignerTitle,
        string Signer, List<string> Recipients);

    /// <summary>Targets the CSV cannot hold in its two columns: a second source, or a target that is not a number.</summary>
    private static readonly Dictionary<string, TargetRow[]> ExtraTargets = new()
    {
        ["CT28-13"] = [new(2025, 20, "Quyết định 1896/QĐ-TTg", null), new(2030, 19, "Quyết định 1896/QĐ-TTg", null)],
        ["CT28-17"] =
        [
            new(2025, null, "Quyết định 1248/QĐ-TTg", "Giảm 10% so với năm 2020"),
            new(2030, null, "Quyết định 1248/QĐ-TTg", "Giảm 20% so với năm 2020"),
        ],
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string DirectiveSourceText() => ReadResource("chi-thi-28-CT-TW.txt");

    public static DirectiveSeed Directive28() =>
        JsonSerializer.Deserialize<DirectiveSeed>(ReadResource("directive-28-CT-TW.json"), Json)
        ?? throw new InvalidOperationException("directive-28-CT-TW.json is empty");

    public static IReadOnlyList<OrgUnitRow> OrgUnits()
    {
        using var reader = new StringReader(ReadResource("org-units.csv"));
        return Csv.ReadWithHeader(reader).Select(r => new OrgUnitRow(
            r["code"], NullIfEmpty(r["parent_code"]), ParseKind(r["kind"]), r["name"], NullIfEmpty(r["short_name"]),
            ParseDate(r["valid_from"]), ParseDate(r["valid_to"]), NullIfEmpty(r["note"]))).ToList();
    }

    public static IReadOnlyList<IndicatorRow> Indicators()
    {
        using var reader = new StringReader(ReadResource("indicators-28-CT-TW.csv"));
        return Csv.ReadWithHeader(reader).Select(r =>
        {
            var aggregation = r["aggregation"] == "rate" ? IndicatorAggregation.Rate : IndicatorAggregation.Sum;
            var source = NullIfEmpty(r["source"]);
            var targets = new List<TargetRow>();
            foreach (var (year, column) in new[] { (2025, "target_2025"), (2030, "target_2030") })
                if (decimal.TryParse(r[column], NumberStyles.Number, CultureInfo.InvariantCulture, out var v))
                    targets.Add(new TargetRow(year, v, source, null));
            if (ExtraTargets.TryGetValue(r["code"], out var extra)) targets.AddRange(extra);
            return new IndicatorRow(r["code"], int.Parse(r["task_area"], CultureInfo.InvariantCulture), r["name_vi"], r["name_en"],
                ParseUnit(r["unit"]), aggregation, ParseDirection(r["direction"]),
                // Counts are events of the period and add up; rates are levels and the latest period counts.
                aggregation == IndicatorAggregation.Sum ? IndicatorNature.Flow : IndicatorNature.Stock,
                targets, NullIfEmpty(r["note"]), Figure(r["summary"]), r["summary"].Split(';').Contains("annex"));
        }).ToList();
    }

    /// <summary>The summary column: "plans-issued;annex" → the figure it gives, and whether the annex quotes it.</summary>
    private static SummaryFigure? Figure(string summary) => summary.Split(';').Select(s => s.Trim()).FirstOrDefault(s => s != "annex" && s.Length > 0) switch
    {
        null => null,
        "plans-issued" => SummaryFigure.PlansIssued,
        "conferences" => SummaryFigure.Conferences,
        "attendance" => SummaryFigure.Attendance,
        "members-reached" => SummaryFigure.MembersReached,
        var other => throw new FormatException($"Unknown summary figure '{other}'"),
    };

    public static OrgUnitKind ParseKind(string kind) => kind switch
    {
        "central-committee" => OrgUnitKind.CentralCommittee,
        "central-body" => OrgUnitKind.CentralBody,
        "state-agency" => OrgUnitKind.StateAgency,
        "mass-organization" => OrgUnitKind.MassOrganization,
        "provincial-committee" => OrgUnitKind.ProvincialCommittee,
        "district-committee" => OrgUnitKind.DistrictCommittee,
        "grassroots-committee" => OrgUnitKind.GrassrootsCommittee,
        _ => throw new FormatException($"Unknown org unit kind '{kind}'"),
    };

    public static IndicatorUnit ParseUnit(string unit) => unit.Trim() switch
    {
        "%" => IndicatorUnit.Percent,
        "count" => IndicatorUnit.Count,
        "million VND" => IndicatorUnit.MillionVnd,
        var u when u.StartsWith("per 1000 ", StringComparison.Ordinal) || u == "per 1000" => IndicatorUnit.PerThousand,
        var u when u.StartsWith("per 100000", StringComparison.Ordinal) => IndicatorUnit.PerHundredThousand,
        _ => throw new FormatException($"Unknown indicator unit '{unit}'"),
    };

    private static IndicatorDirection ParseDirection(string direction) => direction switch
    {
        "higher" => IndicatorDirection.Higher,
        "lower" => IndicatorDirection.Lower,
        _ => IndicatorDirection.None,
    };

    private static DateOnly? ParseDate(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static string ReadResource(string name)
    {
        using var stream = typeof(SeedData).Assembly.GetManifestResourceStream($"ChildCare.Core.Seed.{name}")
            ?? throw new InvalidOperationException($"Embedded seed file {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
