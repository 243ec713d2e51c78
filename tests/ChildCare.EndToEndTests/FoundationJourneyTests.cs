using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChildCare.EndToEndTests;

public sealed class FoundationJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_district_reporter_signs_in_opens_directive_28_and_sees_its_five_task_areas()
    {
        // 1. Sign in as the Hai Bà Trưng district office.
        await SignInAsync("haibatrung@childcare.local");

        // 2. The home page lists the directives being tracked.
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Văn bản đang theo dõi" })).ToBeVisibleAsync();
        var card = Page.GetByTestId("directive-card").Filter(new() { HasText = "28-CT/TW" });
        await Expect(card).ToContainTextAsync("5 nhóm nhiệm vụ · 25 chỉ tiêu");
        await Expect(Page.GetByTestId("current-user")).ToContainTextAsync("haibatrung@childcare.local");
        await ScreenshotAsync("01-home-haibatrung", "home-reporter");

        // 3. Open the directive: its five task areas with their full text.
        await card.GetByRole(AriaRole.Link, new() { Name = "Xem chi tiết" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("chăm sóc, giáo dục và bảo vệ trẻ em");
        await Expect(Page.GetByTestId("task-area")).ToHaveCountAsync(5);
        await Expect(Page.GetByTestId("task-area").Nth(0)).ToContainTextAsync("1. Lãnh đạo, chỉ đạo");
        await Expect(Page.GetByTestId("task-area").Nth(4)).ToContainTextAsync("Công ước Liên hợp quốc");
        await ScreenshotAsync("02-directive-task-areas");

        // 4. Who answers for what, and the indicators with their targets.
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Tab, new() { NameRegex = new("^Phân công") }).ClickAsync();
        await Expect(Page.GetByText("Ban Tuyên giáo và Dân vận Trung ương").First).ToBeVisibleAsync(); // the lead role passed to it on 3/2/2025
        await Expect(Page.GetByText("Chủ trì").First).ToBeVisibleAsync();
        await ScreenshotAsync("03-directive-assignments");
        await Page.GetByRole(AriaRole.Tab, new() { NameRegex = new("^Chỉ tiêu") }).ClickAsync();
        await Expect(Page.GetByTestId("indicator-row")).ToHaveCountAsync(25);
        await Expect(Page.GetByTestId("indicator-row").Filter(new() { HasText = "CT28-13" })).ToContainTextAsync("Quyết định 1896/QĐ-TTg");
        await ScreenshotAsync("04-directive-indicators");
    }

    [Fact]
    public async Task A_wrong_password_shows_a_Vietnamese_error_and_keeps_the_email()
    {
        await SignInThroughFormAsync("haibatrung@childcare.local", "sai-mat-khau");

        await Expect(Page.GetByTestId("login-error")).ToContainTextAsync("E-mail hoặc mật khẩu không đúng.");
        await Expect(Page.GetByLabel("E-mail")).ToHaveValueAsync("haibatrung@childcare.local");
        await ScreenshotAsync("05-login-wrong-password", "sign-in");
    }

    [Fact]
    public async Task An_empty_sign_in_form_says_what_is_missing_in_Vietnamese()
    {
        await Page.GotoAsync("/account/login");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(Page.GetByText("Vui lòng nhập e-mail.")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Vui lòng nhập mật khẩu.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_deep_link_asks_for_sign_in_then_returns_to_the_page()
    {
        await Page.GotoAsync("/org-units");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));

        await Page.GetByLabel("E-mail").FillAsync("hanoi@childcare.local");
        await Page.GetByLabel("Mật khẩu").FillAsync("ChildCare@2024");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Cây tổ chức" })).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/org-units$"));
    }

    [Fact]
    public async Task Org_tree_search_without_diacritics_finds_Hai_Ba_Trung_and_a_reporter_sees_only_their_subtree()
    {
        await SignInAsync("tuyengiao@childcare.local");
        await Page.GotoAsync("/org-units");
        await WaitForInteractiveAsync();
        await Page.GetByLabel("Tìm đơn vị").FillAsync("hai ba trung");
        await Page.GetByLabel("Tìm đơn vị").PressAsync("Enter");
        // Today: the ward committee directly under the city; on 30/06/2024: the district committee.
        var ward = Page.GetByTestId("org-hit").Filter(new() { HasText = "Đảng ủy phường Hai Bà Trưng" });
        await Expect(ward).ToBeVisibleAsync();
        await Expect(ward).ToContainTextAsync("Thành ủy Hà Nội");
        await Page.GetByTestId("org-date-2024").ClickAsync();
        var hit = Page.GetByTestId("org-hit").Filter(new() { HasText = "Quận ủy Hai Bà Trưng" });
        await Expect(hit).ToBeVisibleAsync();
        await Expect(hit).ToContainTextAsync("Thành ủy Hà Nội");
        await ScreenshotAsync("06-org-search-hai-ba-trung");

        // The closed district's office reads its 2024 tree.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync("haibatrung@childcare.local");
        await Page.GotoAsync("/org-units");
        await WaitForInteractiveAsync();
        var tree = Page.GetByTestId("org-tree");
        await Expect(tree).ToContainTextAsync("Quận ủy Hai Bà Trưng");
        await Expect(tree).ToContainTextAsync("đến 30/06/2025");
        await Page.GetByTestId("org-date-2024").ClickAsync();
        await Expect(tree).ToContainTextAsync("Đảng ủy phường Bạch Đằng");
        await Expect(tree).ToContainTextAsync("Đảng ủy phường Quỳnh Lôi");
        await Expect(tree).Not.ToContainTextAsync("Ba Đình");
        await ScreenshotAsync("07-org-tree-haibatrung-2024");
    }

    [Fact]
    public async Task An_administrator_invites_a_reporter_who_sets_a_password_and_is_signed_in()
    {
        await SignInAsync("admin@childcare.local");
        await Page.GotoAsync("/admin/users");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByText("badinh@childcare.local", new() { Exact = true })).ToBeVisibleAsync();

        await Page.GetByTestId("create-user").ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("E-mail (tên đăng nhập)").FillAsync("hoankiem@childcare.local");
        await dialog.GetByLabel("Họ và tên").FillAsync("Cán bộ Đảng ủy phường Hoàn Kiếm");
        await dialog.GetByLabel("Đơn vị").FillAsync("hoan kiem");
        await Page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Đảng ủy phường Hoàn Kiếm" }).ClickAsync();
        await Expect(dialog.GetByTestId("user-invite-note")).ToContainTextAsync("tự đặt mật khẩu");
        await ScreenshotAsync("08-admin-create-user-invite");
        await dialog.GetByTestId("user-save").ClickAsync();
        await Expect(Page.GetByText("Đã tạo tài khoản hoankiem@childcare.local và gửi thư mời kích hoạt.")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "hoankiem@childcare.local" }).GetByTestId("invitation-pending")).ToBeVisibleAsync();
        await ScreenshotAsync("09-admin-users");

        // The e-mailed link: a weak password is refused in words, a good one activates and signs in.
        string? link = null;
        for (var i = 0; i < 200 && link is null; i++)
        {
            link = (await Fixture.Mailbox.MessagesAsync()).Where(m => m.Recipients.Contains("hoankiem@childcare.local"))
                .Select(m => System.Text.RegularExpressions.Regex.Match(m.Text, @"(/account/activate\?email=[^\s&]+&token=[^\s]+)"))
                .Where(m => m.Success).Select(m => m.Groups[1].Value.Trim()).FirstOrDefault();
            if (link is null) await Task.Delay(100);
        }
        link.ShouldNotBeNull("the invitation arrives within 20 s");
        await Page.Context.ClearCookiesAsync();
        await Page.GotoAsync(link);
        await Page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("yeu");
        await Page.GetByLabel("Nhập lại mật khẩu").FillAsync("yeu");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Kích hoạt và đăng nhập" }).ClickAsync();
        await Expect(Page.GetByTestId("activate-error")).ToContainTextAsync("Mật khẩu phải có ít nhất 8 ký tự.");
        await Page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("HoanKiem@2024");
        await Page.GetByLabel("Nhập lại mật khẩu").FillAsync("HoanKiem@2024");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Kích hoạt và đăng nhập" }).ClickAsync();
        await Expect(Page.GetByTestId("current-user")).ToContainTextAsync("hoankiem@childcare.local");
    }

    [Fact]
    public async Task Signing_out_returns_to_the_sign_in_page()
    {
        await SignInAsync("badinh@childcare.local");
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
