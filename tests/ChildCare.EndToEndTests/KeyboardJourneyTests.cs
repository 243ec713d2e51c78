using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

/// <summary>
/// Filing and reviewing a report with the keyboard alone: Tab (and Shift+Tab) to reach a control, typing, arrows in
/// lists, Enter or Space to act. No mouse click anywhere; the figure printed is how many key presses each journey took.
/// </summary>
public sealed class KeyboardJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture)
{
    private int _keys;

    private async Task PressAsync(string key)
    {
        await Page.Keyboard.PressAsync(key);
        _keys++;
    }

    private async Task TypeAsync(string text)
    {
        await Page.Keyboard.TypeAsync(text);
        _keys += text.Length;
    }

    /// <summary>Presses Tab until the target has the focus (or holds it), as a person would; fails after <paramref name="max"/> presses.</summary>
    private async Task TabToAsync(ILocator target, int max = 120, string key = "Tab")
    {
        await target.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        for (var i = 0; ; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)")) return;
            if (i == max) break;
            await PressAsync(key);
        }
        var focused = await Page.EvaluateAsync<string>("() => document.activeElement?.outerHTML?.slice(0, 200) ?? 'nothing'");
        throw new Xunit.Sdk.XunitException($"{max} Tab presses did not reach {target}; the focus is on {focused}");
    }

    private async Task SignInWithKeyboardAsync(string email)
    {
        await Page.GotoAsync("/account/login");
        await TabToAsync(Page.GetByLabel("E-mail"));
        await TypeAsync(email);
        await TabToAsync(Page.GetByLabel("Mật khẩu"));
        await TypeAsync("ChildCare@2024");
        await PressAsync("Enter");
        await Expect(Page).Not.ToHaveURLAsync(new Regex("/account/login")); // signed in: the sign-in page has gone
        await WaitForInteractiveAsync();
    }

    /// <summary>A select opened from the keyboard: arrows move the highlight (the combobox's aria-activedescendant, as a
    /// screen reader announces it) to the option, Enter takes it.</summary>
    private async Task ChooseAsync(ILocator select, string option)
    {
        await TabToAsync(select);
        if (await select.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            // A native list (the report form's): the arrows move the choice while it is closed.
            var texts = (await select.Locator("option").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
            var wanted = texts.IndexOf(option);
            wanted.ShouldBeGreaterThanOrEqualTo(0, $"no option {option} in {string.Join(", ", texts)}");
            for (var step = 0; step < texts.Count; step++)
            {
                var current = await select.EvaluateAsync<int>("e => e.selectedIndex");
                if (current == wanted) break;
                await PressAsync(current < wanted ? "ArrowDown" : "ArrowUp");
            }
            await Expect(select.Locator("option:checked")).ToHaveTextAsync(option);
            return;
        }
        await PressAsync("Enter");
        var list = Page.Locator(".mud-popover-open [role=listbox]");
        await Expect(list).ToBeVisibleAsync();
        await Expect(select).ToHaveAttributeAsync("aria-activedescendant", new Regex(".+")); // the list has opened on the current value
        var options = (await list.Locator("[role=option]").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        var target = options.IndexOf(option);
        target.ShouldBeGreaterThanOrEqualTo(0, $"no option {option} in {string.Join(", ", options)}");
        for (var step = 0; step < options.Count; step++)
        {
            var active = await select.GetAttributeAsync("aria-activedescendant") ?? "";
            var current = options.IndexOf((await Page.Locator($"[id='{active}']").InnerTextAsync()).Trim());
            if (current == target) break;
            await PressAsync(current < target ? "ArrowDown" : "ArrowUp");
            await Expect(select).Not.ToHaveAttributeAsync("aria-activedescendant", active); // the circuit has moved the highlight
        }
        await PressAsync("Enter");
        await Expect(select).ToContainTextAsync(option);
    }

    [Fact]
    public async Task A_ward_files_its_report_and_the_city_accepts_it_with_the_keyboard_only()
    {
        await SignInWithKeyboardAsync("phuonghaibatrung@childcare.local");
        await TabToAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Báo cáo của đơn vị" }));
        await PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("/reports$"));
        await WaitForInteractiveAsync();
        var row = Page.GetByTestId("period-row").First;
        await row.Locator("[data-testid=start-report], a").First.WaitForAsync();
        var start = row.GetByTestId("start-report");
        await TabToAsync(await start.CountAsync() > 0 ? start : row.GetByRole(AriaRole.Link).First);
        await PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        var reportUrl = Page.Url;
        await WaitForInteractiveAsync();

        for (var i = 0; i < 5; i++)
        {
            var area = Page.GetByTestId("area-form").Nth(i);
            await ChooseAsync(area.GetByRole(AriaRole.Combobox).First, "Đúng tiến độ");
            await TabToAsync(area.GetByLabel("% hoàn thành"));
            await TypeAsync("60");
            await TabToAsync(area.GetByLabel("Kết quả đạt được"));
            await TypeAsync($"Đã triển khai nhiệm vụ {i + 1} tại các tổ dân phố.");
        }
        var plan = Page.Locator("[data-testid=indicator-input][data-code='CT28-01']");
        await TabToAsync(plan.GetByLabel("CT28-01 tử số"));
        await TypeAsync("17");
        await TabToAsync(plan.GetByLabel("CT28-01 mẫu số"));
        await TypeAsync("18");
        await TabToAsync(Page.GetByTestId("save"));
        await PressAsync("Enter");
        await Expect(Page.GetByText("Đã lưu báo cáo.")).ToBeVisibleAsync();
        await TabToAsync(Page.GetByTestId("submit"));
        await PressAsync("Enter");
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await TabToAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }));
        await PressAsync("Enter");
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Đã gửi");
        output.WriteLine($"filing: {_keys} key presses");
        var filing = _keys;

        await Page.Context.ClearCookiesAsync();
        _keys = 0;
        await SignInWithKeyboardAsync("hanoi@childcare.local");
        await Page.GotoAsync(reportUrl);
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("accept")).ToBeVisibleAsync();
        // The first stop of the page offers to skip the header and the menu (from the page's start it is the first Tab;
        // once Blazor has put the focus on the heading after a navigation, it is a few Shift+Tab back), and Enter on it puts
        // the focus on the page's content.
        // (Once the form's circuit has drawn it, Chromium's starting point for Tab can sit inside the content: then the
        // first Tab lands on the breadcrumb and the skip link is a few Shift+Tab back.)
        var skip = Page.Locator("a.skip-link");
        if (await Page.EvaluateAsync<bool>("() => document.activeElement === document.body")) await PressAsync("Tab");
        await TabToAsync(skip, max: 40, key: "Shift+Tab");
        await PressAsync("Enter");
        await Expect(Page.Locator("#main-content")).ToBeFocusedAsync();
        await TabToAsync(Page.GetByTestId("accept"));
        await PressAsync("Enter");
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Đã chấp nhận");
        output.WriteLine($"review: {_keys} key presses (filing took {filing})");
    }
}
