using System.Text.RegularExpressions;
using ChildCare.Core.Seed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

/// <summary>
/// Documents as peers: Hà Nội's reviewer registers the city's own plan of 28-CT/TW, and every page that shows one
/// document — the dashboard, the inbox, the exports, the period admin — switches between the two with the same
/// picker, remembers the choice, and never jumps to "the newest" on its own.
/// </summary>
public sealed class DocumentSwitchingJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly string PlanText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "ke-hoach-125-KH-TU.txt"));

    private Task SeedHistoryAsync() => Fixture.Portal.SeedHistoryAsync();

    /// <summary>Picks a document: a native list and "Xem" on pages drawn without a circuit (the dashboard), MudBlazor's elsewhere.</summary>
    private async Task PickAsync(string code)
    {
        var native = Page.Locator("select[data-testid=document-picker]");
        if (await native.CountAsync() > 0)
        {
            var value = await native.Locator($"option[data-code='{code}']").GetAttributeAsync("value");
            await native.SelectOptionAsync(value!);
            await Page.GetByTestId("document-form").GetByRole(AriaRole.Button).ClickAsync();
            return;
        }
        await Page.GetByTestId("document-picker").ClickAsync();
        await Page.Locator(".mud-popover-open [data-testid=document-option][data-code='" + code + "']").ClickAsync();
    }

    /// <summary>The document the picker shows as chosen.</summary>
    private ILocator Chosen => Page.Locator("select[data-testid=document-picker] option:checked, div[data-testid=document-picker], .mud-select[data-testid=document-picker]").First;

    private async Task RegisterPlanAsync()
    {
        await Page.GetByTestId("import-directive").ClickAsync();
        await WaitForInteractiveAsync();
        await Page.GetByLabel("Toàn văn").FillAsync(PlanText);
        await Page.GetByTestId("import-analyse").ClickAsync();
        await Expect(Page.GetByLabel("Số và ký hiệu")).ToHaveValueAsync("125-KH/TU");
        await Expect(Page.GetByTestId("import-area")).ToHaveCountAsync(4);
        await Expect(Page.GetByTestId("import-issuer-unit")).ToContainTextAsync("Thành ủy Hà Nội");
        await Expect(Page.GetByTestId("import-implements")).ToHaveValueAsync("28-CT/TW");
        await ScreenshotAsync("40-plan-proposal");
        await Page.GetByTestId("import-save").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/directives/[0-9a-f-]{36}$"));
        await Expect(Page.GetByTestId("issuer-unit")).ToContainTextAsync("Thành ủy Hà Nội");
        await Expect(Page.GetByTestId("implements")).ToContainTextAsync("28-CT/TW");
    }

    [Fact]
    public async Task The_Hanoi_reviewer_registers_the_citys_plan_and_switches_the_dashboard_and_the_inbox_between_the_two_documents()
    {
        await SeedHistoryAsync();
        await SignInAsync("hanoi@childcare.local");
        await WaitForInteractiveAsync();
        await RegisterPlanAsync();

        // The home page lists both documents.
        await Page.GotoAsync("/");
        await Expect(Page.Locator("[data-testid=directive-card][data-code='125-KH/TU']")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=directive-card][data-code='28-CT/TW']")).ToBeVisibleAsync();

        // The dashboard stays on 28-CT/TW although the plan is newer…
        await Page.GotoAsync("/dashboard");
        await WaitForInteractiveAsync();
        await Expect(Chosen).ToContainTextAsync("28-CT/TW");
        var expected = Page.Locator("[data-testid=compliance-card][data-label='Phải báo cáo']");
        await Expect(expected).ToContainTextAsync("126");
        // …until the reviewer picks the plan: its own periods, nobody has reported on it yet.
        await PickAsync("125-KH/TU");
        await Expect(Page).ToHaveURLAsync(new Regex("directiveId="));
        await Expect(Chosen).ToContainTextAsync("125-KH/TU");
        await Expect(expected).ToContainTextAsync("126");
        await Expect(Page.Locator("[data-testid=compliance-card][data-label='Chưa nộp']")).ToContainTextAsync("126");
        await ScreenshotAsync("41-dashboard-plan");

        // The choice is remembered: the inbox opens on the plan, and switches back to 28-CT/TW.
        await Page.GotoAsync("/review");
        await WaitForInteractiveAsync();
        await Expect(Chosen).ToContainTextAsync("125-KH/TU");
        await Expect(Page.GetByText("Đảng ủy phường Hai Bà Trưng").First).ToBeVisibleAsync();
        await PickAsync("28-CT/TW");
        await Expect(Chosen).ToContainTextAsync("28-CT/TW");
        await Expect(Page.GetByText("Đã chấp nhận").First).ToBeVisibleAsync(); // 28-CT/TW has its demo history
        await ScreenshotAsync("42-inbox-28");

        // The exports page follows the same picker; for the plan its scope is the city.
        await Page.GotoAsync("/exports");
        await WaitForInteractiveAsync();
        await Expect(Chosen).ToContainTextAsync("28-CT/TW");
        await PickAsync("125-KH/TU");
        await Expect(Page.GetByTestId("export-scope").Locator("option:checked")).ToHaveTextAsync("Thành ủy Hà Nội");
        await ScreenshotAsync("43-exports-plan");
    }

    [Fact]
    public async Task The_centre_sees_which_provinces_issued_a_plan_and_an_administrator_switches_the_period_admin_between_documents()
    {
        await SeedHistoryAsync();
        await SignInAsync("hanoi@childcare.local");
        await WaitForInteractiveAsync();
        await RegisterPlanAsync();
        await Page.Context.ClearCookiesAsync();

        // The national dashboard of 28-CT/TW: Hà Nội has issued its plan, the other provinces have not.
        await SignInAsync("tuyengiao@childcare.local");
        await Page.GotoAsync("/dashboard");
        await WaitForInteractiveAsync();
        await Expect(Page.Locator("[data-testid=compliance-card][data-label='Đã ban hành kế hoạch']")).ToContainTextAsync("1");
        await Expect(Page.Locator("[data-testid=compliance-row][data-unit='P01'] [data-testid=unit-plan]")).ToContainTextAsync("125-KH/TU");
        await Expect(Page.Locator("[data-testid=compliance-row][data-unit='P01'] [data-testid=unit-plan]")).ToContainTextAsync("15/03/2024");
        await Expect(Page.Locator("[data-testid=unit-plan]", new() { HasText = "Chưa" })).ToHaveCountAsync(33); // the other 33 provinces
        await ScreenshotAsync("44-dashboard-nation-plans");
        // The centre opens the plan's dashboard on the city that issued it.
        await PickAsync("125-KH/TU");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Thành ủy Hà Nội" })).ToBeVisibleAsync();
        await Page.Context.ClearCookiesAsync();

        await SignInAsync("admin@childcare.local");
        await Page.GotoAsync("/admin/periods");
        await WaitForInteractiveAsync();
        await Expect(Chosen).ToContainTextAsync("28-CT/TW");
        await PickAsync("125-KH/TU");
        await Expect(Chosen).ToContainTextAsync("125-KH/TU");
        await Expect(Page.GetByText("Quý I/2024").First).ToBeVisibleAsync(); // the plan's periods start with its quarter of issue
        await ScreenshotAsync("45-periods-plan");
        await PickAsync("28-CT/TW");
        await Expect(Chosen).ToContainTextAsync("28-CT/TW");
    }
}
