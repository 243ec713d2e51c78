using System.Text.Json;
using Xunit.Abstractions;

namespace ChildCare.IntegrationTests.ApiClient;

/// <summary>
/// Every operation of /openapi/v1.json described the way a client generator needs: a summary, an operationId, its
/// security, a success response with a schema (or 204/202), and the problem-details responses it can give. The
/// document is written to artifacts/openapi/v1.json, where ./test.sh lints it with redocly (recommended rules).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OpenApiDocumentTests(PortalFixture portal, ITestOutputHelper output) : PortalTest(portal)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Every_operation_has_a_summary_security_a_typed_success_and_its_problem_responses()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var text = await admin.GetStringAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");

        var operations = 0;
        var problems = new List<string>();
        var operationIds = new HashSet<string>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var op = operation.Value;
                if (!op.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString())) problems.Add($"{name}: no summary");
                if (!op.TryGetProperty("operationId", out var id) || !operationIds.Add(id.GetString()!)) problems.Add($"{name}: no unique operationId");
                var responses = op.GetProperty("responses").EnumerateObject().ToList();
                var success = responses.Where(r => r.Name.StartsWith('2')).ToList();
                if (success.Count == 0) problems.Add($"{name}: no success response");
                foreach (var ok in success.Where(r => r.Name is not "204" and not "202"))
                    if (!ok.Value.TryGetProperty("content", out var content) || !content.EnumerateObject().All(c => c.Value.TryGetProperty("schema", out _)))
                        problems.Add($"{name}: {ok.Name} without a schema");
                var errors = responses.Where(r => r.Name.StartsWith('4')).ToList();
                if (errors.Count == 0) problems.Add($"{name}: no problem responses");
                foreach (var error in errors)
                    if (!error.Value.GetProperty("content").TryGetProperty("application/problem+json", out _))
                        problems.Add($"{name}: {error.Name} is not problem details");
                var anonymous = path.Name is "/api/auth/login" or "/api/auth/refresh" or "/api/account/forgot-password" or "/api/account/reset-password"
                    or "/api/account/activate";
                var security = op.TryGetProperty("security", out var s) ? s.GetArrayLength() : -1;
                if (anonymous ? security != 0 : security < 1) problems.Add($"{name}: security {security}");
                if (!anonymous && !errors.Any(e => e.Name == "401")) problems.Add($"{name}: no 401");
                if (path.Name.Contains('{') && !errors.Any(e => e.Name == "404")) problems.Add($"{name}: no 404");
            }

        output.WriteLine($"{operations} operations, {operationIds.Count} operationIds, {problems.Count} problems");
        problems.ShouldBeEmpty();
        operations.ShouldBeGreaterThan(70);

        var artifacts = Path.Combine(Tests.Shared.PortalProcess.SolutionRoot(), "artifacts", "openapi");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, "v1.json"), text);
    }
}
