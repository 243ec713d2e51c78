using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChildCare.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChildCare.IntegrationTests.Api;

/// <summary>
/// The malformed-body corpus (second security review, finding 4) against every API route that changes something, as a
/// Reporter and as an administrator, one test per endpoint family: no answer is ever a 5xx; a Reporter posting to a
/// route its role cannot use gets 403 whatever the body (the role is decided before the body is read); a broken JSON
/// body to a route that reads JSON is a 400. Route ids are ids that do not exist, so nothing the corpus reaches changes
/// the demo data under the next request.
/// </summary>
public sealed class MalformedInputTests(PortalFixture portal, ITestOutputHelper output) : PortalTest(portal)
{
    private sealed record Body(string Name, string? ContentType, byte[] Bytes, bool BrokenJson);

    private static Body Json(string name, string text, bool broken = false) => new(name, "application/json", Encoding.UTF8.GetBytes(text), broken);

    private static readonly Body[] Corpus =
    [
        Json("invalid JSON", """{"a":""", broken: true),
        Json("truncated string", """{"name": "abc""", broken: true),
        Json("bare array", "[1, 2, 3]", broken: true),
        Json("bare string", "\"x\"", broken: true),
        Json("null", "null"),
        Json("empty object", "{}"),
        new("empty body", "application/json", [], BrokenJson: false), // an optional body may be empty
        new("no content type", null, Encoding.UTF8.GetBytes("""{"a": 1}"""), BrokenJson: false),
        new("XML", "application/xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"), false),
        new("plain text", "text/plain", Encoding.UTF8.GetBytes("xin chào"), false),
        new("broken multipart", "multipart/form-data; boundary=zz", Encoding.UTF8.GetBytes("--zz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"), false),
        Json("wrong types", """{"name": 5, "rows": "x", "version": "abc", "reportIds": {"a": 1}, "effectiveOn": true, "role": [], "orgUnitId": 7, "taskAreas": 3, "indicatorValues": "x", "muted": 1, "enable": "yes", "newPassword": 1, "comment": {}, "directiveId": "not-a-guid"}"""),
        Json("numbers out of range", """{"share": 1e30, "version": 99999999999999999999, "percentComplete": -1e308, "year": 1e400, "take": 1e10}"""),
        Json("dates that do not exist", """{"effectiveOn": "1900-02-30", "dueOn": "2026-13-45", "receivedOn": "không phải ngày", "issuedOn": "0000-00-00"}"""),
        Json("deep nesting", string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200), broken: true),
        Json("rows that are not rows", """{"name": "x", "effectiveOn": "2031-01-01", "rows": [1, "a", null, {"mapping": "không có"}, {"newCode": null}]}"""),
        Json("control characters", "{\"name\": \"a\\u0000b\\u202e\\r\\nBcc: x@y\", \"comment\": \"\\u0085\\ufeff\", \"fullName\": \"\\u0007\"}"),
        Json("long strings", $$"""{"name": "{{new string('a', 100_000)}}", "comment": "{{new string('b', 100_000)}}"}"""),
    ];

    /// <summary>Each family (the segment after /api/) and the routes in it; a route's family is where the corpus finds it.</summary>
    private static readonly string[] FamilyNames =
    [
        "account", "auth", "reports", "periods", "notifications", "users", "org-units", "reorganisations",
        "directives", "indicators", "assignments", "copy-recipients", "exports",
    ];

    public static TheoryData<string> Families => new(FamilyNames);

    /// <summary>Ending every session of the caller would sign the rest of the corpus out; they take no body.</summary>
    private static readonly HashSet<string> Skipped = ["POST /api/account/sessions/revoke", "POST /api/auth/logout"];

    private static readonly string Missing = "00000000-0000-7000-8000-00000000dead";

    private sealed record Route(string Method, string Pattern, string Path, bool ReadsJson, string? Policy);

    private List<Route> WriteRoutes() =>
        [.. Portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (e, m)))
            .Where(x => x.m is "POST" or "PUT" or "DELETE" or "PATCH")
            .Select(x =>
            {
                var pattern = "/" + x.e.RoutePattern.RawText!.Trim('/');
                var path = string.Join('/', pattern.Split('/').Select(s => s.StartsWith('{') ? Missing : s));
                var policy = x.e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
                // A typed body parameter declares what it accepts; the two routes that read the body themselves take JSON too.
                var readsJson = x.e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("application/json") == true
                    || pattern is "/api/reorganisations";
                return new Route(x.m, pattern, path, readsJson, policy);
            })
            .Where(r => !Skipped.Contains($"{r.Method} {r.Pattern}"))];

    private static bool Allows(Route route, string role) => route.Policy is not { } p || Policies.RolesOf[p].Contains(role);

    private static bool IsJson(Body body) => body.ContentType == "application/json";

    private static string FamilyOf(string pattern) => pattern.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];

    [Fact]
    public void Every_route_that_changes_something_is_in_a_family()
    {
        var families = FamilyNames.ToHashSet();
        WriteRoutes().Select(r => FamilyOf(r.Pattern)).Where(f => !families.Contains(f)).Distinct().ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task The_malformed_body_corpus_never_gets_a_server_error_and_a_reporter_is_refused_before_the_body_is_read(string family)
    {
        var routes = WriteRoutes().Where(r => FamilyOf(r.Pattern) == family).ToList();
        routes.ShouldNotBeEmpty();
        using var reporter = await Portal.SignedInAsync("phuonghaibatrung@childcare.local");
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        using var anonymous = Portal.Anonymous();
        var faults = new List<string>();
        var cases = 0;
        foreach (var route in routes)
            foreach (var body in Corpus)
                foreach (var (caller, client) in new[] { ("Reporter", reporter), ("Administrator", admin) })
                {
                    var http = route.Pattern.StartsWith("/api/auth/", StringComparison.Ordinal) ? anonymous : client;
                    using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path) { Content = new ByteArrayContent(body.Bytes) };
                    if (body.ContentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
                    using var response = await http.SendAsync(request);
                    var status = (int)response.StatusCode;
                    cases++;
                    var label = $"{caller} {route.Method} {route.Pattern} ← {body.Name}: {status}";
                    if (status >= 500) faults.Add(label + " (server error)");
                    // 415: routing refuses a content type the endpoint does not take from the header alone, before any role or body.
                    else if (caller == "Reporter" && !Allows(route, "Reporter") && !(status == 403 || status == 415 && !IsJson(body)))
                        faults.Add(label + " (want 403: the role is decided before the body)");
                    else if (caller == "Administrator" && Allows(route, "Administrator") && route.ReadsJson && body.BrokenJson && status != 400)
                        faults.Add(label + " (want 400 for a broken JSON body)");
                }
        output.WriteLine($"{family}: {routes.Count} routes × {Corpus.Length} bodies × 2 callers = {cases} requests, {faults.Count} wrong");
        foreach (var f in faults) output.WriteLine(f);
        faults.ShouldBeEmpty();
    }
}
