using ChildCare.Core.Domain;
using ChildCare.Core.Features.Directives.Import;
using ChildCare.Core.Seed;

namespace ChildCare.UnitTests.Directives;

/// <summary>A province's implementation plan (Kế hoạch 125-KH/TU of Thành ủy Hà Nội, an illustrative document).</summary>
public class PlanImportTests
{
    private static readonly IReadOnlyList<KnownUnit> Units = SeedData.OrgUnits()
        .Select(u => new KnownUnit(Guid.NewGuid(), u.Code, u.Name, u.ShortName, u.Kind)).ToList();

    private static DirectiveProposal Plan() =>
        DirectiveImporter.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Directives", "Corpus", "ke-hoach-125-KH-TU.txt")), Units);

    [Fact]
    public void The_plan_reads_its_code_kind_issuer_date_and_the_document_it_carries_out()
    {
        var p = Plan();
        (p.Code, p.Kind, p.IssuingBody, p.Place, p.IssuedOn).ShouldBe(("125-KH/TU", DirectiveKind.Plan, "Thành ủy Hà Nội", "Hà Nội", new DateOnly(2024, 3, 15)));
        p.IssuerUnit!.Code.ShouldBe("P01");
        p.Implements.ShouldBe("28-CT/TW");
        p.Continues.ShouldBeNull();
        p.Title!.ShouldStartWith("thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị");
        p.Title.ShouldEndWith("phồn vinh, hạnh phúc");
        (p.SignerTitle, p.Signer).ShouldBe(("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "Nguyễn Văn An"));
    }

    [Fact]
    public void The_tasks_are_section_II_not_the_aims_of_section_I_and_section_III_gives_the_assignments()
    {
        var p = Plan();
        p.TaskAreas.Select(a => a.Number).ShouldBe([1, 2, 3, 4]);
        string[] starts = ["Tổ chức quán triệt", "Rà soát, bổ sung", "Xây dựng cơ sở dữ liệu", "Phát triển hệ thống"];
        for (var i = 0; i < 4; i++) p.TaskAreas[i].Text.ShouldStartWith(starts[i]);
        p.Preamble!.ShouldContain("MỤC ĐÍCH, YÊU CẦU");
        p.Assignments.Select(a => a.Clause).Distinct().ShouldBe([1, 2, 3, 4]);
        p.Assignments.ShouldContain(a => a.Clause == 3 && a.Text.StartsWith("Các quận ủy"));
        p.Recipients.ShouldContain("Ban Tuyên giáo Trung ương");
    }

    [Fact]
    public void A_signature_on_one_line_is_split_into_title_and_name()
    {
        var text = SeedData.DirectiveSourceText().Replace("T/M BỘ CHÍNH TRỊ\n\nĐã ký: Trương Thị Mai", "T/M BỘ CHÍNH TRỊ (Đã ký) Trương Thị Mai");
        var p = DirectiveImporter.Parse(text, Units);
        (p.SignerTitle, p.Signer).ShouldBe(("T/M BỘ CHÍNH TRỊ", "Trương Thị Mai"));
        p.IssuerUnit.ShouldBeNull(); // a Politburo directive belongs to no unit of the tree: every committee reports on it
    }
}
