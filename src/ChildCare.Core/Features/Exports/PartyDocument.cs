namespace ChildCare.Core.Features.Exports;

/// <summary>
/// A document in the party format (Hướng dẫn thể thức văn bản của Đảng), independent of the file format:
/// the header block, title and summary line, the body, "Nơi nhận", the signature block and annexes.
/// Word and PDF render the same document, so both say the same thing.
/// </summary>
public sealed record PartyDocument(
    string IssuerParent,
    string Issuer,
    string Symbol,
    string PlaceAndDate,
    string Title,
    string Subject,
    IReadOnlyList<DocBlock> Body,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<string> Signature,
    IReadOnlyList<DocAnnex> Annexes);

public abstract record DocBlock;

/// <summary>A paragraph: a section heading, a bold sub-heading, a bullet or plain text.</summary>
public sealed record DocParagraph(string Text, bool Heading = false, bool Bold = false, bool Italic = false, bool Bullet = false) : DocBlock;

/// <summary>A table; <paramref name="Shares"/> are the columns' parts of the text width (they sum to 1).</summary>
public sealed record DocTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<double> Shares) : DocBlock;

/// <summary>A picture (a PNG: the map, a chart) with its caption "Hình n: …"; its figures are in a table of the annex.</summary>
public sealed record DocFigure(byte[] Png, int PixelWidth, int PixelHeight, string Caption) : DocBlock;

public sealed record DocAnnex(string Title, string Subtitle, DocTable Table, string? Note);
