using ChildCare.Core.Domain;
using ChildCare.Core.Features.Directives.Import;
using ChildCare.Core.Seed;

namespace ChildCare.UnitTests.Directives;

public class DirectiveImporterTests
{
    private static readonly IReadOnlyList<KnownUnit> Units = SeedData.OrgUnits()
        .Select(u => new KnownUnit(Guid.NewGuid(), u.Code, u.Name, u.ShortName, u.Kind)).ToList();

    private static DirectiveProposal Seed() => DirectiveImporter.Parse(SeedData.DirectiveSourceText(), Units);

    [Fact]
    public void The_seed_copy_gives_code_kind_issuer_place_date_and_title()
    {
        var p = Seed();
        (p.Code, p.Kind, p.IssuingBody, p.Place, p.IssuedOn).ShouldBe(("28-CT/TW", DirectiveKind.Directive, "Bộ Chính trị", "Hà Nội", new DateOnly(2023, 12, 25)));
        p.Title.ShouldBe("Về tăng cường công tác chăm sóc, giáo dục và bảo vệ trẻ em đáp ứng yêu cầu phát triển đất nước phồn vinh, hạnh phúc");
        p.Preamble!.ShouldStartWith("Sau 10 năm thực hiện Chỉ thị số 20-CT/TW");
        p.Continues.ShouldBe("20-CT/TW");
        (p.SignerTitle, p.Signer).ShouldBe(("T/M BỘ CHÍNH TRỊ", "Trương Thị Mai"));
        p.ClosingNote.ShouldBe("Chỉ thị này phổ biến đến các chi bộ.");
    }

    [Fact]
    public void The_seed_copy_gives_five_task_areas_in_order_with_the_page_break_healed()
    {
        var areas = Seed().TaskAreas;
        areas.Select(a => a.Number).ShouldBe([1, 2, 3, 4, 5]);
        string[] starts = ["Tập trung lãnh đạo", "Hoàn thiện chính sách", "Nâng cao hiệu lực quản lý", "Nâng cao hiệu quả thực hiện", "Tăng cường vai trò"];
        for (var i = 0; i < 5; i++) areas[i].Text.ShouldStartWith(starts[i]);
        areas[0].Text.ShouldContain("nâng cao nhận thức, trách nhiệm đối với sự phát triển");
        areas[2].Text.ShouldContain("quản lý chặt chẽ các cơ sở chăm sóc");
        areas[1].Text.ShouldContain("Bảo đảm vai trò chủ đạo của ngân sách nhà nước"); // a task's second paragraph stays with it
        areas.ShouldAllBe(a => !a.Text.Contains("Người ký") && !a.Text.Contains("ĐẾN"));
    }

    [Fact]
    public void Section_6_becomes_assignments_with_roles_and_bodies()
    {
        var a = Seed().Assignments;
        a.Select(x => x.Clause).Distinct().Count().ShouldBe(5);
        a.ShouldContain(x => x.Clause == 1 && x.Role == AssignmentRole.Lead && x.OrgUnitKind == OrgUnitKind.ProvincialCommittee);
        a.ShouldContain(x => x.Clause == 2 && x.Role == AssignmentRole.Lead && x.OrgUnits.Any(u => u.Code == "TW-DDQH") && x.OrgUnits.Any(u => u.Code == "TW-BCSCP"));
        a.ShouldContain(x => x.Clause == 3 && x.OrgUnits.Any(u => u.Code == "TW-BLDTBXH"));
        a.ShouldContain(x => x.Clause == 4 && x.Role == AssignmentRole.Supervise && x.OrgUnits.Any(u => u.Code == "TW-MTTQ") && x.OrgUnits.Any(u => u.Code == "TW-HBVQTE"));
        a.ShouldContain(x => x.Clause == 5 && x.Role == AssignmentRole.Lead && x.OrgUnits.Any(u => u.Code == "TW-BTG"));
        a.ShouldContain(x => x.Clause == 5 && x.Role == AssignmentRole.Coordinate);
        a.ShouldNotContain(x => x.OrgUnits.Any(u => u.Code == "TW-BCT")); // "… và báo cáo Bộ Chính trị": the report goes there, no task does
    }

    [Fact]
    public void The_registry_stamps_the_copy_and_the_recipients_are_read()
    {
        var p = Seed();
        var incoming = p.RegistryStamps.Where(s => s.Kind == StampKind.Incoming).ToList();
        incoming.Select(s => s.Number).ShouldBe(["3420", "11"]);
        incoming[0].Date.ShouldBe(new DateOnly(2023, 12, 28));
        incoming[1].OrgUnit!.Code.ShouldBe("P01-D007"); // "QUẬN ỦY HAI BÀ TRUNG", as OCR'd
        var copy = p.RegistryStamps.Single(s => s.Kind == StampKind.CertifiedCopy);
        (copy.Number, copy.Date, copy.Signer).ShouldBe(("131-BS/VPQU", new DateOnly(2024, 1, 5), "Vũ Đức Tuynh"));
        p.RegistryStamps.Single(s => s.Kind == StampKind.DigitalSignature).Date.ShouldBe(new DateOnly(2024, 1, 2));
        p.Recipients.ShouldContain("Các TCCS đảng trực thuộc");
        p.Recipients.Count.ShouldBe(6);
    }

    [Fact]
    public void A_receipt_dated_before_the_issue_is_warned_about()
    {
        Seed().Warnings.ShouldContain(w => w.Contains("Quận ủy Hai Bà Trưng") && w.Contains("02/01/2023") && w.Contains("trước ngày ban hành 25/12/2023"));
    }

    [Fact]
    public void A_resolution_numbered_in_roman_numerals_with_a_skipped_task_is_read_and_warned_about()
    {
        const string text = """
            BAN BÍ THƯ
            Số 15-NQ/TW
            Hà Nội, ngày 3 tháng 5 năm 2025

            NGHỊ QUYẾT
            CỦA BAN BÍ THƯ

            Về phát triển thư viện trường học

            Để nâng cao văn hóa đọc, Ban Bí thư yêu cầu:

            I. Nâng cao nhận thức về văn hóa đọc trong nhà trường.

            II. Đầu tư thư viện
            a) xây mới thư viện;
            b) bổ sung sách.

            IV. Đào tạo cán bộ thư viện.

            Tổ chức thực hiện

            - Ban Tuyên giáo Trung ương chủ trì, phối hợp với Mặt trận Tổ quốc Việt Nam hướng dẫn thực hiện.
            - Hội Người cao tuổi tham gia vận động.

            Nghị quyết này phổ biến đến chi bộ.

            T/M BAN BÍ THƯ
            Đã ký: Nguyễn Văn A
            """;
        var p = DirectiveImporter.Parse(text, Units);
        (p.Code, p.Kind, p.IssuingBody, p.IssuedOn).ShouldBe(("15-NQ/TW", DirectiveKind.Resolution, "Ban Bí thư", new DateOnly(2025, 5, 3)));
        p.TaskAreas.Select(a => a.Number).ShouldBe([1, 2, 4]);
        p.TaskAreas[1].Text.ShouldContain("b) bổ sung sách.");
        p.Warnings.ShouldContain(w => w.Contains("Nhiệm vụ số 3 bị thiếu"));
        p.Warnings.ShouldContain(w => w.Contains("Hội Người cao tuổi"));
        p.Assignments.ShouldContain(a => a.Role == AssignmentRole.Coordinate && a.OrgUnits.Any(u => u.Code == "TW-MTTQ"));
        p.Signer.ShouldBe("Nguyễn Văn A");
    }

    [Fact]
    public void Missing_parts_are_warnings_not_failures()
    {
        var p = DirectiveImporter.Parse("Một đoạn văn bản không có cấu trúc.", Units);
        p.Code.ShouldBeNull();
        p.TaskAreas.ShouldBeEmpty();
        p.Warnings.Count.ShouldBeGreaterThanOrEqualTo(4);
    }
}
