using System.Globalization;
using System.Text.RegularExpressions;
using ChildCare.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

public sealed class ReportingJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly string EvidencePdf = CreatePdf();

    private static string CreatePdf()
    {
        // In a folder of this run's own: another user's run on the same machine must not collide with it.
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"childcare-e2e-{Guid.NewGuid():N}")).FullName;
        var path = Path.Combine(folder, "ke-hoach-trien-khai-chi-thi-28.pdf");
        File.WriteAllText(path, "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
        return path;
    }

    /// <summary>Opens the current quarter's report of the signed-in district from "Báo cáo của đơn vị".</summary>
    private async Task<string> OpenCurrentReportAsync()
    {
        await Page.GotoAsync("/reports");
        await WaitForInteractiveAsync();
        var row = Page.GetByTestId("period-row").First;
        await row.Locator("[data-testid=start-report], a").First.WaitForAsync();
        var start = row.GetByTestId("start-report");
        if (await start.CountAsync() > 0) await start.ClickAsync();
        else await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        await WaitForInteractiveAsync();
        return Page.Url;
    }

    private async Task ChooseStatusAsync(ILocator area, string status)
    {
        await area.GetByLabel("Tình trạng").SelectOptionAsync(new SelectOptionValue { Label = status });
    }

    private async Task FillAreaAsync(int index, string status, int percent, string results)
    {
        var area = Page.GetByTestId("area-form").Nth(index);
        await ChooseStatusAsync(area, status);
        await area.GetByLabel("% hoàn thành").FillAsync(percent.ToString(CultureInfo.InvariantCulture));
        await area.GetByLabel("Kết quả đạt được").FillAsync(results);
    }

    private async Task ConfirmAsync(string button)
    {
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
    }

    [Fact]
    public async Task A_district_files_the_province_returns_the_district_fixes_and_the_province_accepts()
    {
        // 1. The Hai Bà Trưng ward committee (since 1/7/2025) fills the current quarter and attaches its plan as evidence.
        await SignInAsync("phuonghaibatrung@childcare.local");
        var reportUrl = await OpenCurrentReportAsync();
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Đang soạn");
        string[] results =
        [
            "Ban Thường vụ Quận ủy ban hành Kế hoạch số 150-KH/QU; tổ chức 3 hội nghị quán triệt cho 1.200 đảng viên.",
            "UBND quận bố trí 2.500 triệu đồng cho công tác trẻ em; huy động 12 doanh nghiệp tài trợ học bổng.",
            "Kiện toàn Ban Chỉ đạo công tác trẻ em; cập nhật cơ sở dữ liệu trẻ em tại 18 phường.",
            "Mở 6 lớp dạy bơi an toàn; tiêm chủng đầy đủ cho 98% trẻ dưới 1 tuổi.",
            "Tổ chức 2 diễn đàn trẻ em; trả lời 15 kiến nghị của các em.",
        ];
        for (var i = 0; i < 5; i++) await FillAreaAsync(i, "Đúng tiến độ", 50 + 10 * i, results[i]);
        var plan = Page.Locator("[data-testid=indicator-input][data-code='CT28-01']");
        await plan.GetByLabel("CT28-01 tử số").FillAsync("17");
        await plan.GetByLabel("CT28-01 mẫu số").FillAsync("18");
        await Page.Locator("[data-testid=indicator-input][data-code='CT28-03']").GetByLabel("CT28-03 giá trị").FillAsync("3");
        await Page.Locator("input[type=file][accept^=\".pdf\"]").SetInputFilesAsync(EvidencePdf);
        await Expect(Page.GetByTestId("attachment")).ToContainTextAsync("ke-hoach-trien-khai-chi-thi-28.pdf");
        await Page.GetByTestId("save").ClickAsync();
        await Expect(Page.GetByText("Đã lưu báo cáo.")).ToBeVisibleAsync();
        await Expect(plan).ToContainTextAsync("94,4%");
        await ScreenshotAsync("10-report-filled", "report-form");

        await Page.GetByTestId("submit").ClickAsync();
        await ConfirmAsync("Gửi báo cáo");
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Đã gửi");
        await Expect(Page.GetByTestId("submit")).ToHaveCountAsync(0);
        await ScreenshotAsync("11-report-submitted");

        // 2. Hà Nội returns it with a comment.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync("hanoi@childcare.local");
        await Expect(Page.GetByTestId("todo")).ToContainTextAsync("chờ thẩm định");
        await Page.GotoAsync("/review");
        await WaitForInteractiveAsync();
        var (year, quarter) = ChildCare.Core.Domain.PeriodCalendar.QuarterOf(TestClock.TodayInVietnam);
        // The inbox opens on the newest closed quarter; this report is in the current one.
        await ShowAsync("period-picker", "period-form", ChildCare.Core.Domain.PeriodCalendar.QuarterName(year, quarter));
        var hbtRow = Page.Locator("[data-testid=inbox-row][data-unit='P01-00256']");
        await Expect(hbtRow).ToContainTextAsync("Đã gửi");
        await ScreenshotAsync("12-review-inbox", "review-inbox");
        await hbtRow.GetByRole(AriaRole.Link, new() { Name = "Thẩm định" }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("attachment")).ToBeVisibleAsync();
        await Page.GetByTestId("return").ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByLabel("Ý kiến khi trả lại").FillAsync("Đề nghị bổ sung số liệu tiêm chủng ở nhiệm vụ 4.");
        await Page.GetByTestId("return-confirm").ClickAsync();
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Bị trả lại");

        // 3. Hai Bà Trưng sees the comment, fixes the report and sends it again.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync("phuonghaibatrung@childcare.local");
        await Expect(Page.GetByTestId("todo")).ToContainTextAsync("bị trả lại");
        await Page.GotoAsync(reportUrl);
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("return-comment")).ToContainTextAsync("Đề nghị bổ sung số liệu tiêm chủng ở nhiệm vụ 4.");
        await ScreenshotAsync("13-report-returned");
        await Page.GetByTestId("area-form").Nth(3).GetByLabel("Kết quả đạt được")
            .FillAsync(results[3] + " Tỷ lệ tiêm chủng đầy đủ 8 loại vắc xin đạt 98,2% (1.964/2.000 trẻ).");
        await Page.GetByTestId("submit").ClickAsync();
        await ConfirmAsync("Gửi báo cáo");
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Đã gửi");

        // 4. Hà Nội accepts; the history shows every step.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync("hanoi@childcare.local");
        await Page.GotoAsync(reportUrl);
        await WaitForInteractiveAsync();
        await Page.GetByTestId("accept").ClickAsync();
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Đã chấp nhận");
        var history = Page.GetByTestId("history");
        await Expect(history).ToContainTextAsync("Trả lại — Cán bộ Thành ủy Hà Nội");
        await Expect(history.GetByText("Gửi báo cáo —")).ToHaveCountAsync(2);
        await Expect(history).ToContainTextAsync("Chấp nhận — Cán bộ Thành ủy Hà Nội");
        await ScreenshotAsync("14-report-accepted");

        // 5. Ba Đình cannot open it.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync("phuongbadinh@childcare.local");
        await Page.GotoAsync(reportUrl);
        await Expect(Page.GetByText("Báo cáo này nằm ngoài phạm vi của bạn.")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Ban Thường vụ Quận ủy ban hành")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_value_over_100_percent_is_refused_beside_the_field_and_nothing_is_lost()
    {
        await SignInAsync("phuonghaibatrung@childcare.local");
        await OpenCurrentReportAsync();
        var area = Page.GetByTestId("area-form").First;
        await area.GetByLabel("Kết quả đạt được").FillAsync("Đã quán triệt tới 100% chi bộ.");
        await area.GetByLabel("% hoàn thành").FillAsync("150");
        await Page.GetByTestId("save").ClickAsync();

        await Expect(Page.GetByTestId("form-errors")).ToBeVisibleAsync();
        await Expect(area).ToContainTextAsync("Tỷ lệ hoàn thành phải từ 0 đến 100%.");
        await Expect(area.GetByLabel("Kết quả đạt được")).ToHaveValueAsync("Đã quán triệt tới 100% chi bộ.");
        await ScreenshotAsync("15-report-validation");
    }

    [Fact]
    public async Task A_browser_closed_mid_typing_loses_nothing()
    {
        await SignInAsync("phuonghaibatrung@childcare.local");
        var url = await OpenCurrentReportAsync();
        const string typed = "Đang soạn dở: Quận ủy đã giao Ban Tuyên giáo chủ trì xây dựng kế hoạch";
        await Page.GetByTestId("area-form").First.GetByLabel("Kết quả đạt được").FillAsync(typed);
        await Expect(Page.GetByTestId("autosave-state")).ToContainTextAsync("Bản nháp tự lưu", new() { Timeout = 10_000 });

        // The browser closes without saving; the user comes back in a new one.
        var state = await Page.Context.StorageStateAsync();
        await Page.Context.CloseAsync();
        await using var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ReducedMotion = ReducedMotion.Reduce, // app.css then stills transitions: a click never lands on a moving element
            BaseURL = Fixture.Portal.ServerAddress.ToString(),
            StorageState = state,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);

        await Expect(page.GetByTestId("draft-restored")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("area-form").First.GetByLabel("Kết quả đạt được")).ToHaveValueAsync(typed);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "16-draft-restored.png"), FullPage = false });
    }

    [Fact]
    public async Task Two_people_editing_one_report_the_second_save_is_told_and_keeps_their_text()
    {
        await SignInAsync("phuonghaibatrung@childcare.local");
        var url = await OpenCurrentReportAsync();
        var second = await Page.Context.NewPageAsync();
        await second.GotoAsync(url);
        await BrowserTest.WaitForReadyAsync(second);

        await Page.GetByTestId("area-form").First.GetByLabel("Kết quả đạt được").FillAsync("Bản của người thứ nhất.");
        await Page.GetByTestId("save").ClickAsync();
        await Expect(Page.GetByText("Đã lưu báo cáo.")).ToBeVisibleAsync();

        var mine = second.GetByTestId("area-form").Nth(1).GetByLabel("Kết quả đạt được");
        await mine.FillAsync("Bản của người thứ hai, không được mất.");
        await second.GetByTestId("save").ClickAsync();
        await Expect(second.GetByTestId("conflict")).ToBeVisibleAsync();
        await Expect(mine).ToHaveValueAsync("Bản của người thứ hai, không được mất.");
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "17-conflict.png") });

        await second.GetByTestId("reload-keep").ClickAsync();
        await Expect(mine).ToHaveValueAsync("Bản của người thứ hai, không được mất.");
        await second.GetByTestId("save").ClickAsync();
        await Expect(second.GetByText("Đã lưu báo cáo.")).ToBeVisibleAsync();
    }
}
