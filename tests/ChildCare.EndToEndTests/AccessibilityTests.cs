using ChildCare.Core.Seed;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

/// <summary>
/// axe-core (Deque) on every page each demo user reaches, and on every tab and dialog they open: 0 violations of
/// WCAG 2.1 A and AA wanted. The figure (pages × users scanned, violations) is printed.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture)
{
    private static readonly AxeRunOptions Wcag21 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private readonly List<string> _found = [];
    private int _scanned;

    private async Task SeedHistoryAsync()
    {
        await using var scope = Fixture.Portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoReportsSeeder>().SeedAsync();
    }

    private async Task<Guid> DirectiveIdAsync()
    {
        await using var scope = Fixture.Portal.Services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ChildCare.Core.Data.AppDbContext>>().CreateDbContextAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Directives.Where(d => d.Code == "28-CT/TW").Select(d => d.Id));
    }

    private async Task ScanAsync(string what)
    {
        // Let transitions (popovers, ripples) settle so colours are measured as a person sees them.
        await Page.WaitForTimeoutAsync(300);
        var result = await Page.RunAxe(Wcag21);
        _scanned++;
        foreach (var v in result.Violations)
            foreach (var node in v.Nodes)
                _found.Add($"{what}: {v.Id} ({v.Impact}) {node.Target} — {node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).FirstOrDefault()}");
    }

    private async Task VisitAsync(string path, string what, bool interactive = true)
    {
        await Page.GotoAsync(path);
        if (interactive) await WaitForInteractiveAsync(); // the account and error pages are rendered statically
        await Expect(Page.Locator("h1").First).ToBeVisibleAsync();
        await ScanAsync(what);
    }

    private async Task TabsAsync(string what)
    {
        var tabs = Page.GetByRole(AriaRole.Tab);
        for (var i = 1; i < await tabs.CountAsync(); i++)
        {
            await tabs.Nth(i).ClickAsync();
            await ScanAsync($"{what} › {await tabs.Nth(i).InnerTextAsync()}");
        }
    }

    private void Report()
    {
        output.WriteLine($"{_scanned} scans, {_found.Count} violations");
        foreach (var line in _found) output.WriteLine(line);
        _found.ShouldBeEmpty();
    }

    [Fact]
    public async Task Signed_out_pages_have_no_WCAG_violations()
    {
        await Page.GotoAsync("/account/login");
        await ScanAsync("sign-in");
        await Page.GotoAsync("/account/login?culture=en-US");
        await ScanAsync("sign-in (English)");
        await Page.GetByLabel("E-mail").FillAsync("khong-co@childcare.local");
        await Page.GetByLabel("Password").FillAsync("sai");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ScanAsync("sign-in error (English)");
        Report();
    }

    [Fact]
    public async Task A_ward_reporters_pages_have_no_WCAG_violations()
    {
        await SeedHistoryAsync();
        await SignInAsync("phuonghaibatrung@childcare.local");
        await VisitAsync("/", "home");
        await VisitAsync("/reports", "own reports");
        var report = Page.Locator("a[href^='reports/']").First;
        await report.ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("report-deadline")).ToBeVisibleAsync();
        await ScanAsync("report form");
        await VisitAsync("/dashboard", "dashboard");
        await VisitAsync("/org-units", "org tree");
        await VisitAsync("/account/email", "e-mail settings", interactive: false);
        await VisitAsync("/khong-co-trang-nay", "not found", interactive: false);
        Report();
    }

    [Fact]
    public async Task A_provincial_reviewers_pages_have_no_WCAG_violations()
    {
        await SeedHistoryAsync();
        await SignInAsync("hanoi@childcare.local");
        await VisitAsync("/", "home");
        await VisitAsync("/review", "review queue");
        await Page.Locator("a[href^='reports/']").First.ClickAsync();
        await Expect(Page.GetByTestId("report-deadline")).ToBeVisibleAsync();
        await ScanAsync("report (reviewer)");
        await VisitAsync("/dashboard", "dashboard");
        await TabsAsync("dashboard");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Chỉ tiêu" }).ClickAsync();
        await Page.Locator("[data-testid=indicator-aggregate]").First.ClickAsync();
        await Expect(Page.GetByTestId("trend-chart")).ToBeVisibleAsync();
        await ScanAsync("dashboard › indicator charts");
        await VisitAsync("/exports", "exports");
        await VisitAsync("/reports", "own reports");
        Report();
    }

    [Fact]
    public async Task The_centres_analyst_and_administrator_pages_have_no_WCAG_violations()
    {
        await SeedHistoryAsync();
        await SignInAsync("tuyengiao@childcare.local");
        await VisitAsync("/dashboard", "national dashboard");
        await VisitAsync("/directives/import", "directive import");
        await VisitAsync("/org-units", "org tree");
        var directive = await DirectiveIdAsync();
        await VisitAsync($"/directives/{directive}", "directive");
        await VisitAsync($"/directives/{directive}/dissemination", "dissemination");
        await VisitAsync($"/directives/{directive}/edit", "directive editor");
        await VisitAsync("/exports", "exports");

        await Page.Context.ClearCookiesAsync();
        await SignInAsync("admin@childcare.local");
        await VisitAsync("/admin/users", "users");
        await Page.GetByTestId("create-user").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await ScanAsync("users › new user dialog");
        await Page.Keyboard.PressAsync("Escape");
        await VisitAsync("/admin/periods", "periods");
        await VisitAsync("/admin/reorganisations", "reorganisations");
        await VisitAsync("/account/two-factor", "two-factor", interactive: false);
        Report();
    }

    [Fact]
    public async Task A_unit_administrators_onboarding_pages_have_no_WCAG_violations()
    {
        await SignInAsync("quantri.nghean@childcare.local");
        await VisitAsync("/onboarding", "onboarding (province)");
        await VisitAsync("/admin/users", "users (unit administrator)");
        await VisitAsync("/admin/users/import", "list upload");
        var list = Path.Combine(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"childcare-e2e-{Guid.NewGuid():N}")).FullName, "ds.csv");
        await File.WriteAllTextAsync(list, "unitCode,fullName,email,role\nP40-16681,Văn phòng,vp.a11y@childcare.local,Reporter\nP01-00004,Ngoài,x@childcare.local,Reporter\n");
        await Page.Locator("input[type=file]").SetInputFilesAsync(list);
        await Expect(Page.GetByTestId("import-failed")).ToHaveTextAsync("1 dòng lỗi");
        await ScanAsync("list upload › preview");

        await Page.Context.ClearCookiesAsync();
        await SignInAsync("tuyengiao@childcare.local");
        await VisitAsync("/onboarding", "onboarding (centre)");
        await Page.Context.ClearCookiesAsync();
        await VisitAsync("/account/activate?email=a%40childcare.local&token=x", "activation", interactive: false);
        Report();
    }
}
