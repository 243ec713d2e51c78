using SkiaSharp;

namespace ChildCare.Core.Features.Maps;

/// <summary>
/// The map as a PNG for the exported documents (Word and PDF carry pictures, not SVG): the same projection as the
/// dashboard (<see cref="MapDrawing"/>), the same colours, and the same patterns — hatched, cross-hatched, dotted —
/// so the classes stay apart when a party office prints in grey; the legend is drawn beside the map with the
/// documents' own font (Liberation Serif, shipped in the portal: every Vietnamese diacritic).
/// </summary>
public static class MapImage
{
    private const float Scale = 2f; // pixels per drawing unit: sharp at 16 cm wide on paper

    public static (byte[] Png, int Width, int Height) Png(UnitMap map, double drawingWidth = 420)
    {
        var picture = MapDrawing.Draw(map.Features, drawingWidth);
        const float legendWidth = 170, row = 16;
        var width = (int)((picture.Width + legendWidth) * Scale);
        var height = (int)(Math.Max(picture.Height, map.Legend.Count * row + 20) * Scale);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(Scale);
        using (var sea = new SKPaint { Color = new SKColor(0xEE, 0xF4, 0xF8) }) canvas.DrawRect(0, 0, (float)picture.Width, (float)picture.Height, sea);

        using var border = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Stroke, StrokeWidth = 0.6f, IsAntialias = true };
        foreach (var shape in picture.Shapes)
        {
            using var path = SKPath.ParseSvgPathData(shape.Path);
            path.FillType = SKPathFillType.EvenOdd;
            using var fill = Fill(shape.Feature.Class);
            canvas.DrawPath(path, fill);
            canvas.DrawPath(path, border);
        }

        using var typeface = Typeface();
        using var font = new SKFont(typeface, 10.5f);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using (var small = new SKFont(typeface, 9f))
        using (var grey = new SKPaint { Color = new SKColor(0x37, 0x47, 0x4F), IsAntialias = true })
            foreach (var note in picture.Notes) canvas.DrawText(note.Text, (float)note.X, (float)note.Y, SKTextAlign.Center, small, grey);
        using var outline = new SKPaint { Color = new SKColor(0x55, 0x55, 0x55), Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f };
        var x = (float)picture.Width + 12;
        for (var i = 0; i < map.Legend.Count; i++)
        {
            var item = map.Legend[i];
            var y = 12 + i * row;
            using var swatch = Fill(item.Class);
            canvas.DrawRect(x, y, 22, 12, swatch);
            canvas.DrawRect(x, y, 22, 12, outline);
            canvas.DrawText($"{item.Label}: {item.Count}", x + 28, y + 10, SKTextAlign.Left, font, ink);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return (data.ToArray(), width, height);
    }

    /// <summary>The class's colour, with its pattern drawn over it (the dashboard's SVG patterns, at the same size).</summary>
    private static SKPaint Fill(string css)
    {
        var (color, pattern) = css switch
        {
            "accepted" => (new SKColor(0x1B, 0x5E, 0x20), ""),
            "on-time" => (new SKColor(0x81, 0xC7, 0x84), ""),
            "late" => (new SKColor(0xFF, 0xB7, 0x4D), "hatch"),
            "missing" => (new SKColor(0xE5, 0x73, 0x73), "cross"),
            "met" => (new SKColor(0x2E, 0x7D, 0x32), ""),
            "not-met" => (new SKColor(0xFF, 0xB7, 0x4D), "hatch"),
            "no-data" => (SKColors.White, "dots"),
            _ => (new SKColor(0xBD, 0xBD, 0xBD), ""),
        };
        if (pattern.Length == 0) return new SKPaint { Color = color, IsAntialias = true };
        const int tile = 12; // 6 drawing units at Scale 2
        using var bitmap = new SKBitmap(tile, tile);
        using (var c = new SKCanvas(bitmap))
        using (var mark = new SKPaint { Color = new SKColor(0, 0, 0, 110), StrokeWidth = 2, IsAntialias = true })
        {
            c.Clear(color);
            if (pattern is "hatch" or "cross") c.DrawLine(0, tile, tile, 0, mark);
            if (pattern == "cross") c.DrawLine(0, 0, tile, tile, mark);
            if (pattern == "dots") c.DrawCircle(tile / 2f, tile / 2f, 2.2f, mark);
        }
        // The tile is in pixels; the canvas draws in drawing units (× Scale): shrink the shader back.
        var shader = SKShader.CreateBitmap(bitmap, SKShaderTileMode.Repeat, SKShaderTileMode.Repeat, SKMatrix.CreateScale(1 / Scale, 1 / Scale));
        return new SKPaint { Shader = shader, IsAntialias = true };
    }

    private static SKTypeface Typeface()
    {
        using var stream = typeof(MapImage).Assembly.GetManifestResourceStream("ChildCare.Core.Fonts.LiberationSerif-Regular.ttf")
            ?? throw new InvalidOperationException("The documents' font is not in the assembly.");
        return SKTypeface.FromStream(stream);
    }
}
