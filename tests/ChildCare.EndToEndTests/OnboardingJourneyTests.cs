using System.Globalization;
using System.Text.RegularExpressions;
using ChildCare.Core.Features.Exports;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

/// <summary>
/// Issue 18, items 3, 4, 6 and 10: Nghệ An's unit administrator onboards two communes from an .xlsx list (previewed, a
/// row of another province refused), one new reporter follows the e-mailed link, sets a password and files the quarter's
/// report, and the onboarding view counts the commune as active.
/// </summary>
public sealed partial class OnboardingJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string ThanhVinh = "vanphong.16681@childcare.local";
    private const string VinhPhu = "vanphong.16702@childcare.local";

    [GeneratedRegex(@"(/account/activate\?email=[^\s&]+&token=[^\s]+)")]
    private static partial Regex Link();

    private static string ListFile()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"childcare-e2e-{Guid.NewGuid():N}")).FullName;
        var path = Path.Combine(folder, "danh-sach-nghe-an.xlsx");
        using var file = File.Create(path);
        using var xlsx = new XlsxWriter(file);
        xlsx.Sheet("Danh sách", [new("Mã đơn vị", 14, XlsxWriter.Style.Text), new("Họ và tên", 36, XlsxWriter.Style.Text), new("E-mail", 36, XlsxWriter.Style.Text),
            new("Vai trò", 20, XlsxWriter.Style.Text), new("Số điện thoại", 16, XlsxWriter.Style.Text)],
            new[]
            {
                ("P40-16681", "Văn phòng Đảng ủy phường Thành Vinh", ThanhVinh, "Cán bộ báo cáo", "0912345678"),
                ("P40-16702", "Văn phòng Đảng ủy phường Vinh Phú", VinhPhu, "Cán bộ báo cáo", ""),
                ("P01-00004", "Người ngoài tỉnh", "ngoai@childcare.local", "Cán bộ báo cáo", ""),
            }, r => [r.Item1, r.Item2, r.Item3, r.Item4, r.Item5]);
        return path;
    }

    private async Task<string> InvitationLinkAsync(string to)
    {
        for (var i = 0; i < 200; i++)
        {
            var link = (await Fixture.Mailbox.MessagesAsync()).Where(m => m.Recipients.Contains(to))
                .Select(m => Link().Match(m.Text)).FirstOrDefault(m => m.Success);
            if (link is not null) return link.Groups[1].Value.Trim();
            await Task.Delay(100);
        }
        throw new ShouldAssertException($"no invitation to {to} within 20 s");
    }

    [Fact]
    public async Task Nghe_Ans_unit_administrator_onboards_two_communes_from_a_list_and_a_new_reporter_activates_and_files()
    {
        // 1. The province on its first day: 130 communes, none with an account.
        await SignInAsync("quantri.nghean@childcare.local");
        await Page.GotoAsync("/onboarding");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("onboarding-expected")).ToHaveTextAsync("130");
        await Expect(Page.GetByTestId("onboarding-none")).ToHaveTextAsync("130");
        await ScreenshotAsync("60-onboarding-first-day", "onboarding");

        // 2. From the accounts page: upload the list; the preview judges each row, nothing is created yet.
        await Page.GotoAsync("/admin/users");
        await WaitForInteractiveAsync();
        await Page.GetByTestId("import-users").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Tải danh sách tài khoản" })).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await Page.Locator("input[type=file]").SetInputFilesAsync(ListFile());
        await Expect(Page.GetByTestId("import-ok")).ToHaveTextAsync("2 dòng hợp lệ");
        await Expect(Page.GetByTestId("import-failed")).ToHaveTextAsync("1 dòng lỗi");
        await Expect(Page.GetByTestId("import-row-error")).ToContainTextAsync("P01-00004 không thuộc phạm vi bạn quản lý");
        await ScreenshotAsync("61-onboarding-preview", "onboarding-preview");
        (await Fixture.Mailbox.MessagesAsync()).ShouldNotContain(m => m.Recipients.Contains(ThanhVinh), "nothing goes out before the list is applied");

        // 3. Applied: two accounts, each invited.
        await Page.GetByTestId("import-apply").ClickAsync();
        await Expect(Page.GetByTestId("import-result")).ToContainTextAsync("Đã tạo 2 tài khoản");
        await Page.GotoAsync("/admin/users?filter=AwaitingActivation");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("invitation-pending")).ToHaveCountAsync(2);
        await ScreenshotAsync("62-onboarding-invited");

        // 4. Thành Vinh's office opens the e-mailed link, chooses a password and is signed in.
        var link = await InvitationLinkAsync(ThanhVinh);
        await Page.Context.ClearCookiesAsync();
        await Page.GotoAsync(link);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Kích hoạt tài khoản" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("activate-email")).ToHaveTextAsync(ThanhVinh);
        await Page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("Xa-Phuong@2026!");
        await Page.GetByLabel("Nhập lại mật khẩu").FillAsync("Xa-Phuong@2026?");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Kích hoạt và đăng nhập" }).ClickAsync();
        await Expect(Page.GetByTestId("activate-error")).ToContainTextAsync("không khớp");
        await ScreenshotAsync("63-activate", "activate");
        await Page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("Xa-Phuong@2026!");
        await Page.GetByLabel("Nhập lại mật khẩu").FillAsync("Xa-Phuong@2026!");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Kích hoạt và đăng nhập" }).ClickAsync();
        await Expect(Page.GetByTestId("current-user")).ToContainTextAsync(ThanhVinh);

        // 5. It files the quarter's report.
        await Page.GotoAsync("/reports");
        await WaitForInteractiveAsync();
        var row = Page.GetByTestId("period-row").First;
        await row.GetByTestId("start-report").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        await WaitForInteractiveAsync();
        for (var i = 0; i < 5; i++)
        {
            var area = Page.GetByTestId("area-form").Nth(i);
            await area.GetByLabel("Tình trạng").SelectOptionAsync(new SelectOptionValue { Label = "Đúng tiến độ" });
            await area.GetByLabel("% hoàn thành").FillAsync((40 + 10 * i).ToString(CultureInfo.InvariantCulture));
            await area.GetByLabel("Kết quả đạt được").FillAsync($"Phường Thành Vinh triển khai nhiệm vụ {i + 1} trong quý.");
        }
        await Page.GetByTestId("save").ClickAsync();
        await Expect(Page.GetByText("Đã lưu báo cáo.")).ToBeVisibleAsync();
        await Page.GetByTestId("submit").ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        try
        {
            await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Đã gửi");
        }
        catch
        {
            await ScreenshotAsync("64-new-reporter-submit-failed"); // what the page said, for the run's artifacts
            throw;
        }
        await ScreenshotAsync("64-new-reporter-filed");

        // 6. The province sees the commune active; the other still waits for its activation.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync("quantri.nghean@childcare.local");
        await Page.GotoAsync("/onboarding");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("onboarding-active")).ToHaveTextAsync("1");
        await Expect(Page.GetByTestId("onboarding-invited")).ToHaveTextAsync("1");
        await Expect(Page.GetByTestId("onboarding-none")).ToHaveTextAsync("128");
        await ScreenshotAsync("65-onboarding-after");

        // 7. Who still waits: the list filtered by status, a view with its own address.
        await Page.GetByLabel("Tình trạng").SelectOptionAsync(new SelectOptionValue { Label = "Chờ kích hoạt" });
        await Page.GetByTestId("onboarding-filter").GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("status=Invited"));
        await Expect(Page.GetByTestId("onboarding-units").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("onboarding-shown")).ToHaveTextAsync("1 / 130 đơn vị");
    }
}
