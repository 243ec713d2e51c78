using System.Text.RegularExpressions;
using ChildCare.Core.Seed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

public sealed class DashboardJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private Task SeedHistoryAsync() => Fixture.Portal.SeedHistoryAsync();

    [Fact]
    public async Task The_Hanoi_reviewer_sees_who_is_late_or_missing_and_opens_a_districts_report()
    {
        await SeedHistoryAsync();
        await SignInAsync("hanoi@childcare.local");
        await Page.GotoAsync("/dashboard");
        await WaitForInteractiveAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Thành ủy Hà Nội" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("compliance-cards")).ToContainTextAsync("Phải báo cáo");
        // Today's city has 126 commune and ward committees; Phường Ba Đình never filed the last closed quarter.
        await Expect(Page.Locator("[data-testid=compliance-card][data-label='Phải báo cáo']")).ToContainTextAsync("126");
        var overdue = Page.Locator("[data-testid=compliance-row].overdue");
        await Expect(overdue.First).ToContainTextAsync("Quá hạn");
        await ScreenshotAsync("18-dashboard-hanoi", "dashboard");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Chỉ tiêu" }).ClickAsync();
        var rate = Page.Locator("[data-testid=indicator-aggregate][data-code='CT28-08']");
        await Expect(rate).ToContainTextAsync("/ 126");
        await rate.ClickAsync();
        await Expect(Page.GetByText("Diễn biến qua các kỳ")).ToBeVisibleAsync();
        await ScreenshotAsync("19-dashboard-indicators");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Tình hình nộp báo cáo" }).ClickAsync();
        await Expect(Page.Locator("[data-testid=compliance-row][data-unit='P01-00004']")).ToContainTextAsync("Quá hạn");
        var hbt = Page.Locator("[data-testid=compliance-row][data-unit='P01-00256']");
        await hbt.GetByRole(AriaRole.Link, new() { Name = "Đảng ủy phường Hai Bà Trưng" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        await Expect(Page.GetByText("Đảng ủy phường Hai Bà Trưng").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_Hanoi_reviewer_sees_126_committees_today_and_the_30_districts_in_2024_Q4()
    {
        await SeedHistoryAsync();
        await SignInAsync("hanoi@childcare.local");
        await Page.GotoAsync("/dashboard");
        await WaitForInteractiveAsync();
        var expected = Page.Locator("[data-testid=compliance-card][data-label='Phải báo cáo']");
        await Expect(expected).ToContainTextAsync("126");

        // The same city in 2024-Q4: its 30 district committees reported to it.
        await Page.GetByLabel("Kỳ báo cáo").SelectOptionAsync(new SelectOptionValue { Label = "Quý IV/2024" });
        await Page.GetByTestId("period-form").GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await Expect(expected).ToContainTextAsync("30");
        await Expect(Page.Locator("[data-testid=compliance-row][data-unit='P01-D007']")).ToContainTextAsync("Quận ủy Hai Bà Trưng");
        await ScreenshotAsync("18b-dashboard-hanoi-2024-q4");

        // Hà Nội's trend runs across 1/7/2025 without a hole.
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Chỉ tiêu" }).ClickAsync();
        await Page.Locator("[data-testid=indicator-aggregate][data-code='CT28-03']").ClickAsync();
        var trend = Page.GetByTestId("trend-chart");
        await Expect(trend.Locator("svg")).ToBeVisibleAsync();
        await Expect(trend.Locator("[data-testid=chart-row][data-label='2024-Q4']")).Not.ToContainTextAsync("không so sánh được");
        // The figures behind the line, as a table for screen readers (and anyone who wants the numbers).
        await trend.GetByText("Xem dạng bảng").ClickAsync();
        await Expect(trend.Locator("[data-testid=chart-row][data-label='2024-Q4'] td").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d"));
        await ScreenshotAsync("18c-dashboard-hanoi-indicator-trend", "dashboard-indicator-charts", Page.Locator("[data-testid=indicator-aggregate][data-code='CT28-03'] + tr"));
    }

    [Fact]
    public async Task An_analyst_drills_from_the_nation_of_34_provinces_to_Hanoi_to_the_Hai_Ba_Trung_ward()
    {
        await SeedHistoryAsync();
        await SignInAsync("tuyengiao@childcare.local");
        await Page.GotoAsync("/dashboard");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Ban Chấp hành Trung ương Đảng" })).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=compliance-card][data-label='Phải báo cáo']")).ToContainTextAsync("34");
        await ScreenshotAsync("20-dashboard-nation", "dashboard-nation");

        await Page.Locator("[data-testid=compliance-row][data-unit='P01']").GetByTestId("drill").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Thành ủy Hà Nội" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("drill-trail")).ToContainTextAsync("Ban Chấp hành Trung ương Đảng");

        await Page.Locator("[data-testid=compliance-row][data-unit='P01-00256']").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        await Expect(Page.GetByTestId("report-status")).ToHaveTextAsync("Đã chấp nhận");
    }

    [Fact]
    public async Task An_analyst_sees_the_nation_on_a_map_clicks_Hanoi_and_reads_its_communes_on_the_map_and_as_a_table()
    {
        await SeedHistoryAsync();
        await SignInAsync("tuyengiao@childcare.local");
        await Page.GotoAsync("/dashboard");
        await WaitForInteractiveAsync();

        // 1. The nation: 34 provinces coloured by their report for the period, a legend, both archipelagos in the picture.
        var map = Page.GetByTestId("unit-map");
        await Expect(map.Locator("svg[role=img] path[data-unit-code]")).ToHaveCountAsync(34);
        await Expect(map.Locator("svg[role=img] path[data-unit-code='P48']")).ToHaveCountAsync(1);
        await Expect(map.Locator("svg[role=img] path[data-unit-code='P56']")).ToHaveCountAsync(1);
        await Expect(map.GetByTestId("map-legend-item")).ToHaveCountAsync(4);
        await Expect(map.GetByTestId("map-note")).ToHaveTextAsync(["QĐ. Hoàng Sa (Đà Nẵng)", "QĐ. Trường Sa (Khánh Hòa)"]);
        await Expect(map.Locator("svg[role=img] path[data-unit-code='P01'] title")).ToHaveTextAsync(new Regex("^Thành ủy Hà Nội: "));
        await ScreenshotAsync("20b-dashboard-nation-map", "dashboard-map", map);

        // 2. A click on Hà Nội drills down: the city's dashboard, its 126 communes and wards on the map.
        await map.Locator("path[data-unit-code='P01']").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Thành ủy Hà Nội" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("unit-map").Locator("path[data-unit-code]")).ToHaveCountAsync(126);

        // 3. "Xem dạng bảng": the same figures in words, with links a keyboard reaches.
        await Page.GetByTestId("map-table").Locator("summary").ClickAsync();
        var row = Page.GetByTestId("map-table").Locator("tr[data-unit='P01-00256']");
        await Expect(row).ToContainTextAsync("Đảng ủy phường Hai Bà Trưng");
        await Expect(row.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
    }
}

public sealed class ConsolidationJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_Hanoi_reviewer_builds_the_city_report_from_accepted_district_reports()
    {
        await Fixture.Portal.SeedHistoryAsync();
        await SignInAsync("hanoi@childcare.local");
        await Page.GotoAsync("/reports");
        await WaitForInteractiveAsync();
        var lastClosed = Page.GetByTestId("period-row").Nth(1);
        // The demo leaves the city's report for the last closed quarter as a draft ready to compile: open it.
        await lastClosed.Locator("[data-testid=start-report], a").First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        await WaitForInteractiveAsync();

        await Page.GetByTestId("consolidate").ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Tổng hợp" }).ClickAsync();

        await Expect(Page.GetByTestId("area-form").First.GetByLabel("Kết quả đạt được")).ToHaveValueAsync(new Regex("Phường Hai Bà Trưng: "));
        await Expect(Page.Locator("[data-testid=indicator-input][data-code='CT28-01']")).ToContainTextAsync("%");
        await ScreenshotAsync("21-city-report-consolidated");
    }
}

public sealed class ExportJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private Task ChooseAsync(string testId, string label) =>
        Page.GetByTestId(testId).SelectOptionAsync(new SelectOptionValue { Label = label });

    private ILocator Chosen(string testId) => Page.GetByTestId(testId).Locator("option:checked");

    private async Task<IDownload> ExportAsync(string format)
    {
        await ChooseAsync("export-format", format);
        await Page.GetByTestId("export-start").ClickAsync();
        var link = Page.GetByTestId("export-download").First;
        await Expect(link).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return await Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
    }

    [Fact]
    public async Task The_Commission_exports_the_2024_national_report_and_downloads_it()
    {
        await Fixture.Portal.SeedHistoryAsync();
        await SignInAsync("tuyengiao@childcare.local");
        await Page.GotoAsync("/exports");
        await WaitForInteractiveAsync();
        // The defaults: the nation, the last full year that has closed quarters.
        await Expect(Chosen("export-scope")).ToHaveTextAsync("Ban Chấp hành Trung ương Đảng");
        await ChooseAsync("export-from", "Quý I/2024");
        await ChooseAsync("export-to", "Quý IV/2024");

        var download = await ExportAsync("Word (.docx) — văn bản");
        download.SuggestedFilename.ShouldBe("Báo cáo 28-CT-TW năm 2024 - Ban Chấp hành Trung ương Đảng.docx");
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, "national-2024.docx");
        await download.SaveAsAsync(path);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEnd().ShouldContain("ĐẢNG CỘNG SẢN VIỆT NAM");
        await ScreenshotAsync("22-exports", "exports");
    }

    [Fact]
    public async Task The_Commission_exports_the_national_summary_as_a_PDF_signed_with_its_seal()
    {
        await SignInAsync("tuyengiao@childcare.local");
        await Page.GotoAsync("/exports");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByLabel("Ký số bằng khóa của cơ quan ban hành")).ToBeHiddenAsync(); // only for a PDF
        await ChooseAsync("export-format", "PDF");
        await Page.GetByLabel("Ký số bằng khóa của cơ quan ban hành").CheckAsync();
        await Page.GetByTestId("export-start").ClickAsync();
        var job = Page.GetByTestId("export-job").First;
        await Expect(job).ToContainTextAsync("Báo cáo tổng hợp (ký số)");
        var link = job.GetByTestId("export-download");
        await Expect(link).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var download = await Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, "national-signed.pdf");
        await download.SaveAsAsync(path);
        // An outside tool agrees (the fixture's seal is a throw-away key: the signature, not its certificate, is judged).
        (await ChildCare.Tests.Shared.TestCertificates.PdfsigAsync(await File.ReadAllBytesAsync(path))).ShouldContain("Signature is Valid");
    }

    [Fact]
    public async Task The_Hanoi_reviewer_exports_Hanois_report_as_PDF()
    {
        await Fixture.Portal.SeedHistoryAsync();
        await SignInAsync("hanoi@childcare.local");
        await Page.GotoAsync("/exports");
        await WaitForInteractiveAsync();
        await Expect(Chosen("export-scope")).ToHaveTextAsync("Thành ủy Hà Nội");
        var download = await ExportAsync("PDF");
        download.SuggestedFilename.ShouldEndWith("Thành ủy Hà Nội.pdf");
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, "hanoi.pdf");
        await download.SaveAsAsync(path);
        System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 5).ShouldBe("%PDF-");
    }
}
