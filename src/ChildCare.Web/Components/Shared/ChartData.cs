using System.Globalization;

namespace ChildCare.Web.Components.Shared;

/// <summary>One series of a chart: a name, a colour with enough contrast on white, a value (or none) per label, and what the
/// table says where a value is missing (a dash unless a note explains it).</summary>
public sealed record ChartLine(string Name, string Color, IReadOnlyList<decimal?> Values, IReadOnlyList<string?>? Notes = null);

/// <summary>What a <see cref="ChartFigure"/> draws and tabulates: labels along the axis, the series, how values read, and one
/// sentence for a screen reader.</summary>
public sealed record ChartData(string LabelHeader, IReadOnlyList<string> Labels, IReadOnlyList<ChartLine> Series, Func<decimal, string> Format, string Summary)
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Whole numbers as 12.345, others with up to two decimals (12,5): Vietnamese separators whatever the UI language.</summary>
    public static string Number(decimal value) => value.ToString(value == decimal.Truncate(value) ? "N0" : "#,##0.##", Vietnamese);
}
