using System.Globalization;
using ChildCare.Core.Domain;

namespace ChildCare.Core.Text;

/// <summary>One way to show an indicator's value everywhere — screens and exports — in Vietnamese number format.</summary>
public static class IndicatorFormat
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static string Value(decimal? value, IndicatorUnit unit, string missing = "—") => value is null ? missing : unit switch
    {
        IndicatorUnit.Percent => value < 1 ? $"{value.Value.ToString("N3", Vi)}%" : $"{value.Value.ToString("N1", Vi)}%",
        IndicatorUnit.PerThousand => $"{value.Value.ToString("N2", Vi)}‰",
        IndicatorUnit.PerHundredThousand => $"{value.Value.ToString("N1", Vi)}/100.000",
        IndicatorUnit.MillionVnd => $"{value.Value.ToString("N0", Vi)} triệu đồng",
        _ => value.Value.ToString("N0", Vi),
    };
}
