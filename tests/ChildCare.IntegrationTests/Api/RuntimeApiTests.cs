using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChildCare.IntegrationTests.Api;

/// <summary>Issue 20, item 2 (used by the load bench, issue 22): the runtime figures for operators, administrators only.</summary>
public sealed class RuntimeApiTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task An_administrator_reads_circuits_and_memory_after_a_full_collection_and_nobody_else_does()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var figures = await admin.GetFromJsonAsync<JsonElement>("/api/admin/runtime?gc=true");
        figures.GetProperty("circuits").GetInt32().ShouldBe(0, "no browser holds a page of this portal");
        figures.GetProperty("managedBytes").GetInt64().ShouldBeGreaterThan(1_000_000);
        figures.GetProperty("workingSetBytes").GetInt64().ShouldBeGreaterThan(figures.GetProperty("managedBytes").GetInt64());

        using var analyst = await Portal.SignedInAsync("tuyengiao@childcare.local");
        (await analyst.GetAsync("/api/admin/runtime")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
