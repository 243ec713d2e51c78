using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

/// <summary>Issue 13's journeys: the portal in English for a partner, and a report filled offline in Excel.</summary>
public sealed class EverydayJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>A Vietnamese letter (with its marks): interface text in English has none, unless it names data.</summary>
    private static readonly Regex Vietnamese = new("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýãĩõũ]", RegexOptions.IgnoreCase);

    /// <summary>Names that stay Vietnamese in English: units, documents, periods, places, the language switch.</summary>
    private static readonly Regex Data = new(@"ủy|Ủy|Đảng|Ban |Bộ |Chỉ thị|Kế hoạch|Nghị quyết|Quyết định|Tỉnh|Thành phố|Phường|Quý|Hà Nội|Tiếng Việt|TIẾNG VIỆT|@|Trung ương|Việt Nam");

    [Fact]
    public async Task An_administrator_reads_the_exports_page_the_org_tree_and_the_users_page_in_English()
    {
        await Page.GotoAsync("/account/login?culture=en-US");
        await Page.GetByLabel("E-mail").FillAsync("admin@childcare.local");
        await Page.GetByLabel("Password").FillAsync("ChildCare@2024");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await WaitForInteractiveAsync();
        foreach (var (path, heading) in new[] { ("/exports", "Export summary reports"), ("/org-units", "Organisation tree"), ("/admin/users", "User accounts") })
        {
            await Page.GotoAsync(path);
            await WaitForInteractiveAsync();
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            // What a person reads as the interface: headings, buttons, labels, column heads, tabs, the menu.
            var texts = await Page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('h1,h2,h3,button,label,th,[role=tab],legend,.mud-input-label,.mud-button-label,nav a')]
                  .map(e => (e.innerText || e.getAttribute('aria-label') || '').trim()).filter(Boolean)
                """);
            texts.Where(t => Vietnamese.IsMatch(t) && !Data.IsMatch(t)).ShouldBeEmpty($"{path} in English");
        }
        await Expect(Page.GetByTestId("create-user")).ToHaveTextAsync(new Regex("Create account", RegexOptions.IgnoreCase));
        await Expect(Page.GetByRole(AriaRole.Cell, new() { Name = "Administrator", Exact = true })).ToBeVisibleAsync(); // the role, in English
        await ScreenshotAsync("english-users", "english-users");
    }

    [Fact]
    public async Task A_partner_switches_the_portal_to_English_signs_in_and_the_choice_stays_until_they_switch_back()
    {
        // 1. The sign-in page is Vietnamese; the link at its top says "English".
        await Page.GotoAsync("/account/login");
        await Expect(Page.GetByLabel("Mật khẩu")).ToBeVisibleAsync();
        await Page.GetByTestId("switch-language").ClickAsync();

        // 2. The same page in English; signing in keeps it (the culture cookie).
        await Expect(Page.GetByLabel("Password")).ToBeVisibleAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Page.GetByLabel("E-mail").FillAsync("tuyengiao@childcare.local");
        await Page.GetByLabel("Password").FillAsync("ChildCare@2024");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Documents followed" })).ToBeVisibleAsync();

        // 3. The dashboard reads in English too: tabs, cards and columns (the units' and documents' own names stay Vietnamese).
        await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Submissions" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("compliance-cards")).ToContainTextAsync("Expected");
        await Expect(Page.GetByRole(AriaRole.Columnheader, new() { Name = "Sent at" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Indicators" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Columnheader, new() { Name = "Assessment" })).ToBeVisibleAsync();
        await ScreenshotAsync("english-dashboard", "english");

        // 4. "Tiếng Việt" in the header switches back, on every page from then on.
        await Page.GetByTestId("switch-language").ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Bảng điều khiển" })).ToBeVisibleAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "vi");
    }

    [Fact]
    public async Task A_ward_downloads_its_report_as_Excel_fills_a_figure_offline_and_uploads_it_back()
    {
        // 1. The ward's reporter opens this quarter's report and saves a figure.
        await SignInAsync("phuonghaibatrung@childcare.local");
        await Page.GotoAsync("/reports");
        await WaitForInteractiveAsync();
        await Page.GetByTestId("period-row").First.GetByTestId("start-report").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        await WaitForInteractiveAsync();
        var count = Page.GetByLabel("CT28-03 giá trị");
        await count.FillAsync("4217");
        await Page.GetByTestId("save").ClickAsync();
        await Expect(Page.GetByText("Đã lưu báo cáo.")).ToBeVisibleAsync();

        // 2. "Tải mẫu Excel" gives the form; the commune office types the figure its cells collected (here: the file edited as Excel saves it).
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("workbook-download").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".xlsx");
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"childcare-e2e-{Guid.NewGuid():N}")).FullName;
        var original = Path.Combine(folder, download.SuggestedFilename);
        await download.SaveAsAsync(original);
        var edited = Path.Combine(folder, "bao-cao-da-dien.xlsx");
        using (var source = ZipFile.OpenRead(original))
        using (var target = ZipFile.Open(edited, ZipArchiveMode.Create))
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var xml = await reader.ReadToEndAsync();
                if (entry.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)) xml = xml.Replace(">4217<", ">4300<", StringComparison.Ordinal);
                await using var writer = new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                await writer.WriteAsync(xml);
            }

        // 3. "Nhập từ Excel": the figure from the workbook is the report's now.
        var chooser = await Page.RunAndWaitForFileChooserAsync(() => Page.GetByTestId("workbook-upload").ClickAsync());
        await chooser.SetFilesAsync(edited);
        await Expect(Page.GetByText("Đã nhập bao-cao-da-dien.xlsx vào báo cáo.")).ToBeVisibleAsync();
        await Expect(count).ToHaveValueAsync("4300");
        await Page.ReloadAsync();
        await WaitForInteractiveAsync();
        await Expect(Page.GetByLabel("CT28-03 giá trị")).ToHaveValueAsync("4300");
    }
}
