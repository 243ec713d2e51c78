using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChildCare.IntegrationTests.Api;

/// <summary>Vietnamese by default, English on request and remembered; problem details in the request's language.</summary>
public sealed class LanguageTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task The_sign_in_page_is_Vietnamese_by_default_English_with_the_query_and_the_choice_is_remembered_in_the_culture_cookie()
    {
        using var client = Portal.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US"); // the browser's language does not decide
        var vietnamese = await client.GetStringAsync("/account/login");
        vietnamese.ShouldContain("Mật khẩu");
        vietnamese.ShouldContain("<html lang=\"vi\"");
        vietnamese.ShouldNotContain(">Password<");

        var response = await client.GetAsync("/account/login?culture=en-US");
        var english = await response.Content.ReadAsStringAsync();
        english.ShouldContain(">Password<");
        english.ShouldContain("<html lang=\"en\"");
        english.ShouldNotContain("Mật khẩu");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        cookie.ShouldContain("c%3Den-US");

        // The cookie alone keeps English; the switch back to Vietnamese is offered on the page.
        using var remembered = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        remembered.Headers.Add("Cookie", cookie.Split(';')[0]);
        var again = await (await client.SendAsync(remembered)).Content.ReadAsStringAsync();
        again.ShouldContain(">Password<");
        again.ShouldContain("Tiếng Việt");
    }

    [Fact]
    public async Task A_missing_or_malformed_query_parameter_is_a_400_that_names_it_in_Vietnamese_or_in_English_on_request()
    {
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var missing = await analyst.GetAsync("/api/exports/summary?format=csv");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().ShouldBe("Yêu cầu không hợp lệ.");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("Thiếu tham số bắt buộc “");
        problem.GetProperty("detail").GetString()!.ShouldContain("chuỗi truy vấn");

        var malformed = await analyst.GetAsync("/api/dashboard/compliance?directiveId=abc&periodId=abc&orgUnitId=abc");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .ShouldBe("Giá trị “abc” của tham số “directiveId” không hợp lệ (cần một mã định danh dạng GUID).");

        var english = await analyst.GetAsync("/api/exports/summary?format=csv&culture=en-US");
        english.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var englishProblem = await english.Content.ReadFromJsonAsync<JsonElement>();
        englishProblem.GetProperty("title").GetString().ShouldBe("The request is not valid.");
        englishProblem.GetProperty("detail").GetString()!.ShouldStartWith("The required parameter \"");
    }

    [Fact]
    public async Task An_unknown_API_route_and_a_wrong_method_answer_problem_details_with_Vietnamese_titles()
    {
        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var unknown = await analyst.GetAsync("/api/khong-co");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().ShouldBe("Không tìm thấy.");
        problem.GetProperty("detail").GetString()!.ShouldContain("Không có địa chỉ");

        var wrongMethod = await analyst.DeleteAsync("/api/directives");
        wrongMethod.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await wrongMethod.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()
            .ShouldBe("Phương thức này không được hỗ trợ tại địa chỉ này.");
    }
}
