using ChildCare.Tests.Shared;
using Microsoft.Playwright;

namespace ChildCare.EndToEndTests;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>The portal on a real loopback port and one headless Chromium, shared by the browser tests (run one at a time).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public PortalFactory Portal { get; private set; } = null!;

    /// <summary>Where the portal's e-mail goes (smtp4dev under ./test.sh, else an in-process SMTP server): links people follow.</summary>
    public Mailbox Mailbox { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>A test certification authority the portal trusts (Signing__TrustAnchors__0): leaders' certificates come from it.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 SigningRoot { get; } = ChildCare.Tests.Shared.TestCertificates.Root();

    /// <summary>
    /// The sign-in cookie each account got from its first sign-in through the form in this run, by e-mail and password
    /// (see <see cref="BrowserTest.SignInAsync"/>). A reset puts the account's security stamp back as seeded, so the
    /// cookie stays good until a test changes the stamp; then the form is used again.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<(string Email, string Password), Cookie[]> SignInCookies { get; } = new();

    private IPlaywright _playwright = null!;

    public static string ScreenshotFolder { get; } = FindScreenshotFolder();

    public static string ReadmeScreenshotFolder { get; } =
        Directory.CreateDirectory(Path.Combine(ChildCare.Tests.Shared.PortalProcess.SolutionRoot(), "docs", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        Mailbox = await Mailbox.OpenAsync();
        var anchor = Path.Combine(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"childcare-ca-{Guid.NewGuid():N}")).FullName, "ca.pem");
        await File.WriteAllTextAsync(anchor, SigningRoot.ExportCertificatePem());
        Portal = new PortalFactory
        {
            RealServer = true,
            Settings = new()
            {
                ["Email:Smtp:Host"] = Mailbox.Host,
                ["Email:Smtp:Port"] = Mailbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:IntervalMinutes"] = "600", // reminders only when a journey asks
                ["Email:RunAtStart"] = "false", // only the mail a test causes
                ["Signing:TrustAnchors:0"] = anchor,
            },
        };
        await Portal.InitializeAsync("childcare_e2e");
        _playwright = await Playwright.CreateAsync();
        // Chromium comes from the machine (test.sh installs Debian's); CHILDCARE_CHROMIUM names another. Its headless shell
        // (the old headless mode, Debian's chromium-headless-shell, what Playwright itself runs headless) when there:
        // the same Blink and V8 without the full browser's compositor — the same journeys in 26 % less CPU (ADR 0018).
        var chromium = Environment.GetEnvironmentVariable("CHILDCARE_CHROMIUM")
            ?? (File.Exists("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell" : "/usr/bin/chromium");
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await Portal.DisposeAsync();
        await Mailbox.DisposeAsync();
    }

    private static string FindScreenshotFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChildCare.sln")))
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "artifacts", "screenshots")).FullName;
        return Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    }
}

/// <summary>Each test gets a fresh database state and a fresh browser context (no cookies).</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    protected BrowserFixture Fixture { get; } = fixture;

    protected IPage Page { get; private set; } = null!;

    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        await Fixture.Portal.ResetAsync();
        _context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ReducedMotion = ReducedMotion.Reduce, // app.css then stills transitions: a click never lands on a moving element
            BaseURL = Fixture.Portal.ServerAddress.ToString(),
            Locale = "vi-VN",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        _context.SetDefaultTimeout(15_000);
        // Assertions wait as long as actions: the browser tests share two cores with the integration tests (./test.sh runs
        // them side by side), and a server answer that takes 6 s under that load is slow, not wrong.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        Page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    private const string AuthCookie = "ChildCare.Auth"; // Program.cs; chunked as ChildCare.AuthC1, C2… when large

    /// <summary>
    /// Signs in as a journey's step: through the form the first time an account signs in during the run, and afterwards
    /// with the cookie that sign-in got, as a browser that kept it would (≈ 0.2 s instead of ≈ 1.1 s for the form, its
    /// password hash and redirect, 62 times a run) — unless the portal no longer accepts it (the test changed the
    /// account's password, stamp or two-factor), when the form is used. Steps about the form itself use
    /// <see cref="SignInThroughFormAsync"/>.
    /// </summary>
    protected async Task SignInAsync(string email, string password = "ChildCare@2024")
    {
        if (Fixture.SignInCookies.TryGetValue((email, password), out var kept))
        {
            await _context.AddCookiesAsync(kept);
            await Page.GotoAsync("/");
            if ((await _context.CookiesAsync()).Any(c => c.Name.StartsWith(AuthCookie, StringComparison.Ordinal))) return;
            Fixture.SignInCookies.TryRemove((email, password), out _);
        }
        await SignInThroughFormAsync(email, password);
    }

    /// <summary>The sign-in page as a person uses it: e-mail, password, "Đăng nhập".</summary>
    protected async Task SignInThroughFormAsync(string email, string password = "ChildCare@2024")
    {
        var before = (await _context.CookiesAsync()).FirstOrDefault(c => c.Name == AuthCookie)?.Value;
        await Page.GotoAsync("/account/login");
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Mật khẩu").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var auth = (await _context.CookiesAsync()).Where(c => c.Name.StartsWith(AuthCookie, StringComparison.Ordinal)).ToArray();
        if (auth.Length > 0 && auth.All(c => c.Value != before) && !Page.Url.Contains("/account/", StringComparison.Ordinal))
            Fixture.SignInCookies[(email, password)] = auth.Select(c => new Cookie
            {
                Name = c.Name,
                Value = c.Value,
                Domain = c.Domain,
                Path = c.Path,
                HttpOnly = c.HttpOnly,
                Secure = c.Secure,
                SameSite = c.SameSite,
            }).ToArray();
    }

    /// <summary>
    /// Waits until the page at the address bar's address is ready for clicks: drawn, and — for a page that edits — its
    /// Blazor circuit live. The layout says which page it drew (data-page-url) and how (data-page-mode), so the page
    /// left behind by a click cannot answer for the next one (enhanced navigation changes the address first).
    /// </summary>
    protected Task WaitForInteractiveAsync() => WaitForReadyAsync(Page);

    /// <summary>A static page's GET picker (a select and its "Xem" button): the option whose text holds <paramref name="text"/>, shown.</summary>
    protected async Task ShowAsync(string pickerTestId, string formTestId, string text)
    {
        var option = Page.GetByTestId(pickerTestId).Locator("option", new() { HasTextString = text });
        await Page.GetByTestId(pickerTestId).SelectOptionAsync(new SelectOptionValue { Value = await option.GetAttributeAsync("value") });
        await Page.GetByTestId(formTestId).GetByRole(AriaRole.Button).ClickAsync();
        await WaitForInteractiveAsync();
    }

    public static Task WaitForReadyAsync(IPage page) => page.WaitForFunctionAsync("""
        () => {
          const main = document.getElementById('main-content');
          if (!main || !main.dataset.pageUrl) return !!document.querySelector('form[method=post], h1'); // account and error pages
          const drawn = new URL(main.dataset.pageUrl);
          if (drawn.pathname + drawn.search !== location.pathname + location.search) return false;
          return main.dataset.pageMode === 'static' || !!document.querySelector('[data-interactive=true]');
        }
        """, null, new PageWaitForFunctionOptions { PollingInterval = 50 }); // not every animation frame: Chromium is the suite's busiest process

    /// <summary>Whole pages in the artifact screenshots (CHILDCARE_SCREENSHOTS=full); by default what the window shows.</summary>
    private static readonly bool FullPageShots = Environment.GetEnvironmentVariable("CHILDCARE_SCREENSHOTS") == "full";

    /// <summary>
    /// The page into artifacts/screenshots, as JPEG: Chromium encodes it in a fraction of a PNG's time. The window, unless
    /// CHILDCARE_SCREENSHOTS=full asks for the whole page (a full-page shot lays the page out again at its full height).
    /// </summary>
    protected Task ScreenshotAsync(string name) => Page.ScreenshotAsync(new PageScreenshotOptions
    {
        Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".jpg"),
        FullPage = FullPageShots,
        Type = ScreenshotType.Jpeg,
        Quality = 80,
    });

    /// <summary>
    /// The full page into artifacts/screenshots, and what a person sees (the window, or one part of the page) into
    /// docs/screenshots/{readme}.png, which README shows: every run of the journeys takes them again, so they stay current.
    /// </summary>
    protected async Task ScreenshotAsync(string name, string readme, ILocator? part = null)
    {
        await ScreenshotAsync(name);
        var path = Path.Combine(BrowserFixture.ReadmeScreenshotFolder, readme + ".png");
        await Page.Mouse.MoveAsync(0, 0); // no hover highlight in the picture
        if (part is null)
        {
            await Page.EvaluateAsync("() => window.scrollTo(0, 0)"); // the page as it opens
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        }
        else await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
    }
}
