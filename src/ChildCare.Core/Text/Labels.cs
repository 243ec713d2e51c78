using System.Globalization;
using System.Resources;
using ChildCare.Core.Domain;

namespace ChildCare.Core.Text;

/// <summary>
/// The domain's words — enum values, roles, compliance columns, map classes — in the current UI language: the one place
/// per language (Labels.resx Vietnamese, Labels.en.resx English) that screens, e-mails, exports and the Excel form ask.
/// Official documents pin Vietnamese with <see cref="Vietnamese"/>.
/// </summary>
public static class Labels
{
    private static readonly ResourceManager Resources = new("ChildCare.Core.Text.Labels", typeof(Labels).Assembly);

    private static readonly CultureInfo VietnameseCulture = CultureInfo.GetCultureInfo(Cultures.Vietnamese);

    /// <summary>The word for <paramref name="key"/> ("ReportStatus.Draft") in the current UI language, or null if there is none.</summary>
    public static string? Find(string key, CultureInfo? culture = null) => Resources.GetString(key, culture ?? CultureInfo.CurrentUICulture);

    private static string Get(string key, string fallback) => Find(key) ?? fallback;

    private static string OfEnum<T>(T value, bool hasDefault = false) where T : struct, Enum =>
        Find($"{typeof(T).Name}.{value}") ?? (hasDefault ? Get($"{typeof(T).Name}._", value.ToString()) : value.ToString());

    /// <summary>
    /// Runs the rest of a using block in Vietnamese (an official document — the party-format summary, the Excel form —
    /// is written in Vietnamese whatever the reader's screen language), and puts the caller's language back at its end.
    /// </summary>
    public static IDisposable Vietnamese() => new CultureScope(VietnameseCulture);

    /// <summary>Words for a Vietnamese sentence or a stored text, whatever the reader's screen language: <c>Labels.Vi(() => Labels.Of(kind))</c>.</summary>
    public static string Vi(Func<string> words)
    {
        using var vietnamese = Vietnamese();
        return words();
    }

    /// <summary>A key's word in every language the portal speaks: what a person may have typed, in either.</summary>
    public static IEnumerable<string> InEveryLanguage(string key) =>
        Cultures.Supported.Select(c => Find(key, CultureInfo.GetCultureInfo(c))).OfType<string>();

    /// <summary>The resource key of a role's name (for <see cref="InEveryLanguage"/>).</summary>
    public static string RoleKey(string role) => $"Role.{role}";

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }

    /// <summary>The compliance columns of the dashboard and the summary exports (Word, PDF, Excel, CSV).</summary>
    public static class Compliance
    {
        public static string OnTime => Get("Compliance.OnTime", "OnTime");
        public static string Late => Get("Compliance.Late", "Late");
        public static string Missing => Get("Compliance.Missing", "Missing");
        public static string Returned => Get("Compliance.Returned", "Returned");
        public static string Accepted => Get("Compliance.Accepted", "Accepted");
        public static string Unsigned => Get("Compliance.Unsigned", "Unsigned");
    }

    /// <summary>A role's name as people say it (Cán bộ báo cáo, Reporter).</summary>
    public static string Role(string role) => Get(RoleKey(role), role);

    /// <summary>A map class ("on-time", "missing", "met", …) as its legend says it.</summary>
    public static string MapClass(string mapClass) => mapClass switch
    {
        "accepted" => Compliance.Accepted,
        "on-time" => Compliance.OnTime,
        "late" => Compliance.Late,
        "missing" => Compliance.Missing,
        _ => Get($"MapClass.{mapClass}", mapClass),
    };

    /// <summary>"whole", "part", "remainder", "rename", "move" as a reader says them.</summary>
    public static string Mapping(string mapping) => Get($"Mapping.{mapping.ToLowerInvariant()}", mapping);

    /// <summary>Which part of a report an audit line is about, by the entity the audit recorded.</summary>
    public static string AuditPart(string entityType) => Get($"AuditPart.{entityType}", entityType);

    public static string Of(ReorganisationStatus status) => OfEnum(status);

    public static string Of(OrgUnitKind kind) => OfEnum(kind);

    public static string Of(DirectiveKind kind) => OfEnum(kind, hasDefault: true);

    public static string Of(DirectiveStatus status) => OfEnum(status);

    public static string Of(AssignmentRole role) => OfEnum(role);

    public static string Of(IndicatorUnit unit) => OfEnum(unit);

    public static string Of(IndicatorAggregation aggregation) => OfEnum(aggregation);

    public static string Of(IndicatorDirection direction) => OfEnum(direction, hasDefault: true);

    public static string Of(IndicatorNature nature) => OfEnum(nature);

    public static string Of(PeriodState state) => OfEnum(state);

    public static string Of(ReportStatus status) => OfEnum(status);

    /// <summary>A step of a report's history, as the report page's timeline shows it.</summary>
    public static string Of(ReportAction action) => OfEnum(action);

    public static string Of(TaskProgressStatus status) => OfEnum(status);
}
