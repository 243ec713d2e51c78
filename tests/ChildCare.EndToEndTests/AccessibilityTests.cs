using ChildCare.Core.Seed;
using Deque.AxeCore.Commons;
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
    private readonly List<string> _found = [];
    private int _scanned;

    private Task SeedHistoryAsync() => Fixture.Portal.SeedHistoryAsync();

    private async Task<Guid> DirectiveIdAsync()
    {
        await using var scope = Fixture.Portal.Services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ChildCare.Core.Data.AppDbContext>>().CreateDbContextAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Directives.Where(d => d.Code == "28-CT/TW").Select(d => d.Id));
    }

    /// <summary>axe-core as the Deque package bundles it, injected once per page.</summary>
    private static readonly string AxeSource = new BundledAxeScriptProvider().GetScript();

    /// <summary>
    /// One axe-core run in the page itself (our pages have no frames). The package's <c>RunAxe</c> runs axe per frame and
    /// then finishes in a second, blank page it opens for every scan — two to five seconds a scan on these pages; this is
    /// the same engine and rules on the one document.
    /// </summary>
    private const string RunWcag21 = """
        async () => {
          const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
          return r.violations.flatMap(v => v.nodes.map(n => v.id + ' (' + v.impact + ') ' + n.target.join(' ') + ' — '
            + ((n.any.concat(n.all, n.none)[0] || {}).message || '')));
        }
        """;

    private async Task ScanAsync(string what)
    {
        // Let transitions (popovers, ripples) settle so colours are measured as a person sees them: with reduced motion
        // (the tests' browser asks for it, app.css honours it) they end at once; a frame or two is enough.
        await Page.WaitForTimeoutAsync(50);
        await Expect(Page.GetByTestId("loading")).ToHaveCountAsync(0); // the page as read, not while it reads
        Page.Frames.Count.ShouldBe(1, $"{what}: a page with frames needs axe in each frame");
        if (!await Page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await Page.EvaluateAsync(AxeSource);
        var violations = await Page.EvaluateAsync<string[]>(RunWcag21);
        _scanned++;
        _found.AddRange(violations.Select(v => $"{what}: {v}"));
    }

    private async Task VisitAsync(string path, string what, bool interactive = true)
    {
        // From one portal page to the next as a link does (Blazor's enhanced navigation): the document — its 600 KB of
        // styles, its scripts and axe — stays loaded, and only the page's markup comes over. A first page, or one outside
        // the portal's layout (account and error pages), is a full load.
        if (interactive && await Page.EvaluateAsync<bool>("() => !!window.Blazor && !!document.getElementById('main-content')"))
            await Page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
        else await Page.GotoAsync(path);
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
            await Expect(Page.GetByRole(AriaRole.Tab).Nth(i)).ToHaveAttributeAsync("aria-selected", "true"); // each view is its own address
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
    public async Task The_scan_finds_what_it_is_there_to_find()
    {
        // The scanner itself, on a page with two known faults: an image without a text alternative, a button without a name.
        await Page.SetContentAsync("<html lang=\"vi\"><head><title>x</title></head><body><main><h1>x</h1><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"><button></button></main></body></html>");
        await ScanAsync("known faults");
        _found.ShouldContain(f => f.StartsWith("known faults: image-alt", StringComparison.Ordinal));
        _found.ShouldContain(f => f.StartsWith("known faults: button-name", StringComparison.Ordinal));
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
        var report = Page.Locator("#main-content a[href^='reports/']").First;
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
        await Page.Locator("#main-content a[href^='reports/']").First.ClickAsync();
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
