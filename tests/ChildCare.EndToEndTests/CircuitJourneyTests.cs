using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

/// <summary>
/// Issue 20, items 1 and 6: the pages that only read are drawn on the server and open no Blazor circuit (no
/// connection to /_blazor), yet show their figures and follow their links and forms; the pages where a person edits
/// open one. Walked as the centre's analyst and a ward's reporter would.
/// </summary>
public sealed class CircuitJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private readonly List<string> _circuits = [];

    private void Watch() => Page.WebSocket += (_, ws) =>
    {
        if (ws.Url.Contains("/_blazor", StringComparison.Ordinal)) _circuits.Add(Page.Url);
    };

    [Fact]
    public async Task The_analyst_reads_home_every_dashboard_view_and_the_org_tree_without_a_circuit()
    {
        await Fixture.Portal.SeedHistoryAsync();
        await SignInAsync("tuyengiao@childcare.local");
        Watch();
        await Page.GotoAsync("/");
        await Expect(Page.GetByTestId("directive-card").First).ToBeVisibleAsync();

        // The dashboard: cards and map, then each view by its own address, an indicator opened, a search.
        await Page.GotoAsync("/dashboard");
        await Expect(Page.Locator("[data-testid=compliance-card][data-label='Phải báo cáo']")).ToContainTextAsync("34");
        await Expect(Page.GetByTestId("unit-map").Locator("path[data-unit-code]")).ToHaveCountAsync(34);
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Nhiệm vụ" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("tab=tasks"));
        await Expect(Page.GetByTestId("matrix-row").First).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Chỉ tiêu" }).ClickAsync();
        await Page.Locator("[data-testid=indicator-aggregate][data-code='CT28-08'] a").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("indicator="));
        await Expect(Page.GetByTestId("trend-chart").Locator("svg").First).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Khó khăn, đề xuất" }).ClickAsync();
        await Page.GetByLabel("Tìm (không cần dấu)").FillAsync("kinh phi");
        await Page.GetByLabel("Tìm (không cần dấu)").PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("q=kinh"));
        await Expect(Page.GetByTestId("digest-item").First).ToContainTextAsync(new Regex("kinh phí", RegexOptions.IgnoreCase));
        // A shared address opens the same view.
        var shared = Page.Url;
        await Page.GotoAsync("/");
        await Page.GotoAsync(shared);
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Khó khăn, đề xuất" })).ToHaveAttributeAsync("aria-selected", "true");

        // The org tree: a search, a unit's details.
        await Page.GotoAsync("/org-units");
        await Page.GetByLabel("Tìm đơn vị").FillAsync("hai ba trung");
        await Page.GetByLabel("Tìm đơn vị").PressAsync("Enter");
        await Page.GetByTestId("org-hit").First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page.GetByTestId("org-details")).ToContainTextAsync("Đảng ủy phường Hai Bà Trưng");

        // The exports page: its form and its list of files.
        await Page.GotoAsync("/exports");
        await Expect(Page.GetByTestId("export-scope").Locator("option:checked")).ToHaveTextAsync("Ban Chấp hành Trung ương Đảng");
        await Page.WaitForTimeoutAsync(500); // a circuit would have connected by now
        _circuits.ShouldBeEmpty("pages that only read open no Blazor circuit");
    }

    [Fact]
    public async Task The_administrator_reads_the_document_page_by_tab_and_onboarding_without_a_circuit_and_the_editors_open_one()
    {
        await SignInAsync("admin@childcare.local");
        Watch();

        // The document page: its tabs are links, each view has its own address.
        var card = Page.GetByTestId("directive-card").Filter(new() { HasText = "28-CT/TW" });
        await card.GetByRole(AriaRole.Link, new() { Name = "Xem chi tiết" }).ClickAsync();
        await Expect(Page.GetByTestId("task-area")).ToHaveCountAsync(5);
        await Page.GetByRole(AriaRole.Tab, new() { NameRegex = new("^Phân công") }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("tab=assignments"));
        await Expect(Page.GetByText("Chủ trì").First).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { NameRegex = new("^Chỉ tiêu") }).ClickAsync();
        await Expect(Page.GetByTestId("indicator-row")).ToHaveCountAsync(25);

        // Onboarding: the totals and the list, filtered by a GET form.
        await Page.GotoAsync("/onboarding");
        await Expect(Page.GetByTestId("onboarding-expected")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("onboarding-shown")).ToContainTextAsync("đơn vị");
        await Page.WaitForTimeoutAsync(500); // a circuit would have connected by now
        _circuits.ShouldBeEmpty("the document page and onboarding only read: no Blazor circuit");

        // The editors keep one: user accounts and periods.
        foreach (var editor in new[] { "/admin/users", "/admin/periods" })
        {
            _circuits.Clear();
            await Page.GotoAsync(editor);
            await WaitForInteractiveAsync();
            _circuits.ShouldNotBeEmpty($"{editor} edits field by field over a circuit");
        }
    }

    [Fact]
    public async Task The_own_reports_list_is_read_without_a_circuit_and_the_report_form_opens_one_and_keeps_the_draft_over_it()
    {
        await SignInAsync("phuonghaibatrung@childcare.local");
        Watch();
        await Page.GotoAsync("/reports");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("period-row").First).ToBeVisibleAsync();
        await Page.WaitForTimeoutAsync(500); // a circuit would have connected by now
        _circuits.ShouldBeEmpty("the list of the unit's periods only reads; starting a report is a form that posts");

        await Page.GetByTestId("period-row").First.Locator("[data-testid=start-report], a").First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        await WaitForInteractiveAsync();
        await Page.GetByTestId("area-form").First.GetByLabel("Kết quả đạt được").FillAsync("Đã họp 2 lần.");
        await Expect(Page.GetByTestId("autosave-state")).ToContainTextAsync("Bản nháp tự lưu", new() { Timeout = 10_000 });
        _circuits.ShouldNotBeEmpty("the report form edits live, over a circuit");
    }

    [Fact]
    public async Task The_city_reviewer_reads_the_inbox_without_a_circuit_and_accepts_two_ticked_reports_with_a_form()
    {
        await Fixture.Portal.SeedHistoryAsync();
        await SignInAsync("hanoi@childcare.local");
        Watch();
        await Page.GotoAsync("/review");
        await WaitForInteractiveAsync();
        var ticks = Page.Locator("[data-testid=inbox-row] input[type=checkbox]");
        (await ticks.CountAsync()).ShouldBeGreaterThanOrEqualTo(2, "the demo's newest closed quarter has reports waiting");
        var unit = await Page.GetByTestId("inbox-row").Filter(new() { Has = Page.Locator("input[type=checkbox]") }).First.GetAttributeAsync("data-unit");
        var waiting = await ticks.CountAsync();
        await ticks.Nth(0).CheckAsync();
        await ticks.Nth(1).CheckAsync();

        // "Chấp nhận các báo cáo đã chọn" asks first; cancelled, nothing is sent.
        Page.Dialog += DismissOnce;
        await Page.GetByTestId("accept-selected").ClickAsync();
        await Page.WaitForTimeoutAsync(300);
        await Expect(Page.GetByTestId("accept-outcome")).ToHaveCountAsync(0);
        Page.Dialog -= DismissOnce;
        Page.Dialog += (_, d) => d.AcceptAsync();
        await Page.GetByTestId("accept-selected").ClickAsync();
        await Expect(Page.GetByTestId("accept-outcome")).ToContainTextAsync("Đã chấp nhận 2 báo cáo.");
        await Expect(Page.Locator($"[data-testid=inbox-row][data-unit='{unit}']")).ToContainTextAsync("Đã chấp nhận");
        await Expect(ticks).ToHaveCountAsync(waiting - 2);
        await ScreenshotAsync("20-inbox-accepted");
        _circuits.ShouldBeEmpty("the inbox is read and its ticks sent without a circuit");

        static async void DismissOnce(object? sender, IDialog d) => await d.DismissAsync();
    }
}
