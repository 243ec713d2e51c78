using System.Globalization;
using System.Text.RegularExpressions;
using ChildCare.Core.Domain;
using ChildCare.Core.Text;

namespace ChildCare.Core.Features.Directives.Import;

/// <summary>The importer's reading of lines and paragraphs: signature blocks, page furniture, headings, numbered items, dates and numbers.</summary>
public static partial class DirectiveImporter
{
    /// <summary>
    /// The signature block: "T/M BAN THƯỜNG VỤ", then perhaps the signer's post ("PHÓ BÍ THƯ"), "(đã ký)" and the name;
    /// or all of it on one line ("T/M BỘ CHÍNH TRỊ (Đã ký) Trương Thị Mai").
    /// </summary>
    private static (string Title, string? Signer) Signature(List<string> lines, int at)
    {
        var first = lines[at];
        var inline = InlineSigned().Match(first);
        if (inline.Success) return (inline.Groups[1].Value.Trim(), inline.Groups[2].Value.Trim());
        var title = first;
        foreach (var line in lines.Skip(at + 1).Take(8))
        {
            if (line.Length == 0 || SignedMark().IsMatch(line)) continue;
            if (line.StartsWith("Nơi nhận", StringComparison.Ordinal)) break;
            if (SignedPattern().Match(line) is { Success: true } s && line.StartsWith("Đã ký", StringComparison.OrdinalIgnoreCase)) return (title, s.Groups[1].Value.Trim());
            if ((line == line.ToUpper(Vi) && line.Any(char.IsLetter)) || SignerPost().IsMatch(line)) title += "\n" + line; // the post: "PHÓ BÍ THƯ", "Tổng Bí thư"
            else return (title, line);
        }
        return (title, null);
    }

    /// <summary>
    /// Page furniture out, line for line (a removed line becomes blank, so indices still match the source):
    /// centred page numbers ("- 2 -", "Trang 2", "2/5") and a running header — a line below the document's own
    /// header that recurs on the pages: next to a page number, or on three pages or more and not a sentence.
    /// A line that merely recurs in the body (a sub-heading used twice) stays.
    /// </summary>
    private static List<string> WithoutPageFurniture(List<string> lines)
    {
        const int headerLines = 12;
        bool NearPageNumber(int i) => Enumerable.Range(i - 2, 5).Any(j => j >= 0 && j < lines.Count && j != i && PageNumber().IsMatch(lines[j]));
        var repeated = Enumerable.Range(headerLines, Math.Max(0, lines.Count - headerLines))
            .Where(i => lines[i].Length >= 10 && !BulletPattern().IsMatch(lines[i]) && !NumberedPattern().IsMatch(lines[i]))
            .GroupBy(i => lines[i], StringComparer.Ordinal)
            .Where(g => g.Count() >= 2 && (g.Any(NearPageNumber) || (g.Count() >= 3 && !EndsSentence(g.Key))))
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return lines.Select((l, i) => PageNumber().IsMatch(l) || (i >= headerLines && repeated.Contains(l)) ? "" : l).ToList();
    }

    /// <summary>"BỘ CHÍNH TRỊ", "Bộ Chính trị, Ban Bí thư": the central bodies named, in their usual spelling; null if any part is not one.</summary>
    private static string? KnownIssuer(string text)
    {
        var parts = IssuerSeparator().Split(text.Trim().TrimEnd('.', ',')).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var names = parts.Select(p => Issuers.GetValueOrDefault(TextFolding.Fold(p))).ToList();
        return names.Count > 0 && names.All(n => n is not null) ? string.Join(", ", names) : null;
    }

    /// <summary>
    /// How many lines the title takes: its first line, then the lines that carry it on — in lower case
    /// ("… đáp ứng yêu cầu / phát triển đất nước …") or, after an upper-case line, in upper case — up to a blank line or a rule.
    /// </summary>
    private static int TitleLength(List<string> lines, int at)
    {
        var length = 1;
        while (at + length < lines.Count)
        {
            var line = lines[at + length];
            var previous = lines[at + length - 1];
            if (line.Length == 0 || IsRule(line) || EndsSentence(previous) && previous.EndsWith(':')) break;
            var carriesOn = char.IsLower(line[0]) || (IsUpper(previous) && IsUpper(line) && !NumberedPattern().IsMatch(line));
            if (!carriesOn) break;
            length++;
        }
        return length;
    }

    private static bool IsUpper(string line) => line.Any(char.IsLetter) && line == line.ToUpper(Vi);

    /// <summary>A heading on a line of its own, which a pasted text without blank lines runs into the next paragraph.</summary>
    private static bool IsHeadingLine(string line) =>
        ResolvedHeading().IsMatch(line) || ImplementationHeading().Match(line) is { Success: true } h && h.Groups[1].Value.Length == 0
        || ChapterPattern().IsMatch(line) || (IsUpper(line) && line.Length >= 4 && !SignerTitlePattern().IsMatch(line));

    private static bool IsRule(string line) => line.Length >= 3 && line.All(c => c is '-' or '*' or '_' or '–' or ' ');

    private static bool IsRomanHeading(string p) => RomanHeading().IsMatch(p);

    /// <summary>"II. NHIỆM VỤ, GIẢI PHÁP", "III- Nhiệm vụ và giải pháp": a Roman section on tasks (in capitals, or short and not a sentence).</summary>
    private static bool IsTaskSectionHeading(string p)
    {
        var m = NumberedPattern().Match(p);
        if (!m.Success || !m.Groups[1].Value.All(c => c is 'I' or 'V' or 'X')) return false;
        var heading = m.Groups[2].Value.Trim();
        return (RomanHeading().IsMatch(p) || (heading.Length <= 80 && !EndsSentence(heading)))
            && TextFolding.Fold(heading).Contains("nhiem vu", StringComparison.Ordinal);
    }

    private static ProposedTaskArea Area(int number, List<string> paragraphs)
    {
        var text = string.Join("\n\n", paragraphs);
        var first = paragraphs[0];
        var cut = first.IndexOfAny([';', '.']);
        var title = cut > 0 ? first[..cut] : first;
        return new ProposedTaskArea(number, Cut(title, 200), text);
    }

    /// <summary>Lines into paragraphs: blank lines separate, noise is dropped, and a paragraph cut by a page break is joined.</summary>
    private static List<string> Paragraphs(List<string> lines)
    {
        var result = new List<string>();
        var buffer = new List<string>();
        void Flush()
        {
            if (buffer.Count == 0) return;
            var p = string.Join(" ", buffer).Trim();
            buffer.Clear();
            if (p.Length == 0) return;
            // A paragraph that does not end a sentence, followed by one starting in lower case, is one sentence broken by the page.
            if (result.Count > 0 && !EndsSentence(result[^1]) && char.IsLower(p[0])) result[^1] += " " + p;
            else result.Add(p);
        }
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            if (IsNoise(line) || IsRule(line)) continue;
            // A bullet, a numbered item, an article, a heading or the closing sentence starts a paragraph of its own even without a
            // blank line before it (a text pasted from a web page has none); and a heading on its own line ends its paragraph.
            if (buffer.Count > 0 && (BulletPattern().IsMatch(line) || NumberedPattern().IsMatch(line) || ArticlePattern().IsMatch(line)
                || ClosingPattern().IsMatch(line) || IsHeadingLine(line) || (buffer.Count == 1 && IsHeadingLine(buffer[0])))) Flush();
            buffer.Add(line);
        }
        Flush();
        return result;
    }

    private static bool EndsSentence(string p) => p.Length > 0 && ".;:!?\"”)".Contains(p[^1]);

    /// <summary>Stamp and metadata lines that OCR puts between the directive's own lines.</summary>
    private static bool IsNoise(string line) =>
        NoisePattern().IsMatch(line) || (line.Length <= 3 && !BulletPattern().IsMatch(line) && !NumberedPattern().IsMatch(line + " x"));

    private static DateOnly? ToDate(Match m) =>
        int.TryParse(m.Groups[2].Value, out var d) && int.TryParse(m.Groups[3].Value, out var mo) && int.TryParse(m.Groups[4].Value, out var y)
        && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) ? new DateOnly(y, mo, d) : null;

    private static DateOnly? ShortDate(string d, string m, string y)
    {
        if (!int.TryParse(d, out var day) || !int.TryParse(m, out var month) || !int.TryParse(y, out var year) || month is < 1 or > 12) return null;
        if (year < 100) year += 2000;
        return day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static int? Number(string token) => int.TryParse(token, out var n) ? n : Roman(token);

    private static int? Roman(string s)
    {
        var values = new Dictionary<char, int> { ['I'] = 1, ['V'] = 5, ['X'] = 10 };
        if (s.Length == 0 || s.Any(c => !values.ContainsKey(c))) return null;
        var total = 0;
        for (var i = 0; i < s.Length; i++)
            total += i + 1 < s.Length && values[s[i]] < values[s[i + 1]] ? -values[s[i]] : values[s[i]];
        return total;
    }

    private static string Sentence(string upper)
    {
        var lower = upper.Trim().ToLower(Vi);
        return lower.Length == 0 ? lower : char.ToUpper(lower[0], Vi) + lower[1..];
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max].TrimEnd() + "…";
}
