using System.Globalization;
using System.Text;
using ChildCare.Core.Text;

namespace ChildCare.Core.Features.Exports;

/// <summary>Indicator values in tidy form — one row per unit × period × indicator — UTF-8 with BOM so Excel shows Vietnamese.</summary>
public static class CsvSummaryWriter
{
    public static readonly string[] Header =
        ["Mã đơn vị", "Đơn vị", "Kỳ", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Giá trị", "Tử số", "Mẫu số", "Tỷ lệ / giá trị tính"];

    public static async Task WriteAsync(SummaryData d, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteLineAsync(string.Join(",", Header.Select(Quote)));
        foreach (var v in d.Values)
        {
            ct.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(string.Join(",", new[]
            {
                Quote(v.UnitCode), Quote(v.UnitName), Quote(v.PeriodCode), Quote(v.IndicatorCode), Quote(v.IndicatorName), Quote(Labels.Of(v.Unit)),
                Num(v.Value), Num(v.Numerator), Num(v.Denominator), Num(v.ComputedValue is { } c ? Math.Round(c, 4) : null),
            }));
        }
    }

    // Numbers with a dot and no grouping, so any program reads them as numbers.
    private static string Num(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    // A text cell: never read as a formula (SpreadsheetText), quoted when it holds a separator, a quote or a line break.
    private static string Quote(string text)
    {
        text = SpreadsheetText.ForCsv(text);
        return text.IndexOfAny([',', '"', '\n', '\r', '\t']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
