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
        var text = FromMarkdown(source.Replace("\r\n", "\n").Replace('\r', '\n').Replace("**", "").Replace('\u00A0', ' '));
        var rawLines = text.Split('\n').Select(l => l.Trim()).SelectMany(KindHeading).ToList();
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
        // No number of its own (a web page's heading only): the kind is its heading's word; a number or date the opening
        // sentence cites is another document's and is not taken.
        if (code is null && lines.FirstOrDefault(l => KindWordLine().IsMatch(l)) is { } heading) kind = KindOfWord(heading);
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

        // The body: from the title to the signature or the recipients ("Nơi nhận", before the signature when a table's left
        // column comes first), without the stamps and metadata in between; an appendix after them is not the body.
        var recipientsIndex = lines.FindIndex(Math.Max(titleIndex, 0), l => RecipientsLine().IsMatch(l));
        var end = new[] { signerTitleIndex, recipientsIndex }.Where(i => i >= 0).DefaultIfEmpty(lines.Count).Min();
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
}
