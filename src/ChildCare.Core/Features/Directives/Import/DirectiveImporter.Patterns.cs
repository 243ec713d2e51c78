using System.Globalization;
using System.Text.RegularExpressions;
using ChildCare.Core.Domain;
using ChildCare.Core.Text;

namespace ChildCare.Core.Features.Directives.Import;

/// <summary>The importer's patterns (source-generated regular expressions).</summary>
public static partial class DirectiveImporter
{
    [GeneratedRegex(@"Số\s*[:.]?\s*(\d+)\s*-\s*(QĐi|CTr|CT|NQ|KL|QĐ|KH|HD|TB|BC|CV|BS)\s*/\s*([A-ZĐ]+)", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"([\p{L}. \-]{2,40}),\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?:T/M|K/T|T/L|TM\.)\s+(.+)$")]
    private static partial Regex SignerTitlePattern();

    [GeneratedRegex(@"^(?:\(?Đã ký\)?\s*:?\s*)(.+)$")]
    private static partial Regex SignedPattern();

    [GeneratedRegex(@"^(\d{1,2}|[IVX]{1,5})[.)\-–]\s+(.+)$", RegexOptions.Singleline)]
    private static partial Regex NumberedPattern();

    [GeneratedRegex(@"^(?:(?:\d{1,2}|[IVX]{1,5})[.)\-–]\s*)?Tổ chức thực hiện\s*(?:[:.]\s*(.*))?$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ImplementationHeading();

    [GeneratedRegex(@"^[-–•+]\s+(.+)$", RegexOptions.Singleline)]
    private static partial Regex BulletPattern();

    [GeneratedRegex(@"^(?:Chỉ thị|Nghị quyết|Kết luận|Quy định|Quyết định|Kế hoạch|Hướng dẫn) này\b")]
    private static partial Regex ClosingPattern();

    [GeneratedRegex(@"^(?:Người ký|Email|Cơ quan|Thời gian ký|Chuyên|Số và ký hiệu|ĐẾN$|Số:\s*\.\.\.|Ngày:\s*\d|/[A-Za-z]+/|\d{2}-\d{2}-\d{4}\s+\d{2}:\d{2}|\d{2}:\d{2}:\d{2}\s*\+\d{2}:\d{2}|[A-ZĐ ]{2,}$)")]
    private static partial Regex NoisePattern();

    [GeneratedRegex(@"Số:?\s*\.*\s*(\d+)\s*\.*")]
    private static partial Regex IncomingNumber();

    [GeneratedRegex(@"Ngày:?\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{2,4})")]
    private static partial Regex IncomingDate();

    [GeneratedRegex(@"Số\s*:?\s*(\d+-BS/[A-ZĐ]+)")]
    private static partial Regex CopyNumber();

    [GeneratedRegex(@"(\d{2})\.(\d{2})\.(\d{4})")]
    private static partial Regex SignatureTime();

    [GeneratedRegex(@"thực hiện Chỉ thị số (\d+-CT/[A-ZĐ]+)")]
    private static partial Regex ContinuesPattern();

    [GeneratedRegex(@"^\s*thực hiện\s+(?:Chỉ thị|Nghị quyết|Kết luận|Quy định|Quyết định|Kế hoạch|Chương trình hành động|Hướng dẫn)\s+số\s+(\d+\s*-\s*[A-ZĐa-zđ]+\s*/\s*[A-ZĐ]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ImplementsPattern();

    [GeneratedRegex(@"^(?:CHỈ THỊ|NGHỊ QUYẾT|KẾT LUẬN|QUY ĐỊNH|QUYẾT ĐỊNH|KẾ HOẠCH|HƯỚNG DẪN|CHƯƠNG TRÌNH HÀNH ĐỘNG|CHƯƠNG TRÌNH)(?:\s*\([^)]*\))?$")]
    private static partial Regex KindWordLine();

    [GeneratedRegex(@"^([IVX]{1,5})[.)\-–]\s+([^a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RomanHeading();

    [GeneratedRegex(@"\t|\s{2,}")]
    private static partial Regex ColumnGap();

    [GeneratedRegex(@"^(?:[-–—]\s*\d{1,3}\s*[-–—]|Trang\s*\d{1,3}(?:\s*/\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3})$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^(?<kind>Chỉ thị|Nghị quyết|Kết luận|Quy định|Quyết định|Kế hoạch|Chương trình hành động|Hướng dẫn)\s+số\s*:?\s*(?<n>\d+)\s*-\s*(?<letters>QĐi|CTr|CT|NQ|KL|QĐ|KH|HD)\s*/\s*(?<org>[A-ZĐ]+),?\s+ngày\s+(?:(?<d>\d{1,2})\s*[/.-]\s*(?<m>\d{1,2})\s*[/.-]\s*(?<y>\d{4})|(?<d>\d{1,2})\s+tháng\s+(?<m>\d{1,2})\s+năm\s+(?<y>\d{4})),?\s+của\s+(?<issuer>.+?)\s+(?<title>về\s+.+)$")]
    private static partial Regex OpeningSentence();

    [GeneratedRegex(@"^Điều\s+\d+\s*[.:]\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex ArticlePattern();

    [GeneratedRegex(@"^Điều\s+\d+\s*[.:]\s*(?:Tổ chức thực hiện|Trách nhiệm thi hành|Điều khoản thi hành|Hiệu lực và trách nhiệm thi hành)\s*[.:]?\s*(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ImplementationArticle();

    [GeneratedRegex(@"^Chương\s+[IVXLC\d]+\b")]
    private static partial Regex ChapterPattern();

    [GeneratedRegex(@"^QUYẾT NGHỊ\s*:?$")]
    private static partial Regex ResolvedHeading();

    [GeneratedRegex(@"\s*,\s*|\s+và\s+|\s+VÀ\s+")]
    private static partial Regex IssuerSeparator();

    [GeneratedRegex(@"^(?:Tổng Bí thư|Thường trực Ban Bí thư|Phó Bí thư(?: Thường trực)?|Bí thư|Chủ tịch|Phó Chủ tịch)$", RegexOptions.IgnoreCase)]
    private static partial Regex SignerPost();

    [GeneratedRegex(@"^\(?\s*đã ký\s*\)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SignedMark();

    [GeneratedRegex(@"^((?:T/M|K/T|T/L|TM\.)\s+[^()]+?)\s*\(\s*đã ký\s*\)\s*(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex InlineSigned();
}
