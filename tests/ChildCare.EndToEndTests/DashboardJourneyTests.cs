using System.Text.RegularExpressions;
using ChildCare.Core.Seed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

public sealed class DashboardJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private async Task SeedHistoryAsync()
    {
        await using var scope = Fixture.Portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoReportsSeeder>().SeedAsync();
    }

    [Fact]
    public async Task The_Hanoi_reviewer_sees_who_is_late_or_missing_and_opens_a_districts_report()
    {
        await SeedHistoryAsync();
        await SignInAsync("hanoi@childcare.local");
        await Page.GotoAsync("/dashboard");
        await WaitForInteractiveAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Thành ủy Hà Nội" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("compliance-cards")).ToContainTextAsync("Phải báo cáo");
        await Expect(Page.GetByTestId("compliance-cards")).ToContainTextAsync("30");
        var overdue = Page.Locator("[data-testid=compliance-row].overdue");
        await Expect(overdue.First).ToContainTextAsync("Quá hạn");
        await ScreenshotAsync("18-dashboard-hanoi");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Chỉ tiêu" }).ClickAsync();
        var rate = Page.Locator("[data-testid=indicator-aggregate][data-code='CT28-08']");
        await Expect(rate).ToContainTextAsync("/ 30");
        await rate.ClickAsync();
        await Expect(Page.GetByText("Diễn biến qua các kỳ")).ToBeVisibleAsync();
        await ScreenshotAsync("19-dashboard-indicators");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Tình hình nộp báo cáo" }).ClickAsync();
        var hbt = Page.Locator("[data-testid=compliance-row][data-unit='P01-D007']");
        await hbt.GetByRole(AriaRole.Link, new() { Name = "Quận ủy Hai Bà Trưng" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        await Expect(Page.GetByText("Quận ủy Hai Bà Trưng").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_analyst_drills_from_the_nation_to_Hanoi_to_Hai_Ba_Trung()
    {
        await SeedHistoryAsync();
        await SignInAsync("tuyengiao@childcare.local");
        await Page.GotoAsync("/dashboard");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Ban Chấp hành Trung ương Đảng" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("compliance-cards")).ToContainTextAsync("63");
        await ScreenshotAsync("20-dashboard-nation");

        await Page.Locator("[data-testid=compliance-row][data-unit='P01']").GetByTestId("drill").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Thành ủy Hà Nội" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("drill-trail")).ToContainTextAsync("Ban Chấp hành Trung ương Đảng");

        await Page.Locator("[data-testid=compliance-row][data-unit='P01-D007']").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Đã chấp nhận");
    }
}

public sealed class ConsolidationJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_Hanoi_reviewer_builds_the_city_report_from_accepted_district_reports()
    {
        await using (var scope = Fixture.Portal.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoReportsSeeder>().SeedAsync();
        await SignInAsync("hanoi@childcare.local");
        await Page.GotoAsync("/reports");
        await WaitForInteractiveAsync();
        var lastClosed = Page.GetByTestId("period-row").Nth(1);
        await lastClosed.GetByTestId("start-report").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        await WaitForInteractiveAsync();

        await Page.GetByTestId("consolidate").ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Tổng hợp" }).ClickAsync();

        await Expect(Page.GetByTestId("area-form").First.GetByLabel("Kết quả đạt được")).ToHaveValueAsync(new Regex("- Hai Bà Trưng: "));
        await Expect(Page.Locator("[data-testid=indicator-input][data-code='CT28-01']")).ToContainTextAsync("%");
        await ScreenshotAsync("21-city-report-consolidated");
    }
}
