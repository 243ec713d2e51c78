using System.Text.Json;

namespace ChildCare.Core.Features.Maps;

/// <summary>
/// The boundaries the portal draws, shipped inside it (it runs on closed networks: no tile server, no outside
/// address): the 34 provinces of 2025 — Đà Nẵng with the Hoàng Sa archipelago and Khánh Hòa with the Trường Sa
/// archipelago, every island kept — and the 3,321 commune-level units, keyed by the portal's unit codes. Read once.
/// </summary>
public static class VietnamShapes
{
    private static readonly Lazy<IReadOnlyDictionary<string, UnitShape>> All = new(Load);

    /// <summary>The shape of the unit with this code, or null (a unit created by a later reorganisation has none).</summary>
    public static UnitShape? For(string code) => All.Value.GetValueOrDefault(code);

    public static int Count => All.Value.Count;

    private static IReadOnlyDictionary<string, UnitShape> Load()
    {
        var shapes = new Dictionary<string, UnitShape>(StringComparer.Ordinal);
        foreach (var file in new[] { "provinces-2025.geojson", "communes-2025.geojson" })
        {
            using var stream = typeof(VietnamShapes).Assembly.GetManifestResourceStream($"ChildCare.Core.Maps.{file}")
                ?? throw new InvalidOperationException($"The map data {file} is not in the assembly.");
            using var json = JsonDocument.Parse(stream);
            foreach (var feature in json.RootElement.GetProperty("features").EnumerateArray())
            {
                var code = feature.GetProperty("properties").GetProperty("code").GetString()!;
                var geometry = feature.GetProperty("geometry").Clone();
                shapes[code] = new UnitShape(code, geometry, Polygons(geometry));
            }
        }
        return shapes;
    }

    /// <summary>A Polygon or MultiPolygon as polygons of rings of (longitude, latitude) points; the first ring is the outline.</summary>
    internal static IReadOnlyList<IReadOnlyList<(double Lon, double Lat)[]>> Polygons(JsonElement geometry)
    {
        static (double, double)[] Ring(JsonElement ring) => ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToArray();
        static IReadOnlyList<(double, double)[]> Polygon(JsonElement rings) => rings.EnumerateArray().Select(Ring).ToList();
        var coordinates = geometry.GetProperty("coordinates");
        return geometry.GetProperty("type").GetString() switch
        {
            "Polygon" => [Polygon(coordinates)],
            "MultiPolygon" => coordinates.EnumerateArray().Select(Polygon).ToList(),
            var other => throw new InvalidOperationException($"A {other} is not an area."),
        };
    }
}

/// <summary>One unit's boundary: the GeoJSON geometry as shipped (the API returns it) and its polygons (the SVG draws them).</summary>
public sealed record UnitShape(string Code, JsonElement Geometry, IReadOnlyList<IReadOnlyList<(double Lon, double Lat)[]>> Polygons);
