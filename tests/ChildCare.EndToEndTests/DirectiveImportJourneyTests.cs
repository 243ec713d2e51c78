using System.Text.RegularExpressions;
using ChildCare.Core.Seed;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

public sealed class DirectiveImportJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_administrator_imports_the_seed_text_corrects_a_field_and_saves_it_under_a_test_code()
    {
        await SignInAsync("admin@childcare.local");
        await WaitForInteractiveAsync();
        await Page.GetByTestId("import-directive").ClickAsync();
        await WaitForInteractiveAsync();

        // 1. Paste the received copy and let the portal propose its structure.
        await Page.GetByLabel("Toàn văn").FillAsync(SeedData.DirectiveSourceText());
        await Page.GetByTestId("import-analyse").ClickAsync();
        await Expect(Page.GetByTestId("import-area")).ToHaveCountAsync(5);
        await Expect(Page.GetByTestId("import-warnings")).ToContainTextAsync("02/01/2023");
        await Expect(Page.GetByLabel("Số và ký hiệu")).ToHaveValueAsync("28-CT/TW");
        await ScreenshotAsync("23-import-proposal");

        // 2. Correct one field: the code, so the test does not collide with the seeded 28-CT/TW.
        await Page.GetByLabel("Số và ký hiệu").FillAsync("99-CT/TW");
        await Page.GetByTestId("import-save").ClickAsync();

        // 3. The saved directive with its five task areas.
        await Expect(Page).ToHaveURLAsync(new Regex("/directives/[0-9a-f-]{36}$"));
        await Expect(Page.GetByText("Chỉ thị số 99-CT/TW").First).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("task-area")).ToHaveCountAsync(5);
        await Expect(Page.GetByTestId("task-area").First).ToContainTextAsync("Tập trung lãnh đạo");
        await ScreenshotAsync("24-imported-directive");
    }

    [Fact]
    public async Task Saving_under_an_existing_code_is_refused_and_nothing_typed_is_lost()
    {
        await SignInAsync("tuyengiao@childcare.local");
        await Page.GotoAsync("/directives/import");
        await WaitForInteractiveAsync();
        await Page.GetByLabel("Toàn văn").FillAsync(SeedData.DirectiveSourceText());
        await Page.GetByTestId("import-analyse").ClickAsync();
        await Page.GetByLabel("Người ký").FillAsync("Trương Thị Mai (đã sửa)");
        await Page.GetByTestId("import-save").ClickAsync();

        await Expect(Page.GetByText("Đã có văn bản số 28-CT/TW.").First).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Người ký")).ToHaveValueAsync("Trương Thị Mai (đã sửa)");
    }
}

public sealed class PeriodAdminJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_administrator_adds_the_2025_year_period_and_locks_a_quarter()
    {
        await SignInAsync("admin@childcare.local");
        await Page.GotoAsync("/admin/periods");
        await WaitForInteractiveAsync();
        await Page.GetByLabel("Loại kỳ").ClickAsync();
        await Page.Locator(".mud-popover-open").GetByText("Năm", new() { Exact = true }).ClickAsync();
        await Page.GetByLabel("Từ ngày").FillAsync("01/01/2025");
        await Page.GetByLabel("Đến ngày").FillAsync("31/12/2025");
        await Page.GetByLabel("Đến ngày").PressAsync("Tab");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Thêm kỳ" }).ClickAsync();
        var year = Page.Locator("[data-testid=admin-period][data-code='2025']");
        await Expect(year).ToContainTextAsync("Năm 2025");

        var q1 = Page.Locator("[data-testid=admin-period][data-code='2024-Q1']");
        await q1.GetByRole(AriaRole.Button, new() { Name = "Khóa" }).ClickAsync();
        await Expect(q1).ToContainTextAsync("Đã khóa");
        await ScreenshotAsync("27-admin-periods");
    }
}

public sealed class DirectiveEditJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_administrator_adds_a_target_with_its_source_and_the_directive_page_shows_it()
    {
        await SignInAsync("admin@childcare.local");
        // A click while the home page is still switching from prerendered to live can be lost: wait for the circuit first.
        await WaitForInteractiveAsync();
        await Page.Locator("[data-testid=directive-card][data-code='28-CT/TW']").GetByRole(AriaRole.Link, new() { Name = "Xem chi tiết" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/directives/[0-9a-f-]{36}$"));
        await WaitForInteractiveAsync(); // the details page re-renders once its circuit starts: click after that
        await Page.GetByTestId("edit-directive").ClickAsync();
        await WaitForInteractiveAsync();

        var swim = Page.Locator("[data-testid=edit-indicator][data-code='CT28-18']");
        await swim.GetByLabel("CT28-18 năm").FillAsync("2030");
        await swim.GetByLabel("CT28-18 giá trị").FillAsync("60");
        await swim.GetByLabel("CT28-18 nguồn").FillAsync("Kế hoạch của Thành ủy (thử nghiệm)");
        await swim.GetByTestId("add-target").ClickAsync();
        await Expect(swim).ToContainTextAsync("2030: 60 — Kế hoạch của Thành ủy (thử nghiệm)");
        await ScreenshotAsync("28-edit-directive");

        await Page.GetByRole(AriaRole.Link, new() { Name = "28-CT/TW" }).ClickAsync();
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Tab, new() { NameRegex = new("^Chỉ tiêu") }).ClickAsync();
        await Expect(Page.GetByTestId("indicator-row").Filter(new() { HasText = "CT28-18" })).ToContainTextAsync("Kế hoạch của Thành ủy (thử nghiệm)");
    }
}
