using System.Text.RegularExpressions;
using ChildCare.Core.Domain;
using ChildCare.Core.Text;

namespace ChildCare.Core.Seed;

/// <summary>
/// Vietnam's 2025 reorganisation as reorganisation packages, built from the facts in
/// <c>Seed/Data/reform-2025</c> (copied from shared/data/reform-2025, with their sources). The seed
/// applies them through the same mechanism an administrator uses, so the demo tree is the real history.
/// </summary>
public static partial class Reform2025
{
    public sealed record Package(string SeedKey, string Name, string LegalBasis, DateOnly EffectiveOn, IReadOnlyList<ReorganisationRow> Rows);

    public const string BaDinh = "P01-D001";
    public const string HaiBaTrung = "P01-D007";

    /// <summary>The merged ward of 2025-01-01 that carries Quỳnh Lôi's GSO code 00292 under Bạch Mai's name.</summary>
    public const string BachMai2025 = "P01-D007-00292";

    /// <summary>A commune-level unit of 2025-07-01: the province's code and the unit's GSO code.</summary>
    public static string CommuneCode(string provinceCode, string gso) => $"{provinceCode}-{gso}";

    public static IReadOnlyList<Package> Packages() =>
    [
        HanoiWards(),
        Hue(),
        CentralBodies(),
        Ministries(),
        TwoLevelGovernment(),
    ];

    /// <summary>Ba Đình's 14 ward committees of 2024 (org-units.csv lists only Hai Bà Trưng's), in GSO order.</summary>
    public static IReadOnlyList<SeedData.OrgUnitRow> BaDinhWards2024() =>
        BaDinhRows().Select((r, i) => new SeedData.OrgUnitRow($"{BaDinh}-W{i + 1:00}", BaDinh, OrgUnitKind.GrassrootsCommittee,
            "Đảng ủy " + Lower(r["old_name"]), Short(r["old_name"]), null, null, $"ward party committee of Ba Đình as of 2024 (GSO {r["old_gso_code"]})")).ToList();

    private static Package HanoiWards()
    {
        // haibatrung-wards-2025.csv and badinh-wards-2025.csv, column step_2025_01_01.
        var bachMai = new ReorganisationRow(null, BachMai2025, "Đảng ủy phường Bạch Mai", OrgUnitKind.GrassrootsCommittee, HaiBaTrung,
            UnitMapping.Whole, NewShortName: "Bạch Mai");
        return new Package("reform-2025-01-01-hanoi-wards", "Sắp xếp phường của Hà Nội từ 01/01/2025 (Hai Bà Trưng, Ba Đình)",
            "Nghị quyết của Ủy ban Thường vụ Quốc hội (11/2024) về sắp xếp đơn vị hành chính cấp xã của Thành phố Hà Nội giai đoạn 2023–2025",
            new DateOnly(2025, 1, 1),
            [
                new("P01-D007-W06", "P01-D007-W07", null, null, null, UnitMapping.Whole), // Đống Mác into Đồng Nhân
                new("P01-D007-W05", "P01-D007-W02", null, null, null, UnitMapping.Whole), // Cầu Dền into Bách Khoa
                bachMai with { OldCode = "P01-D007-W03" }, // Bạch Mai + Quỳnh Lôi → Bạch Mai (GSO 00292)
                bachMai with { OldCode = "P01-D007-W04" },
                new(BaDinhCode("00010"), BaDinhCode("00004"), null, null, null, UnitMapping.Whole), // Nguyễn Trung Trực into Trúc Bạch
            ]);
    }

    private static Package Hue() => new("reform-2025-01-01-hue", "Thành lập Thành phố Huế trực thuộc Trung ương", "Nghị quyết 175/2024/QH15",
        new DateOnly(2025, 1, 1), [new("P46", "P46", "Thành ủy Huế", null, null, UnitMapping.Rename, NewShortName: "Huế")]);

    private static Package CentralBodies() => new("reform-2025-02-03-central", "Sắp xếp, tinh gọn các cơ quan Đảng ở Trung ương",
        "Kết luận 121-KL/TW (24/01/2025); Quyết định 243-, 244-, 246-QĐ/TW (24/01/2025)", new DateOnly(2025, 2, 3),
        [
            new("TW-BTG", "TW-BTGDV", "Ban Tuyên giáo và Dân vận Trung ương", OrgUnitKind.CentralBody, "TW", UnitMapping.Whole),
            new("TW-DDQH", "TW-DUQH", "Đảng ủy Quốc hội", OrgUnitKind.CentralBody, "TW", UnitMapping.Whole),
            new("TW-BCSCP", "TW-DUCP", "Đảng ủy Chính phủ", OrgUnitKind.CentralBody, "TW", UnitMapping.Whole),
            // The ministry outlives its party committee by four weeks: it moves under the new Đảng ủy Chính phủ.
            new("TW-BLDTBXH", "TW-BLDTBXH", null, null, "TW-DUCP", UnitMapping.Move),
        ]);

    private static Package Ministries() => new("reform-2025-03-01-ministries", "Sắp xếp các bộ: Bộ Lao động - Thương binh và Xã hội hợp nhất vào Bộ Nội vụ",
        "Nghị quyết 176/2025/QH15; Nghị định 25/2025/NĐ-CP, 42/2025/NĐ-CP", new DateOnly(2025, 3, 1),
        [
            // Child affairs (incl. child protection) went to Bộ Y tế: the directive's lead role for children follows them
            // (an inference, see central-bodies-2025.csv); the rest of the ministry went to Bộ Nội vụ.
            new("TW-BLDTBXH", "TW-BYT", "Bộ Y tế", OrgUnitKind.StateAgency, "TW-DUCP", UnitMapping.Part, InheritsAssignments: true),
            new("TW-BLDTBXH", "TW-BNV", "Bộ Nội vụ", OrgUnitKind.StateAgency, "TW-DUCP", UnitMapping.Remainder),
        ]);

    private static Package TwoLevelGovernment()
    {
        var rows = new List<ReorganisationRow>();
        // 63 provinces → 34: every merged province is a new unit; the 11 unchanged ones have no row.
        foreach (var p in Read("provinces-2025.csv").Where(r => r["change"] == "merged"))
            rows.Add(new(p["old_code"], p["new_code"], p["new_party_committee"], OrgUnitKind.ProvincialCommittee, "TW", UnitMapping.Whole,
                NewShortName: ShortProvince(p["new_name"])));

        // Hà Nội: 126 commune-level committees directly under the city, formed from its 30 districts.
        var communes = Read("hanoi-communes-2025.csv");
        var communesOfDistrict = communes.SelectMany(c => Split(c["from_old_district_codes"]).Select(d => (District: d, Commune: c["new_code"])))
            .GroupBy(x => x.District).ToDictionary(g => g.Key, g => g.Count());
        foreach (var c in communes)
        {
            var code = CommuneCode("P01", c["new_code"]);
            foreach (var district in Split(c["from_old_district_codes"]))
                rows.Add(new(district, code, c["party_committee"], OrgUnitKind.GrassrootsCommittee, "P01",
                    communesOfDistrict[district] == 1 ? UnitMapping.Whole : UnitMapping.Part, NewShortName: c["name"]));
        }

        // The wards of Hai Bà Trưng and Ba Đình (the ones in the tree) into the new wards, whole or in part.
        var hbt = Read("haibatrung-wards-2025.csv");
        var hbtCodes = hbt.ToDictionary(r => r["old_gso_code"], r => r["old_code"]);
        hbtCodes["00292"] = BachMai2025;
        foreach (var r in hbt) AddWardRows(rows, hbtCodes[Gso(r["ward_on_2025_06_30"])], r["new_units"]);
        foreach (var r in BaDinhRows()) AddWardRows(rows, BaDinhCode(Gso(r["ward_on_2025_06_30"])), r["new_units"]);

        return new Package("reform-2025-07-01-two-level", "Sắp xếp đơn vị hành chính, tổ chức chính quyền địa phương hai cấp (63 → 34 tỉnh, thành; bỏ cấp huyện)",
            "Nghị quyết 60-NQ/TW (12/4/2025); Nghị quyết 202/2025/QH15 (12/6/2025); Nghị quyết 1656/NQ-UBTVQH15 (16/6/2025)",
            new DateOnly(2025, 7, 1), rows.DistinctBy(r => (r.OldCode, r.NewCode)).ToList());
    }

    /// <summary>"00256 Phường Hai Bà Trưng (part);00097 Phường Hồng Hà (remainder)" → one row per new ward.</summary>
    private static void AddWardRows(List<ReorganisationRow> rows, string oldCode, string newUnits)
    {
        foreach (var part in Split(newUnits))
        {
            var m = NewUnit().Match(part);
            if (!m.Success) throw new FormatException($"Unreadable new unit '{part}'");
            var mapping = m.Groups["m"].Value switch
            {
                "whole" => UnitMapping.Whole,
                "part" => UnitMapping.Part,
                _ => UnitMapping.Remainder,
            };
            var name = m.Groups["name"].Value.Trim();
            rows.Add(new(oldCode, CommuneCode("P01", m.Groups["gso"].Value), "Đảng ủy " + Lower(name), OrgUnitKind.GrassrootsCommittee, "P01",
                mapping, NewShortName: name));
        }
    }

    [GeneratedRegex(@"^(?<gso>\d{5}) (?<name>.+) \((?<m>whole|part|remainder)\)$")]
    private static partial Regex NewUnit();

    private static List<Dictionary<string, string>> BaDinhRows() =>
        Read("badinh-wards-2025.csv").OrderBy(r => r["old_gso_code"], StringComparer.Ordinal).ToList();

    private static string BaDinhCode(string gso)
    {
        var i = BaDinhRows().FindIndex(r => r["old_gso_code"] == gso);
        if (i < 0) throw new FormatException($"No Ba Đình ward with GSO code {gso}");
        return $"{BaDinh}-W{i + 1:00}";
    }

    private static string Gso(string cell) => cell.Trim()[..5];

    private static IEnumerable<string> Split(string cell) => cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>"Phường Bạch Đằng" → "phường Bạch Đằng", for "Đảng ủy phường Bạch Đằng".</summary>
    private static string Lower(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Short(string name) => name.StartsWith("Phường ", StringComparison.Ordinal) ? name["Phường ".Length..] : name;

    private static string ShortProvince(string name) =>
        name.StartsWith("Tỉnh ", StringComparison.Ordinal) ? name["Tỉnh ".Length..]
        : name.StartsWith("Thành phố ", StringComparison.Ordinal) && name != "Thành phố Hồ Chí Minh" ? name["Thành phố ".Length..]
        : name;

    private static List<Dictionary<string, string>> Read(string file)
    {
        using var reader = new StringReader(SeedData.ReadResource($"reform-2025.{file}"));
        return Csv.ReadWithHeader(reader);
    }
}
