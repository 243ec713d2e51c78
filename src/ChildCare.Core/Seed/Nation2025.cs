using ChildCare.Core.Domain;
using ChildCare.Core.Text;

namespace ChildCare.Core.Seed;

/// <summary>
/// The nation's commune-level party committees of 1/7/2025 (<c>Seed/Data/nation-2025/communes-2025.csv</c>, copied from
/// shared/data with its sources): 3,321 units of the 34 provinces. Hà Nội's 126 come from the two-level reorganisation
/// (their predecessors, the districts and wards, are in the tree); the other provinces' districts never were, so their
/// communes are seeded as units that begin on 1/7/2025 directly under the province's committee.
/// </summary>
public static class Nation2025
{
    public static readonly DateOnly ValidFrom = new(2025, 7, 1);

    /// <summary>One commune-level unit: the portal's code, the GSO code, the committee that reports and its province.</summary>
    public sealed record Commune(string Code, string GsoCode, string Name, string ShortName, string Kind, string ProvinceCode, string PartyCommittee);

    public static IReadOnlyList<Commune> Communes()
    {
        using var reader = new StringReader(SeedData.ReadResource("nation-2025.communes-2025.csv"));
        return Csv.ReadWithHeader(reader)
            .Select(r => new Commune(r["code"], r["gso_code"], r["name"], r["short_name"], r["kind"], r["province_code"], r["party_committee"]))
            .ToList();
    }
}

/// <summary>
/// Changes after the 2025 reform, as reorganisation packages applied by the seed through the same mechanism an
/// administrator uses (<c>Seed/Data/reform-2026</c>, from shared/data/reform-2026): the first is Đồng Nai's of 30/4/2026.
/// </summary>
public static class Reform2026
{
    public static IReadOnlyList<Reform2025.Package> Packages() => [DongNai()];

    /// <summary>Tỉnh ủy Đồng Nai becomes Thành ủy Đồng Nai and ten communes become wards: the same units, renamed.</summary>
    private static Reform2025.Package DongNai()
    {
        using var reader = new StringReader(SeedData.ReadResource("reform-2026.dong-nai-2026.csv"));
        var rows = Csv.ReadWithHeader(reader).Select(r => new ReorganisationRow(r["old_code"], r["new_code"], r["new_party_committee"], null, null,
            UnitMapping.Rename, NewShortName: Short(r["new_name"]))).ToList();
        return new Reform2025.Package("reform-2026-04-30-dong-nai", "Thành lập Thành phố Đồng Nai trực thuộc Trung ương và 10 phường thuộc Đồng Nai",
            "Nghị quyết 30/2026/QH16; Nghị quyết 237/NQ-UBTVQH16 (14/04/2026)", new DateOnly(2026, 4, 30), rows);
    }

    private static string Short(string name)
    {
        foreach (var prefix in (string[])["Thành phố ", "Tỉnh ", "Phường ", "Xã "])
            if (name.StartsWith(prefix, StringComparison.Ordinal)) return name[prefix.Length..];
        return name;
    }
}
