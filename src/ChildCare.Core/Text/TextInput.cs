namespace ChildCare.Core.Text;

/// <summary>
/// What any text a user sends must satisfy before it is stored: within its length, and free of the
/// control characters PostgreSQL refuses (NUL) or that only hide content (the rest of C0, except tab
/// and line breaks). One rule for the services' field messages and for the last guard before a write.
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

    /// <summary>Bidirectional controls (e.g. U+202E) make "hoso‮fdp.exe" look like "hosoexe.pdf": never part of a name.</summary>
    public static string WithoutBidiControls(string value) =>
        string.Concat(value.Where(c => c is not ('\u200e' or '\u200f' or '\u061c') && c is not (>= '\u202a' and <= '\u202e') && c is not (>= '\u2066' and <= '\u2069')));
}
