using System.Globalization;

namespace ChildCare.Core.Domain;

/// <summary>How large and how deep one reorganisation may be, checked on its rows before the tree is loaded.</summary>
public static class ReorganisationLimits
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>
    /// The bounds of one reorganisation, read from its rows alone so that they are checked before the tree is:
    /// at most <see cref="Reorganisation.MaxRows"/> rows, and new units nested at most
    /// <see cref="Reorganisation.MaxNewUnitDepth"/> levels under each other. The depth counts every row that may
    /// create a unit (not a rename or move) whose parent code is another such row's new code: an upper bound of
    /// what the plan will create, since some of those codes may turn out to name units that go on. Linear.
    /// </summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<ReorganisationRow> rows)
    {
        if (rows.Count > Reorganisation.MaxRows)
            return [string.Create(Vietnamese,
                $"Phương án sắp xếp tối đa {Reorganisation.MaxRows:N0} dòng; phương án này có {rows.Count:N0} dòng. Hãy chia thành nhiều phương án.")];

        var parentOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
            if (row.Mapping is not (UnitMapping.Rename or UnitMapping.Move) && !string.IsNullOrWhiteSpace(row.NewCode)
                && !string.IsNullOrWhiteSpace(row.NewParentCode) && !row.NewParentCode.Trim().Equals(row.NewCode.Trim(), StringComparison.OrdinalIgnoreCase))
                parentOf.TryAdd(row.NewCode.Trim(), row.NewParentCode.Trim());

        // Each code's level is found once: a walk up stops at a code already measured or at one no row creates.
        var level = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var path = new List<string>();
        var onPath = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var start in parentOf.Keys)
        {
            path.Clear();
            onPath.Clear();
            var code = start;
            var above = 0;
            while (!level.TryGetValue(code, out above) && parentOf.TryGetValue(code, out var parent))
            {
                if (!onPath.Add(code))
                    return [$"Các đơn vị mới không thể là cấp trên của nhau theo vòng tròn (mã «{code}»)."];
                path.Add(code);
                code = parent;
            }
            for (var i = path.Count - 1; i >= 0; i--)
            {
                level[path[i]] = ++above;
                if (above > Reorganisation.MaxNewUnitDepth)
                    return [$"Đơn vị mới lồng nhau tối đa {Reorganisation.MaxNewUnitDepth} cấp (đơn vị mới trực thuộc đơn vị mới …); " +
                            $"đơn vị «{path[i]}» ở cấp thứ {above}. Hãy chia thành nhiều phương án."];
            }
        }
        return [];
    }
}
