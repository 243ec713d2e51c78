using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace ChildCare.Core.Features.Exports;

/// <summary>
/// The summary report as PDF. Fonts are embedded from the assembly (Liberation Serif, metric-compatible
/// with Times New Roman, full Vietnamese coverage), so every diacritic is right on a machine with no fonts.
/// </summary>
public static class PdfSummaryWriter
{
    public const string Family = "Liberation Serif";
    private const double Mm = 72 / 25.4;
    private static readonly double Left = 30 * Mm, Right = 15 * Mm, Top = 20 * Mm, Bottom = 20 * Mm;

    static PdfSummaryWriter() => EmbeddedFonts.Install();

    public static void Write(SummaryData d, Stream output)
    {
        using var doc = new PdfDocument();
        doc.Info.Title = SummaryText.Subject(d);
        doc.Info.Author = d.IssuerName;
        var layout = new Layout(doc);

        // Header block: two columns.
        var half = (layout.Width) / 2;
        var y0 = layout.Y;
        layout.Column(Left, half - 10, () =>
        {
            layout.Line(d.IssuerParent, 12, XFontStyleEx.Regular, XStringFormats.TopCenter);
            layout.Line(d.IssuerName, 12, XFontStyleEx.Bold, XStringFormats.TopCenter);
            layout.Line("*", 12, XFontStyleEx.Regular, XStringFormats.TopCenter);
            layout.Line($"Số: …-{d.DocumentSymbol}", 12, XFontStyleEx.Regular, XStringFormats.TopCenter);
        });
        var yLeft = layout.Y;
        layout.Y = y0;
        layout.Column(Left + half, half, () =>
        {
            layout.Line("ĐẢNG CỘNG SẢN VIỆT NAM", 13, XFontStyleEx.Bold, XStringFormats.TopCenter);
            layout.Rule(Left + half + half * 0.2, Left + half + half * 0.8);
            layout.Line(SummaryText.Date(d.IssuedOn, d.Place), 12, XFontStyleEx.Italic, XStringFormats.TopCenter);
        });
        layout.Y = Math.Max(layout.Y, yLeft) + 14;

        layout.Paragraph("BÁO CÁO", 15, XFontStyleEx.Bold, center: true);
        layout.Paragraph(SummaryText.Subject(d), 13, XFontStyleEx.Bold, center: true);
        layout.Paragraph("-----", 12, XFontStyleEx.Regular, center: true);
        layout.Paragraph($"Thực hiện Chỉ thị số {d.DirectiveCode}, báo cáo kết quả {d.RangeName} trên phạm vi {(d.IsNation ? "toàn quốc" : d.ScopeName)} như sau:",
            13, XFontStyleEx.Regular, indent: true);
        foreach (var section in SummaryText.Body(d))
        {
            layout.Paragraph(section.Heading, 13, XFontStyleEx.Bold);
            foreach (var b in section.Blocks)
                layout.Paragraph((b.Bullet ? "- " : "") + b.Text, 13,
                    b.Bold ? XFontStyleEx.Bold : b.Italic ? XFontStyleEx.Italic : XFontStyleEx.Regular, indent: !b.Bold);
        }

        layout.Y += 10;
        var yClose = layout.Y;
        layout.Column(Left, half - 10, () =>
        {
            layout.Line("Nơi nhận:", 11, XFontStyleEx.BoldItalic, XStringFormats.TopLeft);
            foreach (var line in SummaryText.Recipients(d)) layout.Line(line, 10, XFontStyleEx.Regular, XStringFormats.TopLeft);
        });
        layout.Y = yClose;
        layout.Column(Left + half, half, () =>
        {
            foreach (var line in SummaryText.Signature(d)) layout.Line(line, 12, XFontStyleEx.Bold, XStringFormats.TopCenter);
        });

        layout.NewPage();
        layout.Paragraph("Phụ lục 1. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ", 12, XFontStyleEx.Bold, center: true);
        layout.Table(["Đơn vị", "Số kỳ", "Đúng hạn", "Muộn", "Chưa gửi", "Chấp nhận"], [0.45, 0.11, 0.11, 0.11, 0.11, 0.11],
            d.ComplianceByUnit.Select(u => new[] { u.Name, u.Periods.ToString(), u.OnTime.ToString(), u.Late.ToString(), u.Missing.ToString(), u.Accepted.ToString() }));
        layout.Y += 12;
        layout.Paragraph("Phụ lục 2. CHỈ TIÊU TỔNG HỢP SO VỚI MỤC TIÊU", 12, XFontStyleEx.Bold, center: true);
        layout.Table(["Chỉ tiêu", "Giá trị", "Đơn vị báo cáo", "Đánh giá"], [0.55, 0.17, 0.13, 0.15],
            d.Indicators.Select(i => new[] { $"{i.Code} {i.Name}", SummaryText.Number(i.Value, i.Unit), $"{i.ReportingUnits}/{i.ExpectedUnits}", SummaryText.Verdict(i.Status) }));
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

        public void Table(string[] header, double[] shares, IEnumerable<string[]> rows)
        {
            var font = new XFont(Family, 10, XFontStyleEx.Regular);
            var bold = new XFont(Family, 10, XFontStyleEx.Bold);
            void Row(string[] cells, XFont f)
            {
                var wrapped = cells.Select((c, i) => Wrap(c, f, _width * shares[i] - 6)).ToList();
                var height = wrapped.Max(w => w.Count) * f.Height * 1.15 + 4;
                Room(height);
                var x = _x;
                for (var i = 0; i < cells.Length; i++)
                {
                    var w = _width * shares[i];
                    _gfx.DrawRectangle(new XPen(XColors.Black, 0.4), x, Y, w, height);
                    for (var l = 0; l < wrapped[i].Count; l++)
                        _gfx.DrawString(wrapped[i][l], f, XBrushes.Black, new XRect(x + 3, Y + 2 + l * f.Height * 1.15, w - 6, f.Height),
                            i == 0 ? XStringFormats.TopLeft : XStringFormats.TopCenter);
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
