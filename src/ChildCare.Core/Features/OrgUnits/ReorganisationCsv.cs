using System.Globalization;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Security;
using ChildCare.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildCare.Core.Features.OrgUnits;

/// <summary>A reorganisation's rows from a CSV file (the administrators' upload and the page's paste box).</summary>
public static class ReorganisationCsv
{
    /// <summary>
    /// Reads rows from a CSV with the columns oldCode, newCode, newName, newKind, newParentCode, mapping,
    /// share (and optionally inheritsAssignments, newShortName); snake_case headers are accepted too.
    /// </summary>
    public static IReadOnlyList<ReorganisationRow> Parse(TextReader reader)
    {
        var table = Csv.ReadWithHeader(reader);
        var rows = new List<ReorganisationRow>();
        var errors = new List<string>();
        for (var i = 0; i < table.Count; i++)
        {
            var cells = table[i].ToDictionary(kv => kv.Key.Replace("_", "").ToLowerInvariant(), kv => kv.Value.Trim());
            string Cell(string name) => cells.GetValueOrDefault(name.ToLowerInvariant()) ?? "";
            var line = $"Dòng {i + 2}";
            if (!Enum.TryParse<UnitMapping>(Cell("mapping"), true, out var mapping))
            {
                errors.Add($"{line}: mapping phải là whole, part, remainder, rename hoặc move.");
                continue;
            }
            OrgUnitKind? kind = null;
            var kindText = Cell("newKind");
            if (kindText.Length > 0)
            {
                if (Enum.TryParse<OrgUnitKind>(kindText.Replace("-", ""), true, out var k)) kind = k;
                else
                {
                    errors.Add($"{line}: loại đơn vị «{kindText}» không hợp lệ.");
                    continue;
                }
            }
            decimal? share = null;
            var shareText = Cell("share").Replace(',', '.');
            if (shareText.Length > 0)
            {
                if (decimal.TryParse(shareText, NumberStyles.Number, CultureInfo.InvariantCulture, out var s)) share = s;
                else
                {
                    errors.Add($"{line}: tỷ lệ «{Cell("share")}» không phải là số.");
                    continue;
                }
            }
            var inherits = Cell("inheritsAssignments").ToLowerInvariant() is "true" or "1" or "x" or "yes" or "có";
            rows.Add(new ReorganisationRow(Null(Cell("oldCode")), Cell("newCode"), Null(Cell("newName")), kind, Null(Cell("newParentCode")), mapping,
                share, inherits, Null(Cell("newShortName"))));
        }
        if (errors.Count > 0) throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = [.. errors.Take(50)] });
        if (rows.Count == 0) throw ValidationFailedException.For("file", "Tệp CSV không có dòng nào.");
        return rows;
        static string? Null(string s) => s.Length == 0 ? null : s;
    }
}
