using System.Text;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Exports;
using ChildCare.Core.Features.Users;

namespace ChildCare.UnitTests.Features;

/// <summary>Issue 18, items 3 and 4: the rows of an account list, and an invitation's states.</summary>
public class UserImportRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly Guid NgheAn = Guid.CreateVersion7();
    private static readonly ImportUnit ThanhVinh = new(Guid.CreateVersion7(), "P40-16681", "Đảng ủy phường Thành Vinh", null, [Guid.Empty, NgheAn]);
    private static readonly ImportUnit Closed = new(Guid.CreateVersion7(), "P40-D001", "Thành ủy Vinh", new DateOnly(2025, 6, 30), [Guid.Empty, NgheAn]);
    private static readonly ImportUnit BaDinh = new(Guid.CreateVersion7(), "P01-00004", "Đảng ủy phường Ba Đình", null, [Guid.Empty, Guid.CreateVersion7()]);

    private static readonly Dictionary<string, ImportUnit> Units = new[] { ThanhVinh, Closed, BaDinh }
        .ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);

    private static List<UserImportRow> Judge(params UserListRow[] rows) =>
        UserImportRules.Judge(rows, Units, u => u.AncestorIds.Contains(NgheAn), Roles.UnitAssignable,
            new HashSet<string>(["DA.CO@CHILDCARE.LOCAL"]), Today);

    private static UserListRow Row(int line, string unit = "P40-16681", string name = "Văn phòng", string email = "a@childcare.local",
        string role = "Reporter", string? phone = null) => new(line, unit, name, email, role, phone);

    [Fact]
    public void A_good_row_is_ok_and_carries_its_unit()
    {
        var row = Judge(Row(2, unit: "p40-16681", role: "cán bộ báo cáo", phone: "0912 345 678")).Single();
        row.Errors.ShouldBeEmpty();
        row.OrgUnitId.ShouldBe(ThanhVinh.Id);
        row.UnitCode.ShouldBe("P40-16681");
        row.Role.ShouldBe(Roles.Reporter);
    }

    [Theory]
    [InlineData("P40-99999", "Không có đơn vị mã")]
    [InlineData("P01-00004", "không thuộc phạm vi bạn quản lý")]
    [InlineData("P40-D001", "đã ngừng hoạt động từ 01/07/2025")]
    [InlineData("", "Thiếu mã đơn vị")]
    public void A_unit_that_is_unknown_outside_the_subtree_or_closed_is_refused_with_its_reason(string unit, string reason)
    {
        var row = Judge(Row(2, unit: unit)).Single();
        row.Ok.ShouldBeFalse();
        row.OrgUnitId.ShouldBeNull();
        row.Errors.ShouldContain(e => e.Contains(reason));
    }

    [Fact]
    public void E_mails_malformed_taken_or_repeated_are_refused_naming_the_first_line()
    {
        var rows = Judge(Row(2, email: "khong-phai-email"), Row(3, email: "da.co@childcare.local"), Row(4, email: "b@childcare.local"),
            Row(5, email: "B@childcare.local"), Row(6, email: "c@localhost"));
        rows[0].Errors.ShouldContain(e => e.Contains("không hợp lệ"));
        rows[1].Errors.ShouldContain(e => e.Contains("Đã có tài khoản"));
        rows[2].Ok.ShouldBeTrue();
        rows[3].Errors.ShouldContain("E-mail B@childcare.local trùng với dòng 4.");
        rows[4].Ok.ShouldBeFalse("an address needs a domain with a dot");
    }

    [Theory]
    [InlineData("Administrator", "không cấp được vai trò Quản trị hệ thống")]
    [InlineData("UnitAdministrator", "không cấp được vai trò Quản trị đơn vị")]
    [InlineData("Thủ quỹ", "Không có vai trò “Thủ quỹ”")]
    [InlineData("", "Thiếu vai trò")]
    public void Roles_the_caller_may_not_give_or_that_do_not_exist_are_refused(string role, string reason) =>
        Judge(Row(2, role: role)).Single().Errors.ShouldContain(e => e.Contains(reason));

    [Fact]
    public void A_missing_name_and_a_bad_phone_are_each_named_and_all_reasons_of_a_row_are_given()
    {
        var row = Judge(Row(2, unit: "P40-99999", name: "", email: "x", phone: "12ab")).Single();
        row.Errors.Count.ShouldBe(4);
        row.Errors.ShouldContain("Thiếu họ và tên.");
        row.Errors.ShouldContain(e => e.Contains("Số điện thoại “12ab”"));
    }

    [Theory]
    [InlineData("Reporter", Roles.Reporter)]
    [InlineData("reviewer", Roles.Reviewer)]
    [InlineData("Can bo tham dinh", Roles.Reviewer)]
    [InlineData("  Cán bộ báo cáo ", Roles.Reporter)]
    [InlineData("ai đó", null)]
    public void Roles_are_read_by_their_API_or_screen_name_accents_optional(string text, string? role) =>
        UserImportRules.ParseRole(text).ShouldBe(role);

    [Fact]
    public void A_CSV_list_with_Vietnamese_headers_a_BOM_and_semicolons_is_read_skipping_blank_lines()
    {
        var csv = "\uFEFFMã đơn vị;Họ và tên;E-mail;Vai trò;Số điện thoại\r\nP40-16681;\"Văn phòng; Đảng ủy\";a@childcare.local;Cán bộ báo cáo;\r\n;;;;\r\nP40-16702;Văn phòng 2;b@childcare.local;Reporter;0912345678\r\n";
        var rows = UserListFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "ds.csv");
        rows.Count.ShouldBe(2);
        rows[0].ShouldBe(new UserListRow(2, "P40-16681", "Văn phòng; Đảng ủy", "a@childcare.local", "Cán bộ báo cáo", null));
        rows[1].Line.ShouldBe(4);
        rows[1].Phone.ShouldBe("0912345678");
    }

    [Fact]
    public void An_xlsx_list_in_any_column_order_is_read_from_its_first_sheet()
    {
        using var file = new MemoryStream();
        using (var xlsx = new XlsxWriter(file))
            xlsx.Sheet("Danh sách", [new("email", 30, XlsxWriter.Style.Text), new("unitCode", 12, XlsxWriter.Style.Text), new("fullName", 30, XlsxWriter.Style.Text),
                new("role", 12, XlsxWriter.Style.Text)], new[] { ("a@childcare.local", "P40-16681", "Văn phòng A", "Reporter") },
                r => [r.Item1, r.Item2, r.Item3, r.Item4]);
        file.Position = 0;
        UserListFile.Read(file, "ds.xlsx").Single().ShouldBe(new UserListRow(2, "P40-16681", "Văn phòng A", "a@childcare.local", "Reporter", null));
    }

    [Fact]
    public void A_file_without_the_needed_columns_or_not_in_UTF_8_is_refused_with_what_to_do()
    {
        Should.Throw<ValidationFailedException>(() => UserListFile.Read(new MemoryStream(Encoding.UTF8.GetBytes("email,name\na@b.vn,A\n")), "x.csv"))
            .Errors["file"][0].ShouldContain("thiếu cột mã đơn vị (unitCode)");
        Should.Throw<ValidationFailedException>(() => UserListFile.Read(new MemoryStream([0x4D, 0xE3, 0x20, 0xF0, 0x28]), "x.csv"))
            .Errors["file"][0].ShouldContain("UTF-8");
        Should.Throw<ValidationFailedException>(() => UserListFile.Read(new MemoryStream([]), "x.csv")).Errors["file"][0].ShouldBe("Tệp rỗng.");
    }

    [Fact]
    public void An_invitation_is_pending_for_72_hours_then_expired_and_activation_ends_it()
    {
        var now = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        var user = AppUser.Create("a@childcare.local", "A", Guid.CreateVersion7(), now);
        user.InvitationStateAt(now).ShouldBe(InvitationState.Expired, "never invited: nothing to use");
        user.Invited(now);
        user.InvitationStateAt(now.AddHours(71)).ShouldBe(InvitationState.Pending);
        user.InvitationStateAt(now.AddHours(72)).ShouldBe(InvitationState.Expired);
        user.Invited(now.AddHours(80));
        user.InvitationStateAt(now.AddHours(100)).ShouldBe(InvitationState.Pending, "a new invitation starts a new 72 hours");
        user.Activated(now.AddHours(101));
        user.InvitationStateAt(now.AddHours(200)).ShouldBe(InvitationState.Activated);
        Should.Throw<DomainException>(() => user.Invited(now.AddHours(201))).Message.ShouldContain("Quên mật khẩu");
    }
}
