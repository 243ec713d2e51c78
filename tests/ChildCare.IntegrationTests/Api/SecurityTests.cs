using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChildCare.IntegrationTests.Api;

public sealed class SecurityTests(PortalFixture portal) : PortalTest(portal)
{
    public static TheoryData<string, string> ApiEndpoints => new()
    {
        { "GET", "/api/me" },
        { "GET", "/api/directives" },
        { "GET", $"/api/directives/{Guid.NewGuid()}" },
        { "GET", "/api/org-units" },
        { "GET", "/api/periods" },
        { "GET", "/api/users" },
        { "POST", "/api/users" },
        { "POST", $"/api/users/{Guid.NewGuid()}/unlock" },
    };

    [Theory]
    [MemberData(nameof(ApiEndpoints))]
    public async Task Anonymous_api_call_gets_401_problem_details_not_a_redirect(string method, string path)
    {
        using var client = Portal.Anonymous();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = JsonContent.Create(new { });
        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Reporter_calling_an_administrator_endpoint_gets_403_problem_details()
    {
        using var client = await Portal.SignedInAsync("haibatrung@childcare.local");
        var response = await client.GetAsync("/api/users");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(403);
    }

    [Fact]
    public async Task Health_answers_anonymously_when_the_database_is_up()
    {
        using var client = Portal.Anonymous();
        var response = await client.GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApi_document_needs_a_signed_in_caller_and_lists_the_api()
    {
        using var anonymous = Portal.Anonymous();
        (await anonymous.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var client = await Portal.SignedInAsync("tuyengiao@childcare.local");
        var document = await client.GetStringAsync("/openapi/v1.json");
        document.ShouldContain("/api/directives");
        document.ShouldContain("/api/org-units");
        document.ShouldContain("/api/auth/login");
    }

    [Theory]
    [InlineData("/api/auth/register")]
    [InlineData("/register")]
    [InlineData("/account/register")]
    public async Task There_is_no_self_registration(string path)
    {
        using var client = Portal.Anonymous();
        var response = await client.PostAsJsonAsync(path, new { email = "new@childcare.local", password = "ChildCare@2024" });
        ((int)response.StatusCode).ShouldBeGreaterThanOrEqualTo(400);
    }

    [Fact]
    public async Task A_page_asks_an_anonymous_visitor_to_sign_in()
    {
        using var client = Portal.Anonymous();
        var response = await client.GetAsync("/org-units");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task The_sign_in_page_and_the_not_found_page_speak_Vietnamese()
    {
        using var client = Portal.Anonymous();
        var login = await client.GetStringAsync("/account/login");
        login.ShouldContain("Đăng nhập");
        login.ShouldContain("Mật khẩu");
        login.ShouldContain("lang=\"vi\"");

        var missing = await client.GetAsync("/khong-co-trang-nay");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("Không tìm thấy trang");
    }
}
