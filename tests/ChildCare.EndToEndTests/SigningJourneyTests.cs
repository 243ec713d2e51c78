using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using ChildCare.Core.Features.Signing;
using ChildCare.Tests.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

/// <summary>
/// Issue 19: Hoàn Kiếm's office sends its report for signature ("Trình ký"); its leader returns it once with a comment,
/// then — after the office sends it again — signs the downloaded PDF with a certificate (here made by the test CA the
/// portal trusts) and uploads it; the city sees "Đã ký số".
/// </summary>
public sealed class SigningJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Office = "phuonghoankiem@childcare.local", Leader = "bithu.phuonghoankiem@childcare.local";

    /// <summary>What the leader's signing tool does with the downloaded PDF (a certificate from the test CA the portal trusts).</summary>
    private string SignedCopy(byte[] pdf)
    {
        var signed = TestCertificates.SignLikeATool(pdf, TestCertificates.Person(Fixture.SigningRoot, Leader, "Bí thư Đảng ủy phường Hoàn Kiếm"), Fixture.SigningRoot);
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"childcare-e2e-{Guid.NewGuid():N}")).FullName, "bao-cao-da-ky.pdf");
        File.WriteAllBytes(path, signed);
        return path;
    }

    private async Task SendForSignatureAsync()
    {
        await Page.GetByTestId("submit").ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Trình ký" }).ClickAsync();
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Chờ lãnh đạo ký");
    }

    [Fact]
    public async Task The_office_sends_for_signature_the_leader_returns_once_then_signs_by_upload_and_the_city_sees_it_signed()
    {
        // 1. The office fills the quarter and sends it to its leader.
        await SignInAsync(Office);
        await Page.GotoAsync("/reports");
        await WaitForInteractiveAsync();
        await Page.GetByTestId("period-row").First.GetByTestId("start-report").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        var reportUrl = new Uri(Page.Url).AbsolutePath;
        await WaitForInteractiveAsync();
        for (var i = 0; i < 5; i++)
        {
            var area = Page.GetByTestId("area-form").Nth(i);
            await area.GetByLabel("Tình trạng").SelectOptionAsync(new SelectOptionValue { Label = "Đúng tiến độ" });
            await area.GetByLabel("% hoàn thành").FillAsync((50 + 5 * i).ToString(CultureInfo.InvariantCulture));
            await area.GetByLabel("Kết quả đạt được").FillAsync($"Phường Hoàn Kiếm triển khai nhiệm vụ {i + 1}.");
        }
        await Page.GetByTestId("save").ClickAsync();
        await Expect(Page.GetByText("Đã lưu báo cáo.")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("submit")).ToHaveTextAsync("Trình ký");
        await SendForSignatureAsync();

        // 2. The leader finds it in the bell ("chờ bạn ký số") and returns it once, saying what to add.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync(Leader);
        await Page.GotoAsync("/");
        await WaitForInteractiveAsync();
        var bell = Page.GetByTestId("notifications");
        await Expect(bell.Locator("summary")).ToHaveTextAsync(new Regex(@"Thông báo\s*\d+ mới"));
        await bell.Locator("summary").ClickAsync();
        await bell.GetByRole(AriaRole.Link).Filter(new() { HasText = "chờ bạn ký số" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(reportUrl) + "$"));
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("signature")).ToContainTextAsync("Đang chờ lãnh đạo đơn vị ký số");
        await ScreenshotAsync("70-leader-awaiting-signature", "leader-sign");
        await Page.GetByTestId("leader-return").ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByLabel("Ý kiến khi trả lại").FillAsync("Bổ sung kết quả nhiệm vụ 3 trước khi ký.");
        await Page.GetByTestId("return-confirm").ClickAsync();
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Đang soạn");

        // 3. The office sees why and sends it again.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync(Office);
        await Page.GotoAsync(reportUrl);
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("leader-return-comment")).ToContainTextAsync("Bổ sung kết quả nhiệm vụ 3");
        await Page.GetByTestId("area-form").Nth(2).GetByLabel("Kết quả đạt được").FillAsync("Phường Hoàn Kiếm triển khai nhiệm vụ 3; đã tổ chức 4 lớp tập huấn.");
        await Page.GetByTestId("save").ClickAsync();
        await Expect(Page.GetByText("Đã lưu báo cáo.")).ToBeVisibleAsync();
        await SendForSignatureAsync();

        // 4. The leader downloads the PDF, signs it in their tool, uploads the signed copy: the report goes up.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync(Leader);
        await Page.GotoAsync(reportUrl);
        await WaitForInteractiveAsync();
        var id = reportUrl.Split('/')[^1];
        var pdf = await (await Page.Context.APIRequest.GetAsync($"/api/reports/{id}/document?format=pdf")).BodyAsync();
        await Page.Locator("input[type=file][accept='.pdf']").SetInputFilesAsync(SignedCopy(pdf));
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Đã gửi");
        await Expect(Page.GetByTestId("signature")).ToContainTextAsync("Đã ký số: Bí thư Đảng ủy phường Hoàn Kiếm");

        // 5. The city sees it signed in its inbox, then who signed, under which certificate.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync("hanoi@childcare.local");
        await Page.GotoAsync("/review");
        await WaitForInteractiveAsync();
        var (year, quarter) = ChildCare.Core.Domain.PeriodCalendar.QuarterOf(ChildCare.Tests.Shared.TestClock.TodayInVietnam);
        // The inbox opens on the newest closed quarter; this report is in the current one.
        await ShowAsync("period-picker", "period-form", ChildCare.Core.Domain.PeriodCalendar.QuarterName(year, quarter));
        await Expect(Page.Locator("[data-testid=inbox-row][data-unit='P01-00070']").GetByTestId("inbox-signed")).ToBeVisibleAsync();
        await Page.GotoAsync(reportUrl);
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("signature")).ToContainTextAsync("chứng thư do CA thử nghiệm ChildCare cấp, hợp lệ");
        await ScreenshotAsync("71-city-sees-signed", "signed-report");
    }
}
