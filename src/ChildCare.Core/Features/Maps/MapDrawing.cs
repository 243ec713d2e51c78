using System.Globalization;
using System.Text;

namespace ChildCare.Core.Features.Maps;

/// <summary>A unit's outline as an SVG path in the drawing's coordinates.</summary>
public sealed record DrawnShape(MapFeature Feature, string Path, double LabelX, double LabelY);

/// <summary>A name written on the map at a point (the archipelagos: "QĐ. Hoàng Sa (Đà Nẵng)").</summary>
public sealed record MapNote(string Text, double X, double Y);

/// <summary>The map as SVG geometry: a view box and one path per unit that has a shape.</summary>
public sealed record MapPicture(double Width, double Height, IReadOnlyList<DrawnShape> Shapes, IReadOnlyList<MapNote> Notes)
{
    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width:0.#} {Height:0.#}");
}

/// <summary>
/// Projects the shapes onto a flat picture: longitude scaled by the cosine of the middle latitude (an
/// equirectangular projection, true enough at Vietnam's size), north up, fitted to the width with a margin.
/// The view takes in every shape drawn, so the national map always reaches the Hoàng Sa and Trường Sa archipelagos.
/// </summary>
public static class MapDrawing
{
    public static MapPicture Draw(IReadOnlyList<MapFeature> features, double width = 600, double margin = 8)
    {
        var drawn = features.Where(f => f.Shape is not null).ToList();
        var points = drawn.SelectMany(f => f.Shape!.Polygons.SelectMany(p => p[0])).ToList();
        if (points.Count == 0) return new MapPicture(width, width / 2, [], []);
        double minLon = points.Min(p => p.Lon), maxLon = points.Max(p => p.Lon), minLat = points.Min(p => p.Lat), maxLat = points.Max(p => p.Lat);
        var k = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var scale = (width - 2 * margin) / Math.Max(1e-9, (maxLon - minLon) * k);
        var height = (maxLat - minLat) * scale + 2 * margin;
        (double X, double Y) Project((double Lon, double Lat) p) => (margin + (p.Lon - minLon) * k * scale, margin + (maxLat - p.Lat) * scale);

        var shapes = new List<DrawnShape>(drawn.Count);
        foreach (var f in drawn)
        {
            var path = new StringBuilder();
            foreach (var polygon in f.Shape!.Polygons)
                foreach (var ring in polygon)
                {
                    for (var i = 0; i < ring.Length; i++)
                    {
                        var (x, y) = Project(ring[i]);
                        path.Append(i == 0 ? 'M' : 'L').Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture));
                    }
                    path.Append('Z');
                }
            // The label sits at the centre of the largest outline (by its box), not in the sea between islands.
            var largest = f.Shape.Polygons.MaxBy(p => (p[0].Max(q => q.Lon) - p[0].Min(q => q.Lon)) * (p[0].Max(q => q.Lat) - p[0].Min(q => q.Lat)))![0];
            var (cx, cy) = Project((largest.Average(q => q.Lon), largest.Average(q => q.Lat)));
            shapes.Add(new DrawnShape(f, path.ToString(), cx, cy));
        }
        var notes = new List<MapNote>();
        foreach (var (code, east, text) in Archipelagos)
            if (drawn.FirstOrDefault(f => f.Shape!.Code == code) is { } owner
                && owner.Shape!.Polygons.Select(p => p[0]).Where(r => r.Min(q => q.Lon) > east).SelectMany(r => r).ToList() is { Count: > 0 } islands)
            {
                var (x, y) = Project((islands.Average(q => q.Lon), islands.Max(q => q.Lat)));
                notes.Add(new MapNote(text, Math.Min(x, width - margin - 60), Math.Max(margin + 8, y - 6)));
            }
        return new MapPicture(width, height, shapes, notes);
    }

    /// <summary>The islands east of a longitude that belong to a province, and how the map names them.</summary>
    private static readonly (string Code, double East, string Text)[] Archipelagos =
    [
        ("P48", 111.0, "QĐ. Hoàng Sa (Đà Nẵng)"),
        ("P56", 112.5, "QĐ. Trường Sa (Khánh Hòa)"),
    ];
}
