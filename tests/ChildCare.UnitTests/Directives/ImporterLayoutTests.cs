using ChildCare.Core.Domain;
using ChildCare.Core.Features.Directives.Import;
using ChildCare.Core.Seed;

namespace ChildCare.UnitTests.Directives;

/// <summary>
/// The same document in other layouts reads as well as the clean file (page furniture, a web paste, a Word table),
/// and each kind's own rules (a conclusion's implementation item, a plenum's decisions, a regulation's articles).
/// </summary>
public class ImporterLayoutTests
{
    private static readonly IReadOnlyList<KnownUnit> Units = SeedData.OrgUnits()
        .Select(u => new KnownUnit(Guid.NewGuid(), u.Code, u.Name, u.ShortName, u.Kind)).ToList();

    private static string Corpus(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Directives", "Corpus", file)).Replace("\r\n", "\n");

    private static DirectiveProposal Parse(string text) => DirectiveImporter.Parse(text, Units);

    private static void ShouldReadAlike(DirectiveProposal p, DirectiveProposal clean)
    {
        (p.Code, p.Kind, p.IssuingBody, p.IssuedOn, p.Title, p.Signer).ShouldBe((clean.Code, clean.Kind, clean.IssuingBody, clean.IssuedOn, clean.Title, clean.Signer));
        p.TaskAreas.Select(a => a.Text).ShouldBe(clean.TaskAreas.Select(a => a.Text));
        p.Assignments.Select(a => (a.Clause, a.Text, a.Role)).ShouldBe(clean.Assignments.Select(a => (a.Clause, a.Text, a.Role)));
    }

    [Theory]
    [InlineData("- 2 -")]
    [InlineData("Trang 2")]
    [InlineData("2/5")]
    [InlineData("                                    – 2 –")]
    public void A_page_number_in_the_middle_of_a_sentence_is_dropped_and_the_sentence_joined(string pageNumber)
    {
        var clean = Corpus("chi-thi-45-CT-TW.txt");
        // The page breaks inside task 3, and again in the implementation section, each page under a running header.
        var paged = clean
            .Replace("bảo đảm đồng bộ, tổng thể,", $"bảo đảm đồng bộ, tổng thể,\n\n{pageNumber}\nChỉ thị số 45-CT/TW của Bộ Chính trị\n\n", StringComparison.Ordinal)
            .Replace("- Ban Tuyên giáo Trung ương", $"\n{pageNumber.Replace('2', '3')}\nChỉ thị số 45-CT/TW của Bộ Chính trị\n\n- Ban Tuyên giáo Trung ương", StringComparison.Ordinal);
        var p = Parse(paged);
        ShouldReadAlike(p, Parse(clean));
        p.TaskAreas[2].Text.ShouldContain("bảo đảm đồng bộ, tổng thể, liên thông");
    }

    [Fact]
    public void The_running_header_and_page_numbers_of_a_printed_directive_stay_out_of_its_tasks()
    {
        var p = Parse(Corpus("chi-thi-40-CT-TW-trang.txt"));
        p.TaskAreas[2].Text.ShouldContain("phòng, chống dịch bệnh và chăm sóc sức khoẻ Nhân dân trong dịp Tết.");
        p.TaskAreas.ShouldAllBe(a => !a.Text.Contains("Chỉ thị số 40-CT/TW ngày 11/12/2024") && !a.Text.Contains("Trang") && !a.Text.Contains("- 2 -"));
        p.Assignments.ShouldAllBe(a => !a.Text.Contains("4/4"));
        p.ClosingNote.ShouldBe("Chỉ thị này phổ biến đến chi bộ.");
    }

    [Fact]
    public void A_web_paste_reads_like_the_clean_file()
    {
        var clean = Parse(Corpus("nghi-quyet-57-NQ-TW.txt"));
        var web = Parse(Corpus("nghi-quyet-57-NQ-TW-web.txt"));
        (web.Code, web.IssuingBody, web.IssuedOn, web.Place, web.Title, web.Signer).ShouldBe((clean.Code, clean.IssuingBody, clean.IssuedOn, clean.Place, clean.Title, clean.Signer));
        web.TaskAreas.Select(a => a.Number).ShouldBe(clean.TaskAreas.Select(a => a.Number));
        web.Assignments.Select(a => a.Clause).Distinct().ShouldBe(clean.Assignments.Select(a => a.Clause).Distinct());
        web.SignerTitle.ShouldBe("T/M BỘ CHÍNH TRỊ\nTổng Bí thư");
        web.ClosingNote.ShouldBe("Nghị quyết này phổ biến đến chi bộ."); // not run into the last clause
    }

    [Fact]
    public void A_header_flattened_into_one_column_with_the_date_split_reads_like_the_clean_file()
    {
        var clean = Corpus("chi-thi-45-CT-TW.txt");
        var head = clean[..clean.IndexOf("CHỈ THỊ", StringComparison.Ordinal)];
        var flattened = clean.Replace(head, "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 45-CT/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 14 tháng 4\nnăm 2025\n", StringComparison.Ordinal);
        var p = Parse(flattened);
        ShouldReadAlike(p, Parse(clean));
        p.Place.ShouldBe("Hà Nội");
    }

    [Fact]
    public void A_word_table_paste_reads_like_the_clean_file()
    {
        var clean = Corpus("ke-hoach-125-KH-TU.txt");
        var table = clean
            .Replace("THÀNH ỦY HÀ NỘI                                   ĐẢNG CỘNG SẢN VIỆT NAM", "THÀNH ỦY HÀ NỘI\tĐẢNG CỘNG SẢN VIỆT NAM", StringComparison.Ordinal)
            .Replace("   Số 125-KH/TU                                  Hà Nội,", "Số 125-KH/TU\tHà Nội,", StringComparison.Ordinal);
        var p = Parse(table);
        ShouldReadAlike(p, Parse(clean));
        (p.IssuerUnit!.Code, p.Place).ShouldBe(("P01", "Hà Nội"));
    }

    [Fact]
    public void A_document_without_a_header_is_read_from_its_opening_sentence()
    {
        var p = Parse(Corpus("ket-luan-185-KL-TW-khong-tieu-de.txt"));
        (p.Code, p.Kind, p.IssuingBody, p.IssuedOn, p.Place).ShouldBe(("185-KL/TW", DirectiveKind.Conclusion, "Bộ Chính trị, Ban Bí thư", new DateOnly(2025, 8, 22), null));
        p.Title.ShouldBe("về tăng cường lãnh đạo, chỉ đạo công tác tổ chức đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng");
        p.Preamble!.ShouldStartWith("Tại phiên họp ngày 22/8/2025");
        (p.SignerTitle, p.Signer).ShouldBe(("T/M BỘ CHÍNH TRỊ", "Trần Cẩm Tú"));
    }

    [Fact]
    public void A_line_that_recurs_in_the_body_without_page_numbers_is_not_taken_for_a_running_header()
    {
        var text = Corpus("chi-thi-45-CT-TW.txt")
            .Replace("hoàn thành trước tháng 10 năm 2025.", "hoàn thành trước tháng 10 năm 2025.\nBáo cáo kết quả về Ban Tổ chức Trung ương", StringComparison.Ordinal)
            .Replace("định kỳ báo cáo Bộ Chính trị.", "định kỳ báo cáo Bộ Chính trị.\nBáo cáo kết quả về Ban Tổ chức Trung ương", StringComparison.Ordinal);
        var p = Parse(text);
        p.Assignments.Where(a => a.Text.Contains("Báo cáo kết quả về Ban Tổ chức Trung ương")).Select(a => a.Clause).Distinct().Count().ShouldBe(2);
    }

    [Theory]
    [InlineData("Kết luận số 185-KL/TW ngày 22/8/2025 của Bộ Chính trị, Ban Bí thư về")]
    [InlineData("Kết luận số 185-KL/TW, ngày 22-8-2025 của Bộ Chính trị, Ban Bí thư về")]
    [InlineData("Kết luận số 185-KL/TW, ngày 22 tháng 8 năm 2025 của Bộ Chính trị và Ban Bí thư về")]
    public void The_opening_sentence_may_write_the_date_in_any_usual_way(string opening)
    {
        var text = Corpus("ket-luan-185-KL-TW-khong-tieu-de.txt")
            .Replace("Kết luận số 185-KL/TW ngày 22/8/2025 của Bộ Chính trị, Ban Bí thư về", opening, StringComparison.Ordinal);
        var p = Parse(text);
        (p.Code, p.IssuedOn, p.Place, p.IssuingBody).ShouldBe(("185-KL/TW", new DateOnly(2025, 8, 22), null, "Bộ Chính trị, Ban Bí thư"));
        p.Title!.ShouldStartWith("về tăng cường lãnh đạo");
    }

    [Fact]
    public void A_conclusions_last_item_To_chuc_thuc_hien_is_its_implementation_not_a_task()
    {
        var inline = Parse(Corpus("ket-luan-185-KL-TW-khong-tieu-de.txt"));
        inline.TaskAreas.ShouldAllBe(a => !a.Text.StartsWith("Tổ chức thực hiện"));
        inline.Assignments.ShouldContain(a => a.Clause == 1 && a.Text.StartsWith("Ban Tổ chức Trung ương chủ trì"));

        var listed = Parse(Corpus("ket-luan-201-KL-TW-word.txt"));
        listed.TaskAreas.Select(a => a.Number).ShouldBe([1, 2, 3]);
        listed.TaskAreas[1].Text.ShouldContain("(ii) Kiện toàn");
        listed.Assignments.Select(a => a.Clause).Distinct().ShouldBe([1, 2]);
    }

    [Fact]
    public void A_plenums_resolution_has_its_decisions_as_tasks_and_what_precedes_as_preamble()
    {
        var p = Parse(Corpus("nghi-quyet-hoi-nghi-12-khoa-XIII.txt"));
        p.TaskAreas.Select(a => a.Number).ShouldBe([1, 2, 3, 4]);
        p.TaskAreas[0].Text.ShouldContain("Giao Bộ Chính trị căn cứ ý kiến thảo luận");
        p.Preamble!.ShouldStartWith("Hội nghị lần thứ 12");
        p.Preamble.ShouldEndWith("QUYẾT NGHỊ:");
        p.Warnings.ShouldContain(w => w.Contains("Tổ chức thực hiện"));
    }

    [Fact]
    public void The_tasks_of_a_resolution_are_those_of_its_section_on_tasks_and_solutions()
    {
        var p = Parse(Corpus("nghi-quyet-57-NQ-TW.txt"));
        p.TaskAreas.Select(a => a.Number).ShouldBe([1, 2, 3, 4, 5, 6, 7]);
        p.Preamble!.ShouldContain("II- QUAN ĐIỂM CHỈ ĐẠO, MỤC TIÊU"); // "1- Quan điểm chỉ đạo" is not task 1
        p.Assignments.ShouldContain(a => a.Clause == 5 && a.Text.StartsWith("Ban Tuyên giáo và Dân vận Trung ương"));
        p.Assignments.ShouldContain(a => a.Clause == 6 && a.Role == AssignmentRole.Supervise);
    }

    [Fact]
    public void A_task_section_in_sentence_case_is_found_too()
    {
        var text = Corpus("nghi-quyet-10-NQ-TU-ninh-thuan-trang.txt")
            .Replace("III- NHIỆM VỤ VÀ GIẢI PHÁP", "III- Nhiệm vụ và giải pháp", StringComparison.Ordinal)
            .Replace("IV- TỔ CHỨC THỰC HIỆN", "IV- Tổ chức thực hiện", StringComparison.Ordinal);
        var p = Parse(text);
        p.TaskAreas.Select(a => a.Number).ShouldBe([1, 2, 3, 4]);
        p.TaskAreas[0].Text.ShouldStartWith("Nâng cao nhận thức của cấp ủy");
        p.Assignments.Select(a => a.Clause).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public void QD_is_a_regulation_or_a_decision_by_its_title_word_and_articles_are_not_tasks()
    {
        var regulation = Parse(Corpus("quy-dinh-144-QD-TW.txt"));
        regulation.Kind.ShouldBe(DirectiveKind.Regulation);
        regulation.TaskAreas.ShouldBeEmpty();
        regulation.Warnings.ShouldContain(w => w.StartsWith("Quy định gồm các điều"));
        regulation.Assignments.Select(a => a.Clause).Distinct().ShouldBe([1, 2]);
        regulation.Assignments.ShouldContain(a => a.Clause == 2 && a.Role == AssignmentRole.Coordinate && a.OrgUnits.Any(u => u.Code == "TW-BTG"));
        regulation.ClosingNote.ShouldBe("Quy định này có hiệu lực từ ngày ký và phổ biến đến chi bộ.");
        regulation.Preamble!.ShouldContain("Bộ Chính trị quy định chuẩn mực");

        var decision = Parse(Corpus("quyet-dinh-244-QD-TW-trang.txt"));
        decision.Kind.ShouldBe(DirectiveKind.Decision);
        decision.TaskAreas.ShouldBeEmpty();
        decision.Assignments.ShouldContain(a => a.Clause == 1 && a.Text.EndsWith("chịu trách nhiệm thi hành Quyết định này.") && a.OrgUnitKind == OrgUnitKind.ProvincialCommittee);
    }

    [Fact]
    public void A_regulation_in_chapters_takes_its_assignments_from_the_article_on_carrying_it_out()
    {
        var p = Parse(Corpus("quy-dinh-97-QD-TW-web.txt"));
        (p.Kind, p.Place, p.IssuedOn).ShouldBe((DirectiveKind.Regulation, "Hà Nội", new DateOnly(2023, 2, 7)));
        p.Assignments.Select(a => a.Clause).Distinct().ShouldBe([1, 2]);
        p.Assignments.ShouldAllBe(a => !a.Text.StartsWith("Quy định này"));
    }

    [Fact]
    public void An_appendix_after_the_recipients_with_numbered_lists_of_its_own_is_not_read_as_decisions_or_tasks()
    {
        var clean = Corpus("nghi-quyet-hoi-nghi-12-khoa-XIII.txt");
        var withAppendix = clean.TrimEnd() + """


            PHỤ LỤC
            CÁC CHỈ TIÊU CHỦ YẾU
            1. Tốc độ tăng trưởng kinh tế bình quân 5 năm đạt khoảng 10%/năm.
            2. Tỷ lệ đô thị hoá đạt khoảng 50%.
            3. Tỷ lệ hộ nghèo theo chuẩn đa chiều giảm bình quân 1 - 1,5%/năm.
            """;
        ShouldReadAlike(Parse(withAppendix), Parse(clean));
    }

    [Fact]
    public void A_markdown_export_reads_like_the_plain_text_it_stands_for()
    {
        var markdown = Corpus("chi-thi-bang-markdown.txt");
        var p = Parse(markdown);
        (p.Code, p.Kind, p.IssuingBody, p.Signer).ShouldBe(("45-CT/TW", DirectiveKind.Directive, "Bộ Chính trị", "Tô Lâm"));
        p.TaskAreas.Select(a => a.Text).ShouldAllBe(t => !t.Contains('\\') && !t.Contains('|') && !t.Contains("<br", StringComparison.Ordinal));
        p.Assignments.Select(a => a.Text).ShouldAllBe(t => !t.Contains("Nơi nhận", StringComparison.Ordinal) && !t.Contains("Lưu Văn phòng", StringComparison.Ordinal));
        DirectiveImporter.FromMarkdown("1\\. Tăng cường\n| a<br>b | c |\n| --- | --- |").ShouldBe("1. Tăng cường\na\nb\nc");
        DirectiveImporter.FromMarkdown("Không có gì đặc biệt").ShouldBe("Không có gì đặc biệt");
    }

    [Fact]
    public void A_sentence_that_starts_with_the_words_Noi_nhan_does_not_end_the_body()
    {
        var clean = Corpus("chi-thi-45-CT-TW.txt");
        var withClause = clean.Replace("- Ban Tuyên giáo Trung ương", "Nơi nhận báo cáo sơ kết là Văn phòng Trung ương Đảng.\n- Ban Tuyên giáo Trung ương", StringComparison.Ordinal);
        withClause.ShouldNotBe(clean);
        Parse(withClause).Assignments.Select(a => a.Clause).Distinct().Count().ShouldBe(Parse(clean).Assignments.Select(a => a.Clause).Distinct().Count());
    }
}
