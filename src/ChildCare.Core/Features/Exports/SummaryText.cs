using System.Globalization;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Dashboards;
using ChildCare.Core.Text;

namespace ChildCare.Core.Features.Exports;

/// <summary>The report's wording, shared by the Word and PDF writers so both say the same thing.</summary>
public static class SummaryText
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public sealed record Section(string Heading, IReadOnlyList<Block> Blocks);

    /// <summary>A paragraph: plain, a bold sub-heading, or a bullet.</summary>
    public sealed record Block(string Text, bool Bold = false, bool Bullet = false, bool Italic = false);

    /// <summary>The whole summary report as a party-format document.</summary>
    public static PartyDocument Document(SummaryData d)
    {
        var body = new List<DocBlock>
        {
            new DocParagraph($"Thực hiện {d.DocumentName}, {d.CompilerName} báo cáo " +
                $"kết quả {d.RangeName} trên phạm vi {(d.IsNation ? "toàn quốc" : d.ScopeName)} như sau:"),
        };
        if (d.Map is { } map)
        {
            // The dashboard's map of the range's last period, as a picture; its figures are Phụ lục 1's table.
            var (png, width, height) = Maps.MapImage.Png(map);
            body.Add(new DocFigure(png, width, height,
                $"Hình 1: {map.Title} của {map.Features.Count} đơn vị trực thuộc {d.ScopeName} (số liệu tại Phụ lục 1)"));
        }
        foreach (var section in Body(d))
        {
            body.Add(new DocParagraph(section.Heading, Heading: true));
            body.AddRange(section.Blocks.Select(b => new DocParagraph(b.Text, Bold: b.Bold, Italic: b.Italic, Bullet: b.Bullet)));
        }

        var compliance = new DocTable(["STT", "Đơn vị", "Số kỳ", Labels.Compliance.OnTime, Labels.Compliance.Late, Labels.Compliance.Missing,
            Labels.Compliance.Returned, Labels.Compliance.Accepted, Labels.Compliance.Unsigned],
            d.ComplianceByUnit.Select((u, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), u.Name, u.Periods.ToString(CultureInfo.InvariantCulture), u.OnTime.ToString(CultureInfo.InvariantCulture),
                u.Late.ToString(CultureInfo.InvariantCulture), u.Missing.ToString(CultureInfo.InvariantCulture), u.Returned.ToString(CultureInfo.InvariantCulture), u.Accepted.ToString(CultureInfo.InvariantCulture),
                u.Unsigned.ToString(CultureInfo.InvariantCulture)]).ToList(),
            [0.06, 0.3, 0.07, 0.09, 0.07, 0.09, 0.09, 0.12, 0.11]);
        var annex = d.Indicators.Where(i => i.InAnnex).ToList(); // which indicators the annex quotes is the document's data
        var latest = d.Values.Where(v => v.PeriodCode == d.ToCode).ToLookup(v => v.UnitCode);
        var rows = d.ComplianceByUnit.Select((u, n) => (IReadOnlyList<string>)[(n + 1).ToString(CultureInfo.InvariantCulture), u.Name,
            .. annex.Select(i => latest[u.Code].FirstOrDefault(v => v.IndicatorCode == i.Code) is { } v ? Number(v.ComputedValue, i.Unit) : "—")]).ToList();
        rows.Add(["", d.IsNation ? "Toàn quốc" : d.ScopeName, .. annex.Select(i => Number(i.Value, i.Unit))]);
        var shares = new List<double> { 0.06, 0.28 };
        shares.AddRange(annex.Select(_ => 0.66 / Math.Max(1, annex.Count)));
        var indicators = new DocTable(
            ["STT", "Đơn vị", .. annex.Select(i => $"{i.Code} ({Labels.Of(i.Unit)})" +
                (i.Targets.FirstOrDefault(t => t.Value is not null) is { } t ? $"\nMT {t.Year}: {(i.Direction == IndicatorDirection.Lower ? "<" : "≥")}{Number(t.Value, i.Unit)}" : ""))],
            rows, shares);
        return new PartyDocument(d.IssuerParent, d.IssuerName, $"Số …-{d.DocumentSymbol}", Date(d.IssuedOn, d.Place), "BÁO CÁO", Subject(d), body,
            Recipients(d), [.. Signature(d)],
            [
                new DocAnnex("Phụ lục 1", $"TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ ({d.RangeName.ToUpper(Vi)})", compliance, null),
                new DocAnnex("Phụ lục 2", $"MỘT SỐ CHỈ TIÊU THEO ĐƠN VỊ ({d.ToCode}) SO VỚI MỤC TIÊU", indicators,
                    "Ghi chú: tỷ lệ = Σ tử số / Σ mẫu số của các đơn vị; chỉ tính báo cáo đã gửi hoặc đã được chấp nhận; \"—\": chưa có số liệu."),
            ]);
    }

    /// <summary>"THÀNH ỦY HÀ NỘI" → "Thành ủy Hà Nội" style sentence case for running text.</summary>
    public static string Sentence(string upper)
    {
        var lower = upper.ToLower(Vi);
        return lower.Length == 0 ? lower : char.ToUpper(lower[0], Vi) + lower[1..];
    }

    public static string Number(decimal? value, IndicatorUnit unit) => IndicatorFormat.Value(value, unit, "chưa có số liệu");

    public static string Count(decimal? value) => value is null ? "—" : value.Value.ToString("N0", Vi);

    public static string Date(DateOnly d, string place) => $"{place}, ngày {d.Day:00} tháng {d.Month:00} năm {d.Year}";

    public static string Subject(SummaryData d)
    {
        var about = d.DirectiveTitle.StartsWith("Về ", StringComparison.Ordinal) ? "về " + d.DirectiveTitle[3..] : d.DirectiveTitle;
        return $"Sơ kết {d.RangeName} việc thực hiện {d.DocumentName} {about}";
    }

    public static string Target(RangeIndicator i, TargetView t) =>
        (t.Value is { } v ? $"{(i.Direction == IndicatorDirection.Lower ? "dưới " : "")}{Number(v, i.Unit)} năm {t.Year}" : $"{t.Description} năm {t.Year}")
        + (string.IsNullOrEmpty(t.Source) ? "" : $" theo {t.Source}");

    public static string Verdict(TargetStatus s) => s switch
    {
        TargetStatus.Met => "đạt mục tiêu",
        TargetStatus.NotMet => "chưa đạt mục tiêu",
        TargetStatus.NoDirection => "theo dõi",
        TargetStatus.NoTarget => "chưa có mục tiêu",
        _ => "chưa có số liệu",
    };

    public static IReadOnlyList<Section> Body(SummaryData d)
    {
        var c = d.LatestCompliance;
        var l = d.Leadership;
        var scope = d.IsNation ? "toàn quốc" : d.ScopeName;
        var sections = new List<Section>();

        var lead = new List<Block>
        {
            new($"Các cấp ủy, tổ chức đảng trong phạm vi {scope} tiếp tục quán triệt, triển khai {Labels.Of(d.DirectiveKind)} số {d.DirectiveCode}. " +
                (l.PlansExpected is > 0
                    ? $"Đến hết kỳ báo cáo, {Count(l.PlansIssued)}/{Count(l.PlansExpected)} tổ chức đảng đã ban hành kế hoạch, chương trình thực hiện {Labels.Of(d.DirectiveKind)} ({Number(l.PlansIssued / l.PlansExpected * 100, IndicatorUnit.Percent)}). "
                    : "") +
                (l.Conferences is not null ? $"Đã tổ chức {Count(l.Conferences)} hội nghị quán triệt, tuyên truyền {Labels.Of(d.DirectiveKind)}" : "") +
                (l.Attendance is not null ? $" với {Count(l.Attendance)} lượt người ngoài đảng tham dự" : "") +
                (l.Members is > 0 ? $"; {Number(l.MembersReached / l.Members * 100, IndicatorUnit.Percent)} đảng viên được quán triệt." : "."),
                Bullet: false),
            new($"Về chế độ báo cáo {c.PeriodName}: {c.Submitted}/{c.Expected} đơn vị đã gửi báo cáo ({c.OnTime} đúng hạn, {c.Late} muộn), " +
                $"{c.Accepted} báo cáo được chấp nhận, {c.Returned} báo cáo bị trả lại để bổ sung, {c.Missing} đơn vị chưa nộp báo cáo" +
                (c.Unsigned > 0 ? $"; {c.Unsigned} báo cáo gửi lên chưa có chữ ký số của lãnh đạo đơn vị" : "") + " (chi tiết tại Phụ lục 1)."),
        };
        sections.Add(new("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TUYÊN TRUYỀN, QUÁN TRIỆT", lead));

        var results = new List<Block>();
        foreach (var a in d.TaskAreas)
        {
            results.Add(new($"{a.Number}. {a.Title}", Bold: true));
            var total = a.StatusCounts.Values.Sum();
            if (total > 0)
            {
                var parts = a.StatusCounts.OrderBy(k => k.Key).Select(k => $"{k.Value} {Labels.Of(k.Key).ToLower(Vi)}");
                results.Add(new($"Trong {total} đơn vị đã báo cáo: {string.Join(", ", parts)}" +
                    (a.AveragePercent is { } avg ? $"; tỷ lệ hoàn thành bình quân {avg.ToString("N0", Vi)}%." : ".")));
            }
            else results.Add(new("Chưa có đơn vị nào báo cáo về nhiệm vụ này trong kỳ."));
            foreach (var i in d.Indicators.Where(i => i.TaskAreaNumber == a.Number))
            {
                var target = i.Targets.FirstOrDefault(t => t.Value is not null) is { } t ? $"; mục tiêu {Target(i, t)}" : "";
                results.Add(new($"{i.Name}: {Number(i.Value, i.Unit)} ({i.ReportingUnits}/{i.ExpectedUnits} đơn vị báo cáo{target}) — {Verdict(i.Status)}.", Bullet: true));
            }
            foreach (var q in a.Results.Take(3)) results.Add(new($"{q.UnitName}: {q.Text}", Bullet: true, Italic: true));
        }
        sections.Add(new("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP", results));

        var met = d.Indicators.Count(i => i.Status == TargetStatus.Met);
        var notMet = d.Indicators.Where(i => i.Status == TargetStatus.NotMet).ToList();
        var assessment = new List<Block>
        {
            new("1. Ưu điểm", Bold: true),
            new($"Công tác chăm sóc, giáo dục và bảo vệ trẻ em được các cấp ủy quan tâm lãnh đạo; {met} chỉ tiêu đạt mục tiêu đề ra; " +
                $"{c.Submitted}/{c.Expected} đơn vị thực hiện chế độ báo cáo định kỳ."),
            new("2. Hạn chế và nguyên nhân", Bold: true),
        };
        if (notMet.Count > 0) assessment.Add(new($"Còn {notMet.Count} chỉ tiêu chưa đạt mục tiêu: {string.Join("; ", notMet.Select(i => $"{i.Name} ({Number(i.Value, i.Unit)})"))}."));
        if (c.Missing > 0) assessment.Add(new($"{c.Missing} đơn vị chưa nộp báo cáo {c.PeriodName}."));
        foreach (var q in d.TaskAreas.SelectMany(a => a.Difficulties).DistinctBy(q => q.Text).Take(6))
            assessment.Add(new($"{q.UnitName}: {q.Text}", Bullet: true, Italic: true));
        sections.Add(new("III. ĐÁNH GIÁ CHUNG", assessment));

        var ahead = new List<Block>
        {
            new($"Tiếp tục quán triệt, thực hiện nghiêm {Labels.Of(d.DirectiveKind)} số {d.DirectiveCode}; tập trung vào các chỉ tiêu chưa đạt" +
                (notMet.Count > 0 ? $" ({string.Join(", ", notMet.Select(i => i.Code))})" : "") + "."),
            new("Đôn đốc các đơn vị chưa báo cáo, báo cáo chậm; nâng cao chất lượng số liệu báo cáo định kỳ."),
            new("Nhân rộng các mô hình, cách làm hiệu quả trong chăm sóc, giáo dục và bảo vệ trẻ em."),
        };
        sections.Add(new("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", ahead));

        var proposals = new List<Block>();
        foreach (var a in d.TaskAreas.Where(a => a.Proposals.Count > 0))
        {
            proposals.Add(new($"Về nhiệm vụ {a.Number}:", Bold: true));
            foreach (var q in a.Proposals) proposals.Add(new($"{q.UnitName}: {q.Text}", Bullet: true));
        }
        if (proposals.Count == 0) proposals.Add(new("Chưa có đề xuất, kiến nghị của các đơn vị trong kỳ."));
        sections.Add(new("V. ĐỀ XUẤT, KIẾN NGHỊ", proposals));
        return sections;
    }

    /// <summary>The nation's summary goes to the document's addressee (data: "Bộ Chính trị" for 28-CT/TW).</summary>
    public static IReadOnlyList<string> Recipients(SummaryData d) => d.IsNation
        ? [$"- {d.Addressee ?? d.DirectiveIssuer} (để báo cáo),", "- Các tỉnh ủy, thành ủy,", "- Các ban đảng, đảng đoàn, ban cán sự đảng,", "- Lưu Văn phòng."]
        : [$"- {d.CentralBody} (để báo cáo),", "- Thường trực cấp ủy,", "- Các đơn vị trực thuộc,", "- Lưu Văn phòng."];

    public static IReadOnlyList<string> Signature(SummaryData d) => d.IsNation
        ? [$"T/M {d.IssuerName}", "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
        : ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"];
}
