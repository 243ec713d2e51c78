using System.Globalization;
using ChildCare.Core.Domain;
using ChildCare.Core.Text;

namespace ChildCare.Core.Features.Reports;

/// <summary>The Excel form's status column: what a cell shows, and the status an uploaded cell names.</summary>
internal static class WorkbookStatus
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A status cell reads "2 · Đúng tiến độ": the code (1–5, the statuses' order) is what the upload parses, so a renamed
    /// label or a workbook read in another language still says the same; the words are for the person filling it.
    /// </summary>
    public static string Cell(TaskProgressStatus status) => $"{Code(status)} · {Labels.Of(status)}";

    private static int Code(TaskProgressStatus status) => (int)status + 1;

    /// <summary>
    /// The status a cell names: by its leading code ("2 · …", "2"), or — for a cell typed by hand — by the status's words
    /// in any language the portal speaks.
    /// </summary>
    public static TaskProgressStatus? Parse(string text)
    {
        // The code alone, or the code, the separator and the words: "2", "2 · Đúng tiến độ" — not "2.5" or "5%".
        var digits = new string(text.TakeWhile(char.IsAsciiDigit).ToArray());
        var rest = text[digits.Length..].TrimStart();
        if (digits.Length > 0 && rest.Length > 0 && rest[0] != '·') return null;
        if (digits.Length > 0)
            return int.TryParse(digits, NumberStyles.None, Invariant, out var code) && Enum.IsDefined((TaskProgressStatus)(code - 1))
                ? (TaskProgressStatus)(code - 1) : null;
        foreach (var status in Enum.GetValues<TaskProgressStatus>())
            if (Cultures.Supported.Any(c => string.Equals(Labels.Find($"{nameof(TaskProgressStatus)}.{status}", CultureInfo.GetCultureInfo(c)), text,
                    StringComparison.OrdinalIgnoreCase)))
                return status;
        return null;
    }

    /// <summary>The list an error message gives, in the form's language (Vietnamese).</summary>
    public static string Choices => Labels.Vi(() => string.Join(", ", Enum.GetValues<TaskProgressStatus>().Select(Cell)));
}
