using System.Text;

namespace ChildCare.Core.Text;

/// <summary>
/// What any text a user sends must satisfy before it is stored, one rule for every path (API, form, workbook, CSV,
/// reorganisation, import), applied by <see cref="Data.WriteGuardInterceptor"/> to every string written:
/// <list type="bullet">
/// <item><b>Stripped</b> (<see cref="Clean"/>): characters that only hide or reorder content — bidirectional controls
/// (U+200E/F, U+061C, U+202A–E, U+2066–9), U+FEFF and the C1 controls (U+0080–U+009F). They carry no letter of
/// Vietnamese or English text; dropping them keeps what the person typed or pasted (a report is never refused for an
/// invisible mark copied from a web page). NEL (U+0085) and U+2028/9 are line breaks.</item>
/// <item><b>Line breaks and tabs in one-line fields</b> (names, codes, e-mail addresses, titles, subjects): become a
/// space, so a name can never carry a header line into an e-mail ("a\r\nBcc: …").</item>
/// <item><b>Refused</b> (<see cref="Problem"/>): NUL, which PostgreSQL cannot store, and the rest of C0 and DEL, which
/// have no place in text — a 400 naming the field, nothing stored.</item>
/// </list>
/// </summary>
public static class TextInput
{
    /// <summary>The Vietnamese reason <paramref name="value"/> cannot be stored, or null when it can.</summary>
    public static string? Problem(string? value, int? maxLength)
    {
        if (value is null) return null;
        if (maxLength is { } max && value.Length > max) return $"Nội dung dài {value.Length:N0} ký tự, vượt giới hạn {max:N0} ký tự.";
        foreach (var c in value)
            if (c < ' ' && c is not ('\t' or '\n' or '\r') || c == '\u007f')
                return c == '\0'
                    ? "Nội dung chứa ký tự NUL (mã 0), không lưu được; hãy gõ lại hoặc dán dưới dạng văn bản thuần."
                    : $"Nội dung chứa ký tự điều khiển không hợp lệ (mã {(int)c}).";
        return null;
    }

    /// <summary>Bidirectional and other invisible format controls (e.g. U+202E makes "hoso‮fdp.exe" look like "hosoexe.pdf").</summary>
    public static bool IsHidden(char c) =>
        c is '\u200e' or '\u200f' or '\u061c' or '\ufeff' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069')
        || (c is >= '\u0080' and <= '\u009f' && c != '\u0085');

    private static bool IsLineBreak(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>Whether <see cref="Clean"/> would change <paramref name="value"/> (most strings: no, and no copy is made).</summary>
    public static bool NeedsCleaning(string value, bool singleLine)
    {
        foreach (var c in value)
            if (IsHidden(c) || c is '\u0085' or '\u2028' or '\u2029' || singleLine && c is '\r' or '\n' or '\t') return true;
        return false;
    }

    /// <summary>The text with hidden controls removed and, for one-line fields, line breaks and tabs as single spaces.</summary>
    public static string Clean(string value, bool singleLine)
    {
        if (!NeedsCleaning(value, singleLine)) return value;
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsHidden(c)) continue;
            if (singleLine && (IsLineBreak(c) || c == '\t'))
            {
                if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n') i++;
                sb.Append(' ');
                continue;
            }
            sb.Append(c is '\u0085' or '\u2028' or '\u2029' ? '\n' : c);
        }
        return sb.ToString();
    }

    public static string WithoutBidiControls(string value) => Clean(value, singleLine: true);
}
