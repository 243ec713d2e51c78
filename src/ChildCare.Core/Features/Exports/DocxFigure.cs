using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace ChildCare.Core.Features.Exports;

/// <summary>A PNG placed in line in a Word paragraph, centred, at the text's width, its caption as the alternative text.</summary>
internal static class DocxFigure
{
    private const long EmuPerTwip = 635;

    public static Paragraph Picture(MainDocumentPart main, DocFigure f, int textWidthTwips)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var png = new MemoryStream(f.Png)) part.FeedData(png);
        var id = main.GetIdOfPart(part);
        var number = (uint)main.ImageParts.Count();
        var cx = Math.Min(textWidthTwips * EmuPerTwip, f.PixelWidth * 914400L / 150); // no wider than the pixels at 150 dpi
        var cy = cx * f.PixelHeight / f.PixelWidth;
        var name = $"Hình {number}";

        var picture = new PIC.Picture(
            new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = name, Description = f.Caption },
                new PIC.NonVisualPictureDrawingProperties()),
            new PIC.BlipFill(new A.Blip { Embed = id }, new A.Stretch(new A.FillRectangle())),
            new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = number, Name = name, Description = f.Caption },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };
        return new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }, new SpacingBetweenLines { Before = "120", After = "60" }),
            new Run(new Drawing(inline)));
    }

    /// <summary>
    /// Open XML SDK 3 puts a new image part at the package's root (/media/image.png; dotnet/Open-XML-SDK#1730, open);
    /// Word reads it there, but Word itself and every other tool keep a document's pictures under /word/media. This
    /// moves them there and points the document's relationships (and any content-type override) at the new place.
    /// </summary>
    public static void MoveMediaUnderWord(MemoryStream docx)
    {
        docx.Position = 0;
        using var zip = new ZipArchive(docx, ZipArchiveMode.Update, leaveOpen: true);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("media/", StringComparison.Ordinal)).ToList())
        {
            var moved = zip.CreateEntry("word/" + entry.FullName, CompressionLevel.NoCompression);
            using (var from = entry.Open())
            using (var to = moved.Open())
                from.CopyTo(to);
            entry.Delete();
        }
        Rewrite(zip, "word/_rels/document.xml.rels", "Target=\"/media/", "Target=\"/word/media/");
        Rewrite(zip, "[Content_Types].xml", "PartName=\"/media/", "PartName=\"/word/media/");
    }

    private static void Rewrite(ZipArchive zip, string name, string from, string to)
    {
        var entry = zip.GetEntry(name);
        if (entry is null) return;
        string text;
        using (var reader = new StreamReader(entry.Open(), Encoding.UTF8)) text = reader.ReadToEnd();
        if (!text.Contains(from, StringComparison.Ordinal)) return;
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text.Replace(from, to, StringComparison.Ordinal));
    }
}

