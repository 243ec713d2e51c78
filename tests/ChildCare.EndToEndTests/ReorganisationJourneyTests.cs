using System.Globalization;
using ChildCare.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

public sealed class ReorganisationJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>The first day of the quarter after next (in Vietnam): a date no report has reached yet.</summary>
    private static DateOnly NextButOneQuarter()
    {
        var today = TestClock.TodayInVietnam;
        var start = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        return start.AddMonths(6);
    }

    [Fact]
    public async Task An_administrator_previews_a_merge_of_two_wards_applies_it_and_undoes_it()
    {
        var effective = NextButOneQuarter();
        await SignInAsync("admin@childcare.local");
        await Page.GotoAsync("/admin/reorganisations");
        await WaitForInteractiveAsync();

        // 1. The 2025 reform is there, as applied reorganisations.
        await Expect(Page.GetByTestId("reorg-row").Filter(new() { HasText = "63 → 34" })).ToContainTextAsync("Đã áp dụng");

        // 2. Draft a merge of Phường Hoàn Kiếm and Phường Cửa Nam and preview it: nothing changes yet.
        await Page.GetByLabel("Tên phương án").FillAsync("Hợp nhất phường Hoàn Kiếm và phường Cửa Nam");
        await Page.GetByLabel("Căn cứ pháp lý").FillAsync("Nghị quyết thử nghiệm");
        await Page.GetByLabel("Ngày hiệu lực").FillAsync(effective.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Page.GetByLabel("Ngày hiệu lực").PressAsync("Tab");
        await Page.GetByLabel(new System.Text.RegularExpressions.Regex("^Các dòng")).FillAsync(
            "oldCode,newCode,newName,newKind,newParentCode,mapping,share\n" +
            "P01-00070,P01-THU1,Đảng ủy phường Hoàn Kiếm - Cửa Nam,GrassrootsCommittee,P01,whole,\n" +
            "P01-00082,P01-THU1,Đảng ủy phường Hoàn Kiếm - Cửa Nam,GrassrootsCommittee,P01,whole,\n");
        await Page.GetByTestId("reorg-preview").ClickAsync();
        var details = Page.GetByTestId("reorg-details");
        await Expect(details.GetByTestId("reorg-status")).ToHaveTextAsync("Bản nháp");
        await Expect(details.GetByTestId("reorg-summary")).ToContainTextAsync("Lập mới: 1");
        await Expect(details.GetByTestId("reorg-summary")).ToContainTextAsync("Kết thúc: 2");
        var firstQuarter = details.GetByTestId("reorg-expected-row").First;
        await Expect(firstQuarter).ToContainTextAsync("Thành ủy Hà Nội");
        await Expect(firstQuarter).ToContainTextAsync("126");
        await Expect(firstQuarter).ToContainTextAsync("125");
        await ScreenshotAsync("29-reorganisation-preview");

        // 3. Apply: from that date the city has 125 committees, today still 126.
        await details.GetByTestId("reorg-apply").ClickAsync();
        await Expect(details.GetByTestId("reorg-status")).ToHaveTextAsync("Đã áp dụng");
        await Page.GotoAsync("/org-units");
        await WaitForInteractiveAsync();
        var city = Page.Locator("[data-testid=org-node][data-code='P01']");
        await Expect(city.GetByTestId("org-child-count")).ToHaveTextAsync("126 đơn vị trực thuộc");
        await Page.GetByLabel("Xem cây tổ chức vào ngày").FillAsync(effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Page.GetByLabel("Xem cây tổ chức vào ngày").PressAsync("Enter");
        await Expect(city.GetByTestId("org-child-count")).ToHaveTextAsync("125 đơn vị trực thuộc");
        await ScreenshotAsync("30-org-tree-after-merge", "org-tree");
        await Page.GetByLabel("Tìm đơn vị").FillAsync("hoan kiem");
        await Page.GetByLabel("Tìm đơn vị").PressAsync("Enter");
        var merged = Page.GetByTestId("org-hit").Filter(new() { HasText = "Đảng ủy phường Hoàn Kiếm - Cửa Nam" });
        await merged.ClickAsync();
        await Expect(Page.GetByTestId("org-predecessors")).ToContainTextAsync("Đảng ủy phường Cửa Nam");
        await Expect(Page.GetByTestId("org-predecessors")).ToContainTextAsync("toàn bộ");

        // 4. Not yet in force: it can be undone.
        await Page.GotoAsync("/admin/reorganisations");
        await WaitForInteractiveAsync();
        await Page.GetByTestId("reorg-row").Filter(new() { HasText = "Hoàn Kiếm và phường Cửa Nam" }).GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await details.GetByTestId("reorg-revert").ClickAsync();
        await Expect(details.GetByTestId("reorg-status")).ToHaveTextAsync("Đã hủy áp dụng");
    }

    [Fact]
    public async Task A_row_naming_no_unit_gets_a_clear_message_and_nothing_is_stored()
    {
        await SignInAsync("admin@childcare.local");
        await Page.GotoAsync("/admin/reorganisations");
        await WaitForInteractiveAsync();
        await Page.GetByLabel("Tên phương án").FillAsync("Phương án lỗi");
        await Page.GetByLabel("Ngày hiệu lực").FillAsync(NextButOneQuarter().ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Page.GetByLabel("Ngày hiệu lực").PressAsync("Tab");
        await Page.GetByLabel(new System.Text.RegularExpressions.Regex("^Các dòng")).FillAsync(
            "oldCode,newCode,newName,newKind,newParentCode,mapping,share\nKHONG-CO,P01-X,Đảng ủy X,GrassrootsCommittee,P01,whole,\n");
        await Page.GetByTestId("reorg-preview").ClickAsync();
        await Expect(Page.GetByTestId("reorg-error").First).ToContainTextAsync("không có đơn vị mã «KHONG-CO»");
        await Expect(Page.GetByTestId("reorg-row").Filter(new() { HasText = "Phương án lỗi" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_administrator_reads_a_wards_predecessors_and_renames_it_from_a_coming_date()
    {
        var from = NextButOneQuarter();
        await SignInAsync("admin@childcare.local");
        await Page.GotoAsync("/org-units");
        await WaitForInteractiveAsync();
        await Page.GetByLabel("Tìm đơn vị").FillAsync("hai ba trung");
        await Page.GetByLabel("Tìm đơn vị").PressAsync("Enter");
        await Page.GetByTestId("org-hit").Filter(new() { HasText = "Đảng ủy phường Hai Bà Trưng" }).ClickAsync();
        var details = Page.GetByTestId("org-details");
        await Expect(details.GetByTestId("org-validity")).ToContainTextAsync("từ 01/07/2025");
        await Expect(details.GetByTestId("org-predecessors")).ToContainTextAsync("Quận ủy Hai Bà Trưng (P01-D007) — một phần");
        await Expect(details.GetByTestId("org-predecessors")).ToContainTextAsync("Đảng ủy phường Phố Huế (P01-D007-W13) — toàn bộ");
        await ScreenshotAsync("31-org-unit-details");

        // The tree only reads; the unit's own page changes it (with its own circuit).
        await details.GetByTestId("org-manage").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/org-units/[0-9a-f-]{36}/manage$"));
        await WaitForInteractiveAsync();
        var admin = Page.GetByTestId("org-admin");
        await admin.GetByLabel("Từ ngày").FillAsync(from.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await admin.GetByLabel("Từ ngày").PressAsync("Tab");
        await admin.GetByLabel("Tên mới").FillAsync("Đảng ủy phường Hai Bà Trưng (đổi tên thử)");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Đổi tên" }).ClickAsync();
        await Expect(Page.GetByText("Đã đổi tên.")).ToBeVisibleAsync();
        await Expect(details).ToContainTextAsync("Các lần thay đổi");

        // Today the old name; from that date the new one.
        await Page.GotoAsync("/org-units?q=doi%20ten%20thu");
        await Expect(Page.GetByText("Không tìm thấy đơn vị nào")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("org-hit")).ToHaveCountAsync(0);
        await Page.GetByLabel("Xem cây tổ chức vào ngày").FillAsync(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Page.GetByLabel("Xem cây tổ chức vào ngày").PressAsync("Enter");
        await Expect(Page.GetByTestId("org-hit").Filter(new() { HasText = "Đảng ủy phường Hai Bà Trưng (đổi tên thử)" })).ToBeVisibleAsync();
    }
}
