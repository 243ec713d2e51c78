using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChildCare.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Api;

/// <summary>
/// Issue 18, item 4: invitations, not passwords. A new account without a password gets an e-mail within seconds with a
/// one-time link (72 hours) to set its own; it cannot sign in before; a resend kills the old link; a wrong address, a
/// used, superseded or expired link all get the same answer; a list applied invites every new account.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class InvitationTests(MailingPortal portal) : IAsyncLifetime
{
    private const string NgheAnAdmin = "quantri.nghean@childcare.local";

    public Task InitializeAsync() => portal.Factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex(@"https://childcare\.example\.vn/account/activate\?email=[^\s&]+&token=([^\s]+)")]
    private static partial Regex ActivationLink();

    private HttpClient Anonymous() => portal.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<HttpClient> SignedInAsync(string email, string password = "ChildCare@2024")
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<Guid> UnitIdAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<List<JsonElement>>($"/api/org-units?search={code}&take=5000"))!
            .Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    /// <summary>The token of the <paramref name="nth"/> invitation to <paramref name="to"/>, waiting up to 20 s for it.</summary>
    private async Task<string> InvitationTokenAsync(string to, int nth = 0)
    {
        for (var i = 0; i < 200; i++)
        {
            var mine = (await portal.Mailbox.MessagesAsync()).Where(m => m.Recipients.Contains(to) && ActivationLink().IsMatch(m.Text)).ToList();
            if (mine.Count > nth)
            {
                var text = mine[nth].Text;
                text.ShouldContain("Mời kích hoạt tài khoản ChildCare");
                return Uri.UnescapeDataString(ActivationLink().Match(text).Groups[1].Value.Trim());
            }
            await Task.Delay(100);
        }
        throw new ShouldAssertException($"no invitation {nth + 1} to {to} within 20 s");
    }

    private async Task<HttpResponseMessage> ActivateAsync(string email, string token, string password = "Xa-Phuong@2026!")
    {
        using var client = Anonymous();
        return await client.PostAsJsonAsync("/api/account/activate", new { email, token, newPassword = password });
    }

    [Fact]
    public async Task A_new_account_is_mailed_a_link_at_once_that_sets_its_password_once_and_only_then_it_signs_in()
    {
        using var qa = await SignedInAsync(NgheAnAdmin);
        const string email = "vp.thanhvinh@childcare.local";
        var started = DateTime.UtcNow;
        (await qa.PostAsJsonAsync("/api/users", new { email, fullName = "Văn phòng Đảng ủy phường Thành Vinh", role = "Reporter", orgUnitId = await UnitIdAsync(qa, "P40-16681") }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await InvitationTokenAsync(email);
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(20), "sent at once, not at the reminder job's next run (600 min here)");

        using var anonymous = Anonymous();
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = "Xa-Phuong@2026!" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var wrongEmail = await ActivateAsync("nghean@childcare.local", token);
        wrongEmail.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the token is this account's, not another's");
        var weak = await ActivateAsync(email, token, "ngan");
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await weak.Content.ReadAsStringAsync()).ShouldContain("newPassword");
        (await ActivateAsync(email, token)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var reused = await ActivateAsync(email, token, "Khac-Han@2026!");
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the link is good once");
        (await reused.Content.ReadAsStringAsync()).ShouldContain("đã dùng");
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = "Xa-Phuong@2026!" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Activated: no more invitations (the owner uses "Quên mật khẩu").
        var id = (await qa.GetFromJsonAsync<List<JsonElement>>($"/api/users?search={email}"))!.Single().GetProperty("id").GetGuid();
        (await qa.PostAsync($"/api/users/{id}/invitation", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_resent_invitation_kills_the_old_link_and_an_expired_one_is_refused_with_the_same_words()
    {
        using var qa = await SignedInAsync(NgheAnAdmin);
        const string email = "vp.vinhphu@childcare.local";
        var created = await (await qa.PostAsJsonAsync("/api/users", new { email, fullName = "Văn phòng", role = "Reporter", orgUnitId = await UnitIdAsync(qa, "P40-16702") }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var first = await InvitationTokenAsync(email);
        (await qa.PostAsync($"/api/users/{created.GetProperty("id").GetGuid()}/invitation", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await InvitationTokenAsync(email, 1);
        second.ShouldNotBe(first);
        var old = await ActivateAsync(email, first);
        old.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var reason = (await old.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("token")[0].GetString();

        // 72 hours later the latest link is refused too, in the same words (the clock moved by editing the deadline).
        await using (var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.InvitationExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        var expired = await ActivateAsync(email, second);
        expired.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("token")[0].GetString().ShouldBe(reason);
        var listed = (await qa.GetFromJsonAsync<List<JsonElement>>($"/api/users?search={email}"))!.Single();
        listed.GetProperty("invitation").GetString().ShouldBe("Expired");

        var unknown = await ActivateAsync("khong.co@childcare.local", second);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("token")[0].GetString().ShouldBe(reason);
    }

    [Fact]
    public async Task Applying_a_list_invites_every_new_account_and_the_mails_text_is_not_kept()
    {
        using var qa = await SignedInAsync(NgheAnAdmin);
        var csv = "unitCode,fullName,email,role\nP40-16681,A,vp.list.a@childcare.local,Reporter\nP40-16702,B,vp.list.b@childcare.local,Reviewer\n";
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var preview = await (await qa.PostAsync("/api/users/imports", new MultipartFormDataContent { { file, "file", "ds.csv" } })).Content.ReadFromJsonAsync<JsonElement>();
        (await portal.Mailbox.MessagesAsync()).ShouldNotContain(m => m.Recipients.Contains("vp.list.a@childcare.local"), "nothing goes out at preview");
        (await qa.PostAsync($"/api/users/imports/{preview.GetProperty("id").GetGuid()}/apply", null)).EnsureSuccessStatusCode();
        var a = await InvitationTokenAsync("vp.list.a@childcare.local");
        await InvitationTokenAsync("vp.list.b@childcare.local");
        (await ActivateAsync("vp.list.a@childcare.local", a)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Sent account mail keeps no link in the outbox, nor in the audit.
        await using var db = await portal.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var bodies = await db.EmailMessages.Where(m => m.Key.StartsWith("invite:")).Select(m => new { m.SentAt, m.Body }).ToListAsync();
        bodies.Count.ShouldBe(2);
        bodies.ShouldAllBe(m => m.SentAt != null && !m.Body.Contains("token="));
        (await db.AuditEntries.Select(e => e.Changes).ToListAsync()).ShouldNotContain(c => c.Contains("token="));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [Fact]
    public async Task The_activation_page_signs_the_person_in_and_a_role_that_requires_two_factor_enrols_it_in_the_same_visit()
    {
        using var admin = await SignedInAsync("admin@childcare.local");
        const string email = "chuyenvien.moi@childcare.local";
        var unit = (await admin.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("orgUnitId").GetGuid();
        (await admin.PostAsJsonAsync("/api/users", new { email, fullName = "Chuyên viên mới", role = "Analyst", orgUnitId = unit })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await InvitationTokenAsync(email);

        using var browser = portal.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync($"/account/activate?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}");
        page.ShouldContain(email);
        var activated = await browser.PostAsync("/account/activate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "activate",
            ["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value,
            ["Form.Email"] = email,
            ["Form.Token"] = token,
            ["Form.NewPassword"] = "Chuyen-Vien@2026",
            ["Form.Confirm"] = "Chuyen-Vien@2026",
        }));
        activated.StatusCode.ShouldBe(HttpStatusCode.Redirect, await activated.Content.ReadAsStringAsync());
        var home = await browser.GetAsync(activated.Headers.Location!.ToString());
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldEndWith("/account/two-factor", Case.Insensitive, "an analyst must turn two-factor sign-in on before anything else");
        (await browser.GetStringAsync("/account/two-factor")).ShouldContain("Vai trò của bạn bắt buộc xác thực hai bước", Case.Sensitive, "the signed-in analyst is asked to enrol");
    }
}
