using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

public sealed class DisseminationJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private string? _url;

    /// <summary>The first time from the home page through the directive, as a person would; later directly.</summary>
    private async Task OpenDisseminationAsync()
    {
        if (_url is null)
        {
            await Page.GotoAsync("/");
            await WaitForInteractiveAsync();
            await Page.GetByTestId("directive-card").First.GetByRole(AriaRole.Link, new() { Name = "Xem chi tiết" }).ClickAsync();
            // The directive page is live before its link is clicked: a click during the switch from the first render to
            // the live page finds the link replaced under it (CI: "element was detached from the DOM" until the timeout).
            await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/directives/[0-9a-f-]{36}$"));
            await WaitForInteractiveAsync();
            await Page.GetByTestId("dissemination-link").ClickAsync();
            await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dissemination$"));
            _url = Page.Url;
        }
        else await Page.GotoAsync(_url);
        await WaitForInteractiveAsync();
    }

    [Fact]
    public async Task Hanoi_sends_a_certified_copy_to_two_wards_Hai_Ba_Trung_acknowledges_and_the_view_shows_it()
    {
        // 1. Hà Nội's office issues a certified copy to the Ba Đình and Hai Bà Trưng ward committees of today.
        await SignInAsync("hanoi@childcare.local");
        await OpenDisseminationAsync();
        var hbtRow = Page.Locator("[data-testid=reach-row][data-unit='P01-D007']");
        await Expect(hbtRow).ToContainTextAsync("Số 11"); // the seed copy's chain: Hai Bà Trưng's incoming no. 11
        await Page.GetByLabel("Số bản sao (vd 131-BS/VPQU)").FillAsync("45-BS/VPTU");
        await Page.GetByLabel("Người ký").FillAsync("Nguyễn Văn B");
        await Page.GetByRole(AriaRole.Combobox).Last.ClickAsync();
        await Page.Locator(".mud-popover-open").GetByText("Đảng ủy phường Ba Đình").ClickAsync();
        await Page.Locator(".mud-popover-open").GetByText("Đảng ủy phường Hai Bà Trưng").ClickAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Page.GetByTestId("issue-copy").ClickAsync();
        await Expect(Page.GetByText("Đã sao gửi.")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=reach-row][data-unit='P01']")).ToContainTextAsync("45-BS/VPTU");
        await Expect(Page.Locator("[data-testid=reach-row][data-unit='P01-00004']")).ToContainTextAsync("Đã gửi, chưa xác nhận");
        await ScreenshotAsync("25-dissemination-sent");

        // 2. Hai Bà Trưng acknowledges in the portal.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync("phuonghaibatrung@childcare.local");
        await OpenDisseminationAsync();
        await Expect(Page.GetByTestId("pending-ack")).ToContainTextAsync("45-BS/VPTU");
        await Page.GetByTestId("acknowledge").ClickAsync();
        await Expect(Page.GetByText("Đã xác nhận nhận văn bản.")).ToBeVisibleAsync();

        // 3. Hà Nội sees it acknowledged; Ba Đình still pending.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync("hanoi@childcare.local");
        await OpenDisseminationAsync();
        await Expect(Page.Locator("[data-testid=reach-row][data-unit='P01-00256']")).ToContainTextAsync("Đã xác nhận");
        await Expect(Page.Locator("[data-testid=reach-row][data-unit='P01']")).ToContainTextAsync("1/2 đã xác nhận");
        await Expect(Page.Locator("[data-testid=reach-row][data-unit='P01-00004']")).ToContainTextAsync("Đã gửi, chưa xác nhận");
        await ScreenshotAsync("26-dissemination-acknowledged");
    }
}
