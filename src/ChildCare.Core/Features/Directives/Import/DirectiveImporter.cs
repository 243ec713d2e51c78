using System.Globalization;
using System.Text.RegularExpressions;
using ChildCare.Core.Domain;
using ChildCare.Core.Text;

namespace ChildCare.Core.Features.Directives.Import;

/// <summary>
/// Reads a party directive from its text (often an OCR'd, stamped, certified copy) into a proposal:
/// code and kind, issuer, place and date, title, preamble, the numbered task areas, the implementation
/// section as assignments, the signer, the registry stamps, and warnings for what looks wrong.
/// Noise — registry stamps and signature metadata between the lines, page furniture (centred page numbers
/// "- 2 -", "Trang 2", "2/5" and a running header repeated on each page), a sentence broken by a page
/// break — is recognised and set aside rather than allowed to break the structure.
/// <para>
/// Layouts: a clean file (header in two columns by spaces), a Word table pasted as text (columns by tabs), a web
/// page pasted (header flattened into one column, the date split across lines, no blank lines), a signature on one
/// line ("T/M BỘ CHÍNH TRỊ (Đã ký) Trương Thị Mai"), and no header at all, when the code, date and issuer are only in
/// the opening sentence ("Kết luận số 185-KL/TW ngày 22/8/2025 của Bộ Chính trị, Ban Bí thư về …").
/// </para>
/// <para>
/// Kinds: the code's letters (CT, NQ, KL, KH, CTr, HD); "QĐ" is a Quy định (Regulation) or a Quyết định (Decision)
/// by the title word. Tasks are the numbered items ("1." or "1-", "I." or "I-") up to the implementation section;
/// in a resolution or plan with Roman sections, the items of the section on tasks ("III- NHIỆM VỤ VÀ GIẢI PHÁP");
/// in a resolution of a plenum, the decisions after "QUYẾT NGHỊ". A conclusion's last item "Tổ chức thực hiện"
/// (its clauses below it, or inline after the colon) is the implementation section, not a task.
/// A Quy định or Quyết định is made of articles (Điều), which are rules, not tasks to report on: it gets no task
/// areas (with a warning, so the person importing it may add tasks by hand), and its implementation article
/// ("Điều 6. Tổ chức thực hiện", "Trách nhiệm thi hành", or the article naming who "chịu trách nhiệm thi hành")
/// gives the assignments.
/// </para>
/// </summary>
public static partial class DirectiveImporter
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static readonly Dictionary<string, DirectiveKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CT"] = DirectiveKind.Directive,
        ["NQ"] = DirectiveKind.Resolution,
        ["KL"] = DirectiveKind.Conclusion,
        ["QĐ"] = DirectiveKind.Decision,
        ["QĐi"] = DirectiveKind.Regulation,
        ["KH"] = DirectiveKind.Plan,
        ["HD"] = DirectiveKind.Guidance,
        ["CTr"] = DirectiveKind.ActionProgramme,
    };

    private static readonly Dictionary<string, string> Issuers = new()
    {
        ["bo chinh tri"] = "Bộ Chính trị",
        ["ban bi thu"] = "Ban Bí thư",
        ["ban bi thu trung uong dang"] = "Ban Bí thư",
        ["ban chap hanh trung uong"] = "Ban Chấp hành Trung ương",
        ["ban chap hanh trung uong dang"] = "Ban Chấp hành Trung ương",
    };

    public static DirectiveProposal Parse(string source, IReadOnlyList<KnownUnit> units)
    {
        var warnings = new List<string>();
        var text = source.Replace("\r\n", "\n").Replace('\r', '\n').Replace("**", "").Replace('\u00A0', ' ');
        var rawLines = text.Split('\n').Select(l => l.Trim()).ToList();
        var lines = WithoutPageFurniture(rawLines);

        // A document pasted without its header names itself in its opening sentence.
        var openingIndex = lines.FindIndex(l => l.Length > 0);
        var opening = openingIndex >= 0 ? OpeningSentence().Match(lines[openingIndex]) : System.Text.RegularExpressions.Match.Empty;

        // Code and kind: the first "Số 28-CT/TW" that is not a copy's number (BS = bản sao).
        string? code = null;
        var kind = DirectiveKind.Other;
        var openingOnly = false; // no header: the code (and the date) are the opening sentence's
        foreach (Match m in CodePattern().Matches(text))
        {
            var letters = m.Groups[2].Value;
            if (letters.Equals("BS", StringComparison.OrdinalIgnoreCase)) continue;
            code = $"{m.Groups[1].Value}-{letters}/{m.Groups[3].Value}";
            kind = Kinds.GetValueOrDefault(letters, DirectiveKind.Other);
            break;
        }
        if (code is null && opening.Success)
        {
            code = $"{opening.Groups["n"].Value}-{opening.Groups["letters"].Value}/{opening.Groups["org"].Value}";
            openingOnly = true;
            kind = Kinds.GetValueOrDefault(opening.Groups["letters"].Value, DirectiveKind.Other);
        }
        if (code is null) warnings.Add("Không tìm thấy số và ký hiệu văn bản (ví dụ \"Số 28-CT/TW\").");
        // "QĐ" is a regulation or a decision: the title word says which.
        var kindLine = lines.FindIndex(l => KindWordLine().IsMatch(l));
        var kindWord = kindLine >= 0 ? lines[kindLine] : opening.Success ? opening.Groups["kind"].Value.ToUpper(Vi) : null;
        if (kind is DirectiveKind.Decision or DirectiveKind.Regulation && kindWord is not null)
            kind = kindWord.StartsWith("QUY ĐỊNH", StringComparison.Ordinal) ? DirectiveKind.Regulation
                : kindWord.StartsWith("QUYẾT ĐỊNH", StringComparison.Ordinal) ? DirectiveKind.Decision : kind;

        // Place and date of issue: the first "…, ngày … tháng … năm …".
        string? place = null;
        DateOnly? issuedOn = null;
        var dates = DatePattern().Matches(text).ToList();
        if (openingOnly && ShortDate(opening.Groups["d"].Value, opening.Groups["m"].Value, opening.Groups["y"].Value) is { } opened) issuedOn = opened;
        else if (dates.Count > 0 && ToDate(dates[0]) is { } d0)
        {
            issuedOn = d0;
            place = ColumnGap().Split(dates[0].Groups[1].Value.Trim()).Last().Trim();
        }
        else if (opening.Success && ShortDate(opening.Groups["d"].Value, opening.Groups["m"].Value, opening.Groups["y"].Value) is { } od) issuedOn = od;
        else warnings.Add("Không tìm thấy ngày ban hành (\"…, ngày … tháng … năm …\").");

        // Issuer: "CHỈ THỊ / CỦA BỘ CHÍNH TRỊ", else the signer's "T/M BỘ CHÍNH TRỊ".
        string? issuer = null;
        var signerTitleIndex = lines.FindIndex(l => SignerTitlePattern().IsMatch(l));
        var ofLine = lines.FirstOrDefault(l => l.StartsWith("CỦA ", StringComparison.Ordinal));
        var signedFor = signerTitleIndex >= 0 ? SignerTitlePattern().Match(lines[signerTitleIndex]).Groups[1].Value.Split('(')[0] : null;
        foreach (var candidate in new[] { ofLine?[4..], opening.Success ? opening.Groups["issuer"].Value : null, signedFor })
            if (candidate is not null && KnownIssuer(candidate) is { } name)
            {
                issuer = name;
                break;
            }
        // A committee of the tree (a province's plan) names itself in the header's left column, above the number.
        var codeLine = lines.FindIndex(l => CodePattern().IsMatch(l));
        var issuerUnit = issuer is null ? HeaderUnit(lines.Take(codeLine < 0 ? 6 : codeLine + 1), units) : null;
        if (issuerUnit is not null) issuer = issuerUnit.Name;
        issuer ??= ofLine is null ? null : Sentence(ofLine[4..]);
        if (issuer is null) warnings.Add("Không xác định được cơ quan ban hành.");

        // Title: the "Về …" lines up to a blank line.
        // A "Về …" line in the head, else the lines after the kind word ("KẾ HOẠCH / thực hiện Chỉ thị số 28-CT/TW …",
        // "KẾT LUẬN / CỦA BỘ CHÍNH TRỊ / về …"), else the "về …" of the opening sentence.
        string? title = null;
        var firstItem = lines.FindIndex(l => NumberedPattern().IsMatch(l) || ArticlePattern().IsMatch(l));
        var titleIndex = lines.FindIndex(0, Math.Min(firstItem < 0 ? lines.Count : firstItem, 80), l => l.StartsWith("Về ", StringComparison.Ordinal));
        if (titleIndex < 0 && kindLine >= 0)
        {
            var at = kindLine + 1;
            while (at < lines.Count && at <= kindLine + 4 && (lines[at].Length == 0 || lines[at].StartsWith("CỦA ", StringComparison.Ordinal))) at++;
            if (at < lines.Count && lines[at].Length > 0 && !IsRule(lines[at]) && !NumberedPattern().IsMatch(lines[at])) titleIndex = at;
        }
        var titleLength = titleIndex >= 0 ? TitleLength(lines, titleIndex) : 0;
        if (titleIndex >= 0) title = string.Join(" ", lines.Skip(titleIndex).Take(titleLength));
        else if (opening.Success)
        {
            title = opening.Groups["title"].Value.TrimEnd('.', ' ');
            titleIndex = openingIndex;
            titleLength = 1;
        }
        else warnings.Add("Không tìm thấy trích yếu (dòng \"Về …\" hoặc dòng sau tên loại văn bản).");

        // The body: from the title to the signature, without the stamps and metadata in between.
        var end = signerTitleIndex >= 0 ? signerTitleIndex : lines.Count;
        var start = titleIndex >= 0 ? titleIndex + titleLength : 0;
        var bodyLines = lines.Skip(start).Take(Math.Max(0, end - start)).ToList();
        var paragraphs = Paragraphs(bodyLines);

        // Task areas: "1. …" or "I. …" paragraphs (and what follows each) up to the implementation section.
        var articles = kind is DirectiveKind.Regulation or DirectiveKind.Decision;
        var implementationIndex = articles ? -1 : paragraphs.FindIndex(p => ImplementationHeading().IsMatch(p));
        var taskParagraphs = articles ? [] : implementationIndex >= 0 ? paragraphs.Take(implementationIndex).ToList() : paragraphs;
        // A plenum's resolution: the decisions follow "QUYẾT NGHỊ"; what comes before is the preamble.
        var resolved = taskParagraphs.FindIndex(p => ResolvedHeading().IsMatch(p));
        var resolvedPreamble = new List<string>();
        if (resolved >= 0)
        {
            resolvedPreamble = taskParagraphs.Take(resolved + 1).ToList();
            taskParagraphs = taskParagraphs.Skip(resolved + 1).ToList();
        }
        // A plan (or a resolution) in Roman sections: the tasks are the items of the section on tasks and solutions
        // ("II. NHIỆM VỤ, GIẢI PHÁP"), not the aims of section I.
        var taskSection = taskParagraphs.FindIndex(IsTaskSectionHeading);
        var sectionPreamble = new List<string>();
        if (taskSection >= 0)
        {
            var sectionNumber = Number(NumberedPattern().Match(taskParagraphs[taskSection]).Groups[1].Value) ?? 0;
            var next = taskParagraphs.FindIndex(taskSection + 1, p => IsRomanHeading(p)
                || (NumberedPattern().Match(p) is { Success: true } r && r.Groups[1].Value.All(c => c is 'I' or 'V' or 'X') && Number(r.Groups[1].Value) == sectionNumber + 1));
            sectionPreamble = taskParagraphs.Take(taskSection).ToList();
            taskParagraphs = taskParagraphs.Skip(taskSection + 1).Take((next < 0 ? taskParagraphs.Count : next) - taskSection - 1).ToList();
        }
        var areas = new List<ProposedTaskArea>();
        var preamble = new List<string>();
        List<string>? current = null;
        var currentNumber = 0;
        foreach (var p in taskParagraphs)
        {
            var m = NumberedPattern().Match(p);
            if (m.Success && Number(m.Groups[1].Value) is { } n && n == currentNumber + 1)
            {
                if (current is not null) areas.Add(Area(currentNumber, current));
                current = [m.Groups[2].Value.Trim()];
                currentNumber = n;
            }
            else if (m.Success && Number(m.Groups[1].Value) is { } skipped && skipped > currentNumber + 1 && current is not null)
            {
                warnings.Add($"Nhiệm vụ số {currentNumber + 1} bị thiếu: sau nhiệm vụ {currentNumber} là nhiệm vụ {skipped}.");
                areas.Add(Area(currentNumber, current));
                current = [m.Groups[2].Value.Trim()];
                currentNumber = skipped;
            }
            else if (current is not null) current.Add(p);
            else if (!ClosingPattern().IsMatch(p)) preamble.Add(p);
        }
        if (current is not null) areas.Add(Area(currentNumber, current));
        if (taskSection >= 0) preamble.InsertRange(0, sectionPreamble);
        if (resolved >= 0) preamble.InsertRange(0, resolvedPreamble);
        if (articles)
        {
            preamble.AddRange(paragraphs.TakeWhile(p => !ArticlePattern().IsMatch(p) && !ChapterPattern().IsMatch(p)));
            warnings.Add($"{(kind == DirectiveKind.Regulation ? "Quy định" : "Quyết định")} gồm các điều, không phải các nhóm nhiệm vụ: chưa có nhiệm vụ nào để theo dõi; hãy thêm nhiệm vụ nếu cần.");
        }
        else if (areas.Count == 0) warnings.Add("Không tìm thấy các nhóm nhiệm vụ đánh số (1., 2., … hoặc I., II., …).");

        // Implementation section: each bullet becomes assignments to the bodies it names.
        var assignments = new List<ProposedAssignment>();
        string? closing = null;
        var clause = 0;
        void AddClause(string clauseText)
        {
            clause++;
            var found = Assign(clause, clauseText.Trim(), units);
            if (found.Count == 0 || found.All(a => a.OrgUnits.Count == 0 && a.OrgUnitKind is null))
                warnings.Add($"Đoạn {clause} của phần tổ chức thực hiện không khớp cơ quan nào trong hệ thống: \"{Cut(clauseText, 80)}\".");
            assignments.AddRange(found);
        }
        // An article of a regulation or decision: "Điều 6. Tổ chức thực hiện" and its points, or the article naming who carries it out.
        var articleIndex = articles ? paragraphs.FindIndex(p => ImplementationArticle().IsMatch(p)) : -1;
        if (articles && articleIndex < 0)
            articleIndex = paragraphs.FindLastIndex(p => ArticlePattern().Match(p) is { Success: true } a && !ClosingPattern().IsMatch(a.Groups[1].Value)
                && TextFolding.Fold(p).Contains("chiu trach nhiem thi hanh", StringComparison.Ordinal));
        var sectionIndex = articles ? articleIndex : implementationIndex;
        if (sectionIndex >= 0)
        {
            foreach (var p in paragraphs.Skip(sectionIndex + 1))
            {
                if (articles && (ArticlePattern().IsMatch(p) || ChapterPattern().IsMatch(p))) break;
                if (IsRomanHeading(p)) break; // a later section ("IV. …") is not the implementation's
                // Clauses are bullets ("- Các tỉnh ủy …") or numbered items ("1. Ban Tuyên giáo …").
                var bullet = BulletPattern().Match(p);
                var numbered = bullet.Success ? System.Text.RegularExpressions.Match.Empty : NumberedPattern().Match(p);
                var clauseText = bullet.Success ? bullet.Groups[1].Value : numbered.Success ? numbered.Groups[2].Value : null;
                if (ClosingPattern().IsMatch(clauseText ?? p))
                {
                    closing = clauseText ?? p;
                    continue;
                }
                if (clauseText is not null) AddClause(clauseText);
            }
            // No clauses below the heading: the heading's own text is the one clause
            // ("5. Tổ chức thực hiện: Ban Tổ chức Trung ương chủ trì …", "Điều 3. Các tỉnh ủy … chịu trách nhiệm thi hành Quyết định này.").
            if (clause == 0)
            {
                var head = paragraphs[sectionIndex];
                var inline = articles ? ImplementationArticle().Match(head) is { Success: true } ia ? ia.Groups[1].Value : ArticlePattern().Match(head).Groups[1].Value
                    : ImplementationHeading().Match(head).Groups[1].Value;
                if (inline.Trim().Length > 0) AddClause(inline);
            }
        }
        else warnings.Add(articles ? "Không tìm thấy điều khoản tổ chức thực hiện (\"Điều … Tổ chức thực hiện\" hoặc \"… chịu trách nhiệm thi hành\")."
            : "Không tìm thấy phần \"Tổ chức thực hiện\".");
        closing ??= paragraphs.FirstOrDefault(p => ClosingPattern().IsMatch(p));

        // Signer.
        string? signerTitle = null, signer = null;
        if (signerTitleIndex >= 0)
        {
            (signerTitle, signer) = Signature(lines, signerTitleIndex);
        }
        else warnings.Add("Không tìm thấy người ký (\"T/M …\").");

        var stamps = Stamps(rawLines, dates, units);
        foreach (var s in stamps.Where(s => s.Kind == StampKind.Incoming && s.Date is not null && issuedOn is not null && s.Date < issuedOn))
            warnings.Add($"Dấu \"ĐẾN\" của {s.OrgUnit?.Name ?? s.Unit} ghi ngày {s.Date:dd/MM/yyyy}, trước ngày ban hành {issuedOn:dd/MM/yyyy}: có thể ghi nhầm năm.");

        // A document that carries another out names it in its title ("thực hiện Chỉ thị số 28-CT/TW …");
        // one that continues an older one says so in its preamble ("… tiếp tục thực hiện Chỉ thị số 20-CT/TW").
        var implements = title is not null && ImplementsPattern().Match(title) is { Success: true } im ? im.Groups[1].Value : null;
        var continues = ContinuesPattern().Match(text) is { Success: true } c ? c.Groups[1].Value : null;
        if (continues == code || continues == implements) continues = null;
        if (implements == code) implements = null;
        return new DirectiveProposal(code, kind, issuer, issuedOn, place, title, preamble.Count == 0 ? null : string.Join("\n\n", preamble), areas,
            assignments, signerTitle, signer, closing, continues, stamps, Recipients(lines), warnings, issuerUnit, implements);
    }

    /// <summary>The left column of the header above the number ("THÀNH ỦY HÀ NỘI"), when it is a committee of the tree below the centre.</summary>
    private static MatchedUnit? HeaderUnit(IEnumerable<string> header, IReadOnlyList<KnownUnit> units)
    {
        var committees = units.Where(u => u.Kind is OrgUnitKind.ProvincialCommittee or OrgUnitKind.DistrictCommittee or OrgUnitKind.GrassrootsCommittee).ToList();
        foreach (var line in header)
            foreach (var part in ColumnGap().Split(line))
            {
                var cell = part.Trim();
                if (cell.Length < 6 || cell != cell.ToUpper(Vi) || cell.StartsWith("ĐẢNG CỘNG SẢN", StringComparison.Ordinal) || CodePattern().IsMatch(cell)) continue;
                var folded = TextFolding.Fold(cell);
                var unit = committees.FirstOrDefault(u => TextFolding.Fold(u.Name) == folded);
                if (unit is not null) return new MatchedUnit(unit.Id, unit.Code, unit.Name);
            }
        return null;
    }

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

    private static List<ProposedAssignment> Assign(int clause, string text, IReadOnlyList<KnownUnit> units)
    {
        var folded = TextFolding.Fold(text);
        var result = new List<ProposedAssignment>();
        var leadAt = folded.IndexOf("chu tri", StringComparison.Ordinal);
        var coordinateAt = folded.IndexOf("phoi hop voi", StringComparison.Ordinal);
        var supervise = folded.Contains("giam sat, phan bien", StringComparison.Ordinal) || (folded.Contains("giam sat", StringComparison.Ordinal) && leadAt < 0
            && !folded.Contains("lanh dao, chi dao", StringComparison.Ordinal));
        // Bodies named after "báo cáo" are who gets the report, not who is assigned ("… và báo cáo Bộ Chính trị").
        var reportTo = folded.IndexOf(" bao cao ", StringComparison.Ordinal);
        var matched = units
            .Select(u => (Unit: u, At: IndexOfName(folded, u)))
            .Where(x => x.At >= 0 && (reportTo < 0 || x.At < reportTo))
            .GroupBy(x => x.At).Select(g => g.OrderByDescending(x => x.Unit.Name.Length).First()) // the longest name at a place
            .OrderBy(x => x.At).ToList();
        // A name inside a longer matched name ("Chính phủ" in "Ban cán sự đảng Chính phủ") is not a second body.
        matched = matched.Where(x => !matched.Any(y => y.At <= x.At && y.At + TextFolding.Fold(y.Unit.Name).Length >= x.At + TextFolding.Fold(x.Unit.Name).Length
            && y.Unit.Id != x.Unit.Id && y.Unit.Name.Length > x.Unit.Name.Length)).ToList();
        var byRole = new Dictionary<AssignmentRole, List<MatchedUnit>>();
        foreach (var (unit, at) in matched)
        {
            var role = supervise ? AssignmentRole.Supervise
                : coordinateAt >= 0 && at > coordinateAt ? AssignmentRole.Coordinate
                : AssignmentRole.Lead;
            if (!byRole.TryGetValue(role, out var list)) byRole[role] = list = [];
            list.Add(new MatchedUnit(unit.Id, unit.Code, unit.Name));
        }
        OrgUnitKind? kind = folded.Contains("cac tinh uy, thanh uy", StringComparison.Ordinal) ? OrgUnitKind.ProvincialCommittee : null;
        if (kind is not null && !byRole.ContainsKey(AssignmentRole.Lead)) byRole[AssignmentRole.Lead] = [];
        if (coordinateAt >= 0 && !byRole.ContainsKey(AssignmentRole.Coordinate)) byRole[AssignmentRole.Coordinate] = [];
        foreach (var (role, list) in byRole.OrderBy(r => r.Key))
            result.Add(new ProposedAssignment(clause, text, role, list, role == AssignmentRole.Lead ? kind : null));
        if (result.Count == 0) result.Add(new ProposedAssignment(clause, text, supervise ? AssignmentRole.Supervise : AssignmentRole.Lead, [], null));
        return result;
    }

    private static int IndexOfName(string folded, KnownUnit unit)
    {
        // Whole names only, and only bodies a directive would name (not every ward).
        if (unit.Kind is OrgUnitKind.GrassrootsCommittee or OrgUnitKind.DistrictCommittee) return -1;
        var name = TextFolding.Fold(unit.Name);
        if (name.Length < 8) return -1;
        var at = folded.IndexOf(name, StringComparison.Ordinal);
        return at >= 0 && (at + name.Length == folded.Length || !char.IsLetterOrDigit(folded[at + name.Length])) ? at : -1;
    }

    private static List<RegistryStamp> Stamps(List<string> lines, List<Match> dates, IReadOnlyList<KnownUnit> units)
    {
        var stamps = new List<RegistryStamp>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] == "ĐẾN")
            {
                var unitLine = lines.Take(i).LastOrDefault(l => l.Length > 0 && l == l.ToUpper(Vi) && l.Any(char.IsLetter) && l != "ĐẾN");
                var number = lines.Skip(i + 1).Take(6).Select(l => IncomingNumber().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
                var date = lines.Skip(i + 1).Take(8).Select(l => IncomingDate().Match(l)).FirstOrDefault(m => m.Success) is { } dm
                    ? ShortDate(dm.Groups[1].Value, dm.Groups[2].Value, dm.Groups[3].Value) : null;
                stamps.Add(new RegistryStamp(StampKind.Incoming, number, date, unitLine is null ? null : Sentence(unitLine), Match(unitLine, units), null));
            }
            if (CopyNumber().Match(lines[i]) is { Success: true } copy)
            {
                // The issuing office's block just above the number ("QUẬN ỦY HAI BÀ TRUNG / VĂN PHÒNG / *").
                var block = lines.Take(i).Reverse().Take(6).Where(l => l.Length > 0 && l != "*" && l == l.ToUpper(Vi)).Reverse().ToList();
                var unitLine = block.FirstOrDefault(l => !l.StartsWith("VĂN PHÒNG", StringComparison.Ordinal)) ?? block.FirstOrDefault();
                var copyDate = dates.Skip(1).Select(ToDate).FirstOrDefault(d => d is not null);
                var signer = lines.Skip(i).SkipWhile(l => !l.StartsWith("K/T", StringComparison.Ordinal) && !l.StartsWith("T/L", StringComparison.Ordinal)
                        && !l.StartsWith("CHÁNH VĂN PHÒNG", StringComparison.Ordinal))
                    .Skip(1).Where(l => l.Length > 0 && l != l.ToUpper(Vi)).FirstOrDefault();
                stamps.Add(new RegistryStamp(StampKind.CertifiedCopy, copy.Groups[1].Value, copyDate, unitLine is null ? null : Sentence(unitLine),
                    Match(unitLine, units), signer));
            }
            if (lines[i].StartsWith("Người ký:", StringComparison.Ordinal))
            {
                var who = lines[i]["Người ký:".Length..].Trim();
                var when = lines.Skip(i).Take(10).Select(l => SignatureTime().Match(l)).FirstOrDefault(m => m.Success);
                DateOnly? date = when is null ? null : new DateOnly(int.Parse(when.Groups[3].Value, Vi), int.Parse(when.Groups[2].Value, Vi), int.Parse(when.Groups[1].Value, Vi));
                stamps.Add(new RegistryStamp(StampKind.DigitalSignature, null, date, who, Match(who, units), null));
            }
        }
        return stamps;
    }

    private static List<string> Recipients(List<string> lines)
    {
        var at = lines.FindIndex(l => l.StartsWith("Nơi nhận", StringComparison.Ordinal));
        if (at < 0) return [];
        return lines.Skip(at + 1).SkipWhile(l => l.Length == 0).TakeWhile(l => l.StartsWith('-') || l.Length == 0)
            .Where(l => l.Length > 0).Select(l => l.TrimStart('-', ' ').TrimEnd(',', '.', ';')).ToList();
    }

    /// <summary>Matches a stamp's unit line ("QUẬN ỦY HAI BÀ TRUNG" — OCR'd) to a unit, ignoring accents and case.</summary>
    private static MatchedUnit? Match(string? text, IReadOnlyList<KnownUnit> units)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var folded = TextFolding.Fold(text.Replace("VĂN PHÒNG", "", StringComparison.Ordinal));
        var unit = units.FirstOrDefault(u => TextFolding.Fold(u.Name) == folded.Trim())
            ?? units.Where(u => folded.Contains(TextFolding.Fold(u.Name), StringComparison.Ordinal)).OrderByDescending(u => u.Name.Length).FirstOrDefault();
        return unit is null ? null : new MatchedUnit(unit.Id, unit.Code, unit.Name);
    }

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

    [GeneratedRegex(@"Số\s*[:.]?\s*(\d+)\s*-\s*(QĐi|CTr|CT|NQ|KL|QĐ|KH|HD|TB|BC|CV|BS)\s*/\s*([A-ZĐ]+)", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"([\p{L}. \-]{2,40}),\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?:T/M|K/T|T/L|TM\.)\s+(.+)$")]
    private static partial Regex SignerTitlePattern();

    [GeneratedRegex(@"^(?:\(?Đã ký\)?\s*:?\s*)(.+)$")]
    private static partial Regex SignedPattern();

    [GeneratedRegex(@"^(\d{1,2}|[IVX]{1,5})[.)\-–]\s+(.+)$", RegexOptions.Singleline)]
    private static partial Regex NumberedPattern();

    [GeneratedRegex(@"^(?:(?:\d{1,2}|[IVX]{1,5})[.)\-–]\s*)?Tổ chức thực hiện\s*(?:[:.]\s*(.*))?$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ImplementationHeading();

    [GeneratedRegex(@"^[-–•+]\s+(.+)$", RegexOptions.Singleline)]
    private static partial Regex BulletPattern();

    [GeneratedRegex(@"^(?:Chỉ thị|Nghị quyết|Kết luận|Quy định|Quyết định|Kế hoạch|Hướng dẫn) này\b")]
    private static partial Regex ClosingPattern();

    [GeneratedRegex(@"^(?:Người ký|Email|Cơ quan|Thời gian ký|Chuyên|Số và ký hiệu|ĐẾN$|Số:\s*\.\.\.|Ngày:\s*\d|/[A-Za-z]+/|\d{2}-\d{2}-\d{4}\s+\d{2}:\d{2}|\d{2}:\d{2}:\d{2}\s*\+\d{2}:\d{2}|[A-ZĐ ]{2,}$)")]
    private static partial Regex NoisePattern();

    [GeneratedRegex(@"Số:?\s*\.*\s*(\d+)\s*\.*")]
    private static partial Regex IncomingNumber();

    [GeneratedRegex(@"Ngày:?\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{2,4})")]
    private static partial Regex IncomingDate();

    [GeneratedRegex(@"Số\s*:?\s*(\d+-BS/[A-ZĐ]+)")]
    private static partial Regex CopyNumber();

    [GeneratedRegex(@"(\d{2})\.(\d{2})\.(\d{4})")]
    private static partial Regex SignatureTime();

    [GeneratedRegex(@"thực hiện Chỉ thị số (\d+-CT/[A-ZĐ]+)")]
    private static partial Regex ContinuesPattern();

    [GeneratedRegex(@"^\s*thực hiện\s+(?:Chỉ thị|Nghị quyết|Kết luận|Quy định|Quyết định|Kế hoạch|Chương trình hành động|Hướng dẫn)\s+số\s+(\d+\s*-\s*[A-ZĐa-zđ]+\s*/\s*[A-ZĐ]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ImplementsPattern();

    [GeneratedRegex(@"^(?:CHỈ THỊ|NGHỊ QUYẾT|KẾT LUẬN|QUY ĐỊNH|QUYẾT ĐỊNH|KẾ HOẠCH|HƯỚNG DẪN|CHƯƠNG TRÌNH HÀNH ĐỘNG|CHƯƠNG TRÌNH)(?:\s*\([^)]*\))?$")]
    private static partial Regex KindWordLine();

    [GeneratedRegex(@"^([IVX]{1,5})[.)\-–]\s+([^a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RomanHeading();

    [GeneratedRegex(@"\t|\s{2,}")]
    private static partial Regex ColumnGap();

    [GeneratedRegex(@"^(?:[-–—]\s*\d{1,3}\s*[-–—]|Trang\s*\d{1,3}(?:\s*/\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3})$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^(?<kind>Chỉ thị|Nghị quyết|Kết luận|Quy định|Quyết định|Kế hoạch|Chương trình hành động|Hướng dẫn)\s+số\s*:?\s*(?<n>\d+)\s*-\s*(?<letters>QĐi|CTr|CT|NQ|KL|QĐ|KH|HD)\s*/\s*(?<org>[A-ZĐ]+),?\s+ngày\s+(?:(?<d>\d{1,2})\s*[/.-]\s*(?<m>\d{1,2})\s*[/.-]\s*(?<y>\d{4})|(?<d>\d{1,2})\s+tháng\s+(?<m>\d{1,2})\s+năm\s+(?<y>\d{4})),?\s+của\s+(?<issuer>.+?)\s+(?<title>về\s+.+)$")]
    private static partial Regex OpeningSentence();

    [GeneratedRegex(@"^Điều\s+\d+\s*[.:]\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex ArticlePattern();

    [GeneratedRegex(@"^Điều\s+\d+\s*[.:]\s*(?:Tổ chức thực hiện|Trách nhiệm thi hành|Điều khoản thi hành|Hiệu lực và trách nhiệm thi hành)\s*[.:]?\s*(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ImplementationArticle();

    [GeneratedRegex(@"^Chương\s+[IVXLC\d]+\b")]
    private static partial Regex ChapterPattern();

    [GeneratedRegex(@"^QUYẾT NGHỊ\s*:?$")]
    private static partial Regex ResolvedHeading();

    [GeneratedRegex(@"\s*,\s*|\s+và\s+|\s+VÀ\s+")]
    private static partial Regex IssuerSeparator();

    [GeneratedRegex(@"^(?:Tổng Bí thư|Thường trực Ban Bí thư|Phó Bí thư(?: Thường trực)?|Bí thư|Chủ tịch|Phó Chủ tịch)$", RegexOptions.IgnoreCase)]
    private static partial Regex SignerPost();

    [GeneratedRegex(@"^\(?\s*đã ký\s*\)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SignedMark();

    [GeneratedRegex(@"^((?:T/M|K/T|T/L|TM\.)\s+[^()]+?)\s*\(\s*đã ký\s*\)\s*(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex InlineSigned();
}
