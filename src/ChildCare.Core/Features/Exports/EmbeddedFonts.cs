using PdfSharp.Fonts;

namespace ChildCare.Core.Features.Exports;

/// <summary>Resolves every font the PDF asks for to the Liberation Serif faces embedded in this assembly.</summary>
public sealed class EmbeddedFonts : IFontResolver
{
    private static readonly Lock Gate = new();
    private static bool _installed;

    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new EmbeddedFonts();
            _installed = true;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch
        {
            (true, true) => "LiberationSerif-BoldItalic",
            (true, false) => "LiberationSerif-Bold",
            (false, true) => "LiberationSerif-Italic",
            _ => "LiberationSerif-Regular",
        });

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"ChildCare.Core.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"Embedded font {faceName} is missing");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
