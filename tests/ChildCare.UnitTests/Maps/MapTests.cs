using ChildCare.Core.Domain;
using ChildCare.Core.Features.Dashboards;
using ChildCare.Core.Features.Maps;

namespace ChildCare.UnitTests.Maps;

/// <summary>Issue 21, item 1: the shipped boundaries, the projection and the colour classes of the dashboard's map.</summary>
public class MapTests
{
    private static readonly string[] Provinces =
    [
        "P01", "P04", "P08", "P11", "P12", "P14", "P15", "P19", "P20", "P22", "P24", "P25", "P31", "P33", "P37", "P38", "P40",
        "P42", "P44", "P46", "P48", "P51", "P52", "P56", "P66", "P68", "P75", "P79", "P80", "P82", "P86", "P91", "P92", "P96",
    ];

    private static MapFeature Feature(string code, string css = "accepted") =>
        new(Guid.NewGuid(), code, code, null, css, css, VietnamShapes.For(code));

    [Fact]
    public void The_portal_ships_the_34_provinces_and_the_3321_communes_with_both_archipelagos()
    {
        VietnamShapes.Count.ShouldBe(34 + 3321);
        Provinces.ShouldAllBe(code => VietnamShapes.For(code) != null);
        double East(string code) => VietnamShapes.For(code)!.Polygons.SelectMany(p => p[0]).Max(p => p.Lon);
        East("P48").ShouldBeGreaterThan(111.5, "Đà Nẵng carries the Hoàng Sa archipelago (≈ 111–112.7° E)");
        East("P56").ShouldBeGreaterThan(114.0, "Khánh Hòa carries the Trường Sa archipelago (≈ 111.5–117.8° E)");
        VietnamShapes.For("P01-00070").ShouldNotBeNull("a ward, by the portal's own code");
        VietnamShapes.For("P01-99999").ShouldBeNull("a unit newer than the boundaries has none");
    }

    [Fact]
    public void The_national_picture_keeps_every_island_in_view_north_up_and_only_units_with_a_shape_are_drawn()
    {
        var features = Provinces.Select(c => Feature(c)).Append(new MapFeature(Guid.NewGuid(), "P99", "Mới", null, "missing", "x", null)).ToList();
        var picture = MapDrawing.Draw(features, width: 600);
        picture.Shapes.Count.ShouldBe(34);
        picture.Width.ShouldBe(600);
        picture.Height.ShouldBeGreaterThan(picture.Width, "Vietnam is taller than wide");
        var numbers = picture.Shapes.SelectMany(s => s.Path.Split('M', 'L', 'Z', ',').Where(x => x.Length > 0)).Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        numbers.ShouldAllBe(v => v >= 0 && v <= picture.Height);
        double X(string code) => picture.Shapes.Single(s => s.Feature.Code == code).Path.Split('M', 'L').Where(x => x.Contains(',')).Max(x => double.Parse(x.TrimEnd('Z').Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));
        X("P56").ShouldBeGreaterThan(590, "Trường Sa is the map's eastern edge");
        double Y(string code) => picture.Shapes.Single(s => s.Feature.Code == code).LabelY;
        Y("P01").ShouldBeLessThan(Y("P79"), "Hà Nội is north of Thành phố Hồ Chí Minh");
        picture.Notes.Select(n => n.Text).ShouldBe(["QĐ. Hoàng Sa (Đà Nẵng)", "QĐ. Trường Sa (Khánh Hòa)"], "the archipelagos are named on the map");
        picture.Notes.ShouldAllBe(n => n.X > 0 && n.X < picture.Width && n.Y > 0 && n.Y < picture.Height);
    }

    [Theory]
    [InlineData(ComplianceStatus.Accepted, true, "accepted", "Đã chấp nhận")]
    [InlineData(ComplianceStatus.Submitted, true, "on-time", "Đúng hạn")]
    [InlineData(ComplianceStatus.Submitted, false, "late", "Muộn")]
    [InlineData(ComplianceStatus.Returned, true, "on-time", "Bị trả lại (đúng hạn)")]
    [InlineData(ComplianceStatus.Returned, false, "late", "Bị trả lại (muộn)")]
    [InlineData(ComplianceStatus.Draft, null, "missing", "Chưa nộp")]
    [InlineData(ComplianceStatus.Missing, null, "missing", "Chưa nộp")]
    public void A_units_status_gives_its_class_and_words(ComplianceStatus status, bool? onTime, string css, string label)
    {
        var unit = new ComplianceUnit(Guid.NewGuid(), "P01", "Thành ủy Hà Nội", OrgUnitKind.ProvincialCommittee, status, null, null, onTime, false, null, true);
        MapService.StatusOf(unit).ShouldBe((css, label));
    }

    [Fact]
    public void The_status_map_counts_each_class_in_its_legend_and_keeps_units_without_a_shape()
    {
        ComplianceUnit U(string code, ComplianceStatus s, bool? onTime) => new(Guid.NewGuid(), code, code, OrgUnitKind.GrassrootsCommittee, s, null, null, onTime, false, null, false);
        var compliance = new Compliance(Guid.NewGuid(), "Thành ủy Hà Nội", "2026-Q3", "Quý III/2026", new DateOnly(2026, 10, 10), 3, 1, 0, 0, 2, 0, 1, 1 / 3.0, 1 / 3.0,
            [U("P01-00070", ComplianceStatus.Submitted, true), U("P01-00004", ComplianceStatus.Missing, null), U("P01-99999", ComplianceStatus.Missing, null)]);
        var map = MapService.StatusMap(compliance);
        map.Features.Count.ShouldBe(3);
        map.Features.Count(f => f.Shape is null).ShouldBe(1);
        map.Legend.Select(l => (l.Class, l.Count)).ShouldBe([("accepted", 0), ("on-time", 1), ("late", 0), ("missing", 2)]);
        map.Title.ShouldBe("Tình hình nộp báo cáo Quý III/2026");
    }

    [Fact]
    public void The_exported_picture_is_a_png_of_the_map_whose_classes_stay_apart_in_grey()
    {
        ComplianceUnit U(string code, ComplianceStatus s, bool? onTime) => new(Guid.NewGuid(), code, code, OrgUnitKind.ProvincialCommittee, s, null, null, onTime, false, null, true);
        var units = Provinces.Select((c, i) => U(c, i % 4 == 0 ? ComplianceStatus.Accepted : i % 4 == 1 ? ComplianceStatus.Submitted : ComplianceStatus.Missing, i % 4 == 1 ? false : null)).ToList();
        var compliance = new Compliance(Guid.NewGuid(), "Ban Chấp hành Trung ương Đảng", "2026-Q3", "Quý III/2026", new DateOnly(2026, 10, 20), 34, 0, 9, 0, 16, 9, 18, 18 / 34.0, 0, units);
        var (png, width, height) = MapImage.Png(MapService.StatusMap(compliance));
        png.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "a PNG");
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        (bitmap.Width, bitmap.Height).ShouldBe((width, height));
        var greys = new HashSet<int>();
        var accepted = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red == 0x1B && c.Green == 0x5E && c.Blue == 0x20) accepted++;
                greys.Add((int)(0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue) / 16);
            }
        accepted.ShouldBeGreaterThan(100, "accepted provinces in their dark green");
        greys.Count.ShouldBeGreaterThanOrEqualTo(6, "solid, hatched and cross-hatched fills print as different greys");
    }
}

