using System.Globalization;
using System.Text.RegularExpressions;
using ChildCare.Core.Domain;
using ChildCare.Core.Text;

namespace ChildCare.Core.Features.Directives.Import;

/// <summary>The importer's matching of names to the portal's units: the header's issuer, the assignments of the implementation section, registry stamps and recipients.</summary>
public static partial class DirectiveImporter
{
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
}
