using ChildCare.Core.Domain;
using ChildCare.Core.Features.Exports;
using ChildCare.Core.Features.Signing;
using ChildCare.Core.Security;

namespace ChildCare.UnitTests.Exports;

/// <summary>Issue 19, item 2: the signature block of a unit's report names the signer.</summary>
public class SignatureBlockTests
{
    private static UserScope Caller(string email, string role) =>
        new(Guid.NewGuid(), email, email, new HashSet<string> { role }, Guid.NewGuid(), "Đảng ủy phường Hoàn Kiếm", [], OrgUnitKind.GrassrootsCommittee);

    private static readonly SignerIdentity Thu = new("bithu@x.vn", "Trần Văn Thu"), An = new("pbt@x.vn", "Lê Thị Ân");

    [Fact]
    public void The_leader_who_downloads_is_named_else_the_first_leader_by_name_else_nobody()
    {
        ReportExportService.Signer([Thu, An], Caller("BiThu@x.vn", Roles.UnitLeader)).ShouldBe(Thu, "the leader signing, whatever the case of the e-mail");
        ReportExportService.Signer([Thu, An], Caller("vanphong@x.vn", Roles.Reporter)).ShouldBe(An, "the office's copy: the first leader in Vietnamese order");
        ReportExportService.Signer([], Caller("vanphong@x.vn", Roles.Reporter)).ShouldBeNull();
    }

    [Fact]
    public void The_block_leaves_room_to_sign_above_the_name_and_the_seal_mark_takes_that_room()
    {
        var block = ReportExportService.SignatureBlock("Trần Văn Thu");
        block.ShouldBe(["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "", "Trần Văn Thu"]);
        PdfPartyWriter.WithSealMark(block, "(Đã ký số: Đảng ủy phường Hoàn Kiếm)")
            .ShouldBe(["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(Đã ký số: Đảng ủy phường Hoàn Kiếm)", "", "Trần Văn Thu"]);
        ReportExportService.SignatureBlock(null).ShouldBe(["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], "no leader account: the office writes the name by hand");
        PdfPartyWriter.WithSealMark(["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], "(Đã ký số: X)").ShouldBe(["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "(Đã ký số: X)"]);
    }
}
