using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace ChildCare.Core.Features.Exports;

/// <summary>What a report's PDF carries to tie a signed copy to the report: id, version, and the SHA-256 of its content.</summary>
public sealed record DocumentStamp(Guid ReportId, uint Version, string ContentSha256);

public static class PdfSummaryWriter
{
    public static void Write(SummaryData d, Stream output) => PdfPartyWriter.Write(SummaryText.Document(d), output);
}

/// <summary>
/// Renders a <see cref="PartyDocument"/> as PDF. Fonts are embedded from the assembly (Liberation Serif,
/// metric-compatible with Times New Roman, full Vietnamese coverage), so every diacritic is right on a
/// machine with no fonts.
/// </summary>
public static class PdfPartyWriter
{
    public const string Family = "Liberation Serif";
    private const double Mm = 72 / 25.4;
    private static readonly double Left = 30 * Mm, Right = 15 * Mm, Top = 20 * Mm, Bottom = 20 * Mm;

    static PdfPartyWriter() => EmbeddedFonts.Install();

    /// <summary>
    /// Writes the document signed with a seal key (PDFsharp's signature handler with a CMS from
    /// <see cref="Signing.PdfCmsSigner"/>); the signature block says it is signed digitally and by whom.
    /// </summary>
    public static void WriteSigned(PartyDocument d, Stream output, Signing.SealKey seal, TimeProvider time, string reason, string location,
        DocumentStamp? stamp = null) =>
        Write(d with { Signature = WithSealMark(d.Signature, $"(Đã ký số: {seal.Name})") }, output, stamp,
            doc => PdfSharp.Pdf.Signatures.DigitalSignatureHandler.ForDocument(doc, new Signing.PdfCmsSigner(seal, time),
                new PdfSharp.Pdf.Signatures.DigitalSignatureOptions { Reason = reason, Location = location, AppName = "ChildCare" }));

    /// <summary>The seal's mark goes where a hand would sign: the first blank line of the block, else under it.</summary>
    public static IReadOnlyList<string> WithSealMark(IReadOnlyList<string> block, string mark)
    {
        var room = block.ToList().FindIndex(string.IsNullOrEmpty);
        return room < 0 ? [.. block, mark] : [.. block.Take(room), mark, .. block.Skip(room + 1)];
    }

    /// <summary>
    /// Writes the document; with a <paramref name="stamp"/> (a unit's report) the report's id, version and content hash go
    /// into the document information and in a line at the foot of the last page, so a signed copy names what it signs.
    /// </summary>
    public static void Write(PartyDocument d, Stream output, DocumentStamp? stamp = null, Action<PdfDocument>? beforeSave = null)
    {
        using var doc = new PdfDocument();
        doc.Info.Title = d.Subject;
        doc.Info.Author = d.Issuer;
        if (stamp is not null)
        {
            doc.Info.Elements.SetString("/" + Signing.PdfSignatureVerifier.ReportIdKey, stamp.ReportId.ToString());
            doc.Info.Elements.SetString("/" + Signing.PdfSignatureVerifier.VersionKey, stamp.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            doc.Info.Elements.SetString("/" + Signing.PdfSignatureVerifier.ContentKey, stamp.ContentSha256);
        }
        var layout = new Layout(doc);

        // Header block: two columns.
        var half = layout.Width / 2;
        var y0 = layout.Y;
        layout.Column(Left, half - 10, () =>
        {
            layout.Line(d.IssuerParent, 12, XFontStyleEx.Regular, XStringFormats.TopCenter);
            layout.Line(d.Issuer, 12, XFontStyleEx.Bold, XStringFormats.TopCenter);
            layout.Line("*", 12, XFontStyleEx.Regular, XStringFormats.TopCenter);
            layout.Line(d.Symbol, 12, XFontStyleEx.Regular, XStringFormats.TopCenter);
        });
        var yLeft = layout.Y;
        layout.Y = y0;
        layout.Column(Left + half, half, () =>
        {
            layout.Line("ĐẢNG CỘNG SẢN VIỆT NAM", 13, XFontStyleEx.Bold, XStringFormats.TopCenter);
            layout.Rule(Left + half + half * 0.2, Left + half + half * 0.8);
            layout.Line(d.PlaceAndDate, 12, XFontStyleEx.Italic, XStringFormats.TopCenter);
        });
        layout.Y = Math.Max(layout.Y, yLeft) + 14;

        layout.Paragraph(d.Title, 15, XFontStyleEx.Bold, center: true);
        layout.Paragraph(d.Subject, 13, XFontStyleEx.Bold, center: true);
        layout.Paragraph("-----", 12, XFontStyleEx.Regular, center: true);
        foreach (var block in d.Body)
        {
            switch (block)
            {
                case DocParagraph { Heading: true } h: layout.Paragraph(h.Text, 13, XFontStyleEx.Bold); break;
                case DocParagraph p:
                    layout.Paragraph((p.Bullet ? "- " : "") + p.Text, 13, p.Bold ? XFontStyleEx.Bold : p.Italic ? XFontStyleEx.Italic : XFontStyleEx.Regular, indent: !p.Bold);
                    break;
                case DocTable t: layout.Table(t); break;
                case DocFigure f: layout.Figure(f); break;
            }
        }

        layout.Y += 10;
        var yClose = layout.Y;
        layout.Column(Left, half - 10, () =>
        {
            layout.Line("Nơi nhận:", 11, XFontStyleEx.BoldItalic, XStringFormats.TopLeft);
            foreach (var line in d.Recipients) layout.Line(line, 10, XFontStyleEx.Regular, XStringFormats.TopLeft);
        });
        layout.Y = yClose;
        layout.Column(Left + half, half, () =>
        {
            foreach (var line in d.Signature) layout.Line(line, 12, XFontStyleEx.Bold, XStringFormats.TopCenter);
        });

        foreach (var (annex, i) in d.Annexes.Select((a, i) => (a, i)))
        {
            if (i == 0) layout.NewPage();
            else layout.Y += 12;
            layout.Paragraph($"{annex.Title}. {annex.Subtitle}", 12, XFontStyleEx.Bold, center: true);
            layout.Table(annex.Table);
            if (annex.Note is not null) layout.Paragraph(annex.Note, 10, XFontStyleEx.Italic);
        }
        if (stamp is not null) layout.Foot($"Báo cáo {stamp.ReportId} · phiên bản {stamp.Version} · SHA-256 nội dung {stamp.ContentSha256}");
        layout.Done();
        beforeSave?.Invoke(doc);
        doc.Save(output, closeStream: false);
    }

    /// <summary>A minimal flowing layout: wrapped paragraphs, two-column blocks, simple tables, new pages as needed.</summary>
    private sealed class Layout
    {
        private readonly PdfDocument _doc;
        private XGraphics _gfx = null!;
        private double _x = Left, _width;

        public Layout(PdfDocument doc)
        {
            _doc = doc;
            NewPage();
            Width = _width;
        }

        public double Y { get; set; }
        public double Width { get; }
        private double PageHeight { get; set; }

        public void NewPage()
        {
            _gfx?.Dispose();
            var page = _doc.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(page);
            PageHeight = page.Height.Point;
            _width = page.Width.Point - Left - Right;
            Y = Top;
        }

        /// <summary>A small line at the foot of the current (last) page.</summary>
        public void Foot(string text)
        {
            var font = new XFont(Family, 7, XFontStyleEx.Regular);
            _gfx.DrawString(text, font, XBrushes.DimGray, new XRect(Left, PageHeight - Bottom / 2 - 8, _width, 10), XStringFormats.TopLeft);
        }

        /// <summary>Releases the last page's drawing surface (a signature handler writes to the document after this).</summary>
        public void Done() => _gfx.Dispose();

        public void Column(double x, double width, Action draw)
        {
            var (oldX, oldW) = (_x, _width);
            (_x, _width) = (x, width);
            draw();
            (_x, _width) = (oldX, oldW);
        }

        public void Line(string text, double size, XFontStyleEx style, XStringFormat format)
        {
            var font = new XFont(Family, size, style);
            foreach (var line in Wrap(text, font, _width))
            {
                Room(font.Height * 1.2);
                _gfx.DrawString(line, font, XBrushes.Black, new XRect(_x, Y, _width, font.Height), format);
                Y += font.Height * 1.2;
            }
        }

        public void Rule(double x1, double x2)
        {
            _gfx.DrawLine(new XPen(XColors.Black, 0.6), x1, Y + 1, x2, Y + 1);
            Y += 6;
        }

        /// <summary>A picture at the text's width (no wider than its pixels at 150 dpi), its caption centred under it.</summary>
        public void Figure(DocFigure f)
        {
            using var image = XImage.FromStream(new MemoryStream(f.Png));
            var width = Math.Min(_width, f.PixelWidth * 72.0 / 150);
            var height = width * f.PixelHeight / f.PixelWidth;
            Room(height + 8);
            _gfx.DrawImage(image, _x + (_width - width) / 2, Y + 4, width, height);
            Y += height + 8;
            Paragraph(f.Caption, 12, XFontStyleEx.Italic, center: true);
        }

        public void Paragraph(string text, double size, XFontStyleEx style, bool center = false, bool indent = false)
        {
            var font = new XFont(Family, size, style);
            var first = indent ? 28 : 0;
            var lines = Wrap(text, font, _width - first, _width);
            for (var i = 0; i < lines.Count; i++)
            {
                Room(font.Height * 1.25);
                var x = _x + (i == 0 ? first : 0);
                var w = _width - (i == 0 ? first : 0);
                _gfx.DrawString(lines[i], font, XBrushes.Black, new XRect(x, Y, w, font.Height), center ? XStringFormats.TopCenter : XStringFormats.TopLeft);
                Y += font.Height * 1.25;
            }
            Y += 4;
        }

        public void Table(DocTable t)
        {
            var header = t.Header.ToArray();
            var shares = t.Shares.ToArray();
            var rows = t.Rows.Select(r => r.ToArray());
            var font = new XFont(Family, 10, XFontStyleEx.Regular);
            var bold = new XFont(Family, 10, XFontStyleEx.Bold);
            void Row(string[] cells, XFont f)
            {
                var wrapped = cells.Select((c, i) => Wrap(c, f, Math.Max(10, _width * shares[i] - 6))).ToList();
                var height = wrapped.Max(w => w.Count) * f.Height * 1.15 + 4;
                Room(height);
                var x = _x;
                for (var i = 0; i < cells.Length; i++)
                {
                    var w = _width * shares[i];
                    _gfx.DrawRectangle(new XPen(XColors.Black, 0.4), x, Y, w, height);
                    for (var l = 0; l < wrapped[i].Count; l++)
                        _gfx.DrawString(wrapped[i][l], f, XBrushes.Black, new XRect(x + 3, Y + 2 + l * f.Height * 1.15, w - 6, f.Height),
                            i == 1 && f != bold ? XStringFormats.TopLeft : XStringFormats.TopCenter);
                    x += w;
                }
                Y += height;
            }
            Row(header, bold);
            foreach (var r in rows) Row(r, font);
        }

        private void Room(double height)
        {
            if (Y + height > PageHeight - Bottom) NewPage();
        }

        private List<string> Wrap(string text, XFont font, double firstWidth, double? otherWidth = null)
        {
            var lines = new List<string>();
            foreach (var para in text.Split('\n'))
            {
                var current = "";
                foreach (var word in para.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = current.Length == 0 ? word : current + " " + word;
                    var limit = lines.Count == 0 ? firstWidth : otherWidth ?? firstWidth;
                    if (current.Length > 0 && _gfx.MeasureString(candidate, font).Width > limit)
                    {
                        lines.Add(current);
                        current = word;
                    }
                    else current = candidate;
                }
                lines.Add(current);
            }
            return lines;
        }
    }
}
