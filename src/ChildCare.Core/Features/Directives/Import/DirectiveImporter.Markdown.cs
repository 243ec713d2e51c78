using System.Text.RegularExpressions;
using ChildCare.Core.Domain;

namespace ChildCare.Core.Features.Directives.Import;

/// <summary>A document exported to Markdown (pandoc, a wiki, a converter), read as the plain text it stands for.</summary>
public static partial class DirectiveImporter
{
    /// <summary>
    /// A Markdown export lays a party document's two-column header and its signature block out as table rows ("| Nơi nhận:
    /// … | T/M BỘ CHÍNH TRỊ<br>(Đã ký)<br>Tô Lâm |"), breaks lines inside a cell with "&lt;br&gt;", and escapes numbering
    /// ("1\."): each cell becomes its own lines (left column first, as a flattened Word table), separator rows go, the
    /// escapes become the characters they stand for, and a line wrapped in one pair of "*" (italics) loses them. A text with
    /// none of these comes back as it was.
    /// </summary>
    internal static string FromMarkdown(string text)
    {
        if (!text.Contains('|') && !text.Contains('\\') && !text.Contains("<br", StringComparison.OrdinalIgnoreCase)) return text;
        var lines = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var cells = line.Length > 1 && line.StartsWith('|') && line.EndsWith('|') ? line[1..^1].Split('|') : [line];
            if (cells.Length > 1 && cells.All(c => TableRule().IsMatch(c))) continue; // | --- | :---: |
            foreach (var cell in cells)
                foreach (var part in BreakTag().Split(cell))
                {
                    var plain = MarkdownEscape().Replace(part.Trim(), "$1");
                    if (plain.Length > 2 && plain[0] == '*' && plain[^1] == '*' && plain[1] != '*') plain = plain[1..^1].Trim();
                    lines.Add(plain);
                }
        }
        return string.Join('\n', lines);
    }

    /// <summary>A web page's one-line heading "KẾT LUẬN CỦA BỘ CHÍNH TRỊ" read as the two lines a document prints.</summary>
    private static IEnumerable<string> KindHeading(string line) =>
        KindOfHeading().Match(line) is { Success: true } m ? [m.Groups[1].Value, m.Groups[2].Value] : [line];

    private static DirectiveKind KindOfWord(string word) => word switch
    {
        _ when word.StartsWith("CHỈ THỊ", StringComparison.Ordinal) => DirectiveKind.Directive,
        _ when word.StartsWith("NGHỊ QUYẾT", StringComparison.Ordinal) => DirectiveKind.Resolution,
        _ when word.StartsWith("KẾT LUẬN", StringComparison.Ordinal) => DirectiveKind.Conclusion,
        _ when word.StartsWith("QUYẾT ĐỊNH", StringComparison.Ordinal) => DirectiveKind.Decision,
        _ when word.StartsWith("QUY ĐỊNH", StringComparison.Ordinal) => DirectiveKind.Regulation,
        _ when word.StartsWith("KẾ HOẠCH", StringComparison.Ordinal) => DirectiveKind.Plan,
        _ when word.StartsWith("HƯỚNG DẪN", StringComparison.Ordinal) => DirectiveKind.Guidance,
        _ when word.StartsWith("CHƯƠNG TRÌNH", StringComparison.Ordinal) => DirectiveKind.ActionProgramme,
        _ => DirectiveKind.Other,
    };

    [GeneratedRegex(@"^(CHỈ THỊ|NGHỊ QUYẾT|KẾT LUẬN|QUY ĐỊNH|QUYẾT ĐỊNH|KẾ HOẠCH|HƯỚNG DẪN|CHƯƠNG TRÌNH HÀNH ĐỘNG)\s+(CỦA\s+[\p{Lu}\d ,()\-.]+)$")]
    private static partial Regex KindOfHeading();

    /// <summary>"Nơi nhận:" — the recipients' heading, not a sentence that starts with the words ("Nơi nhận báo cáo: …").</summary>
    [GeneratedRegex(@"^Nơi nhận\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex RecipientsLine();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakTag();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!|])")]
    private static partial Regex MarkdownEscape();

    [GeneratedRegex(@"^\s*:?-{3,}:?\s*$")]
    private static partial Regex TableRule();
}
