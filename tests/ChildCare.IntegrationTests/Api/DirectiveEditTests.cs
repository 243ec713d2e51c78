using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Api;

public sealed class DirectiveEditTests(PortalFixture portal) : PortalTest(portal)
{
    [Fact]
    public async Task An_administrator_edits_text_task_areas_indicators_and_targets_and_every_edit_is_audited()
    {
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var d = await admin.GetFromJsonAsync<JsonElement>($"/api/directives/{(await admin.GetFromJsonAsync<List<JsonElement>>("/api/directives"))![0].GetProperty("id").GetString()}");
        var id = d.GetProperty("id").GetString();
        var version = d.GetProperty("version").GetUInt32();

        (await admin.PutAsJsonAsync($"/api/directives/{id}", new
        {
            version,
            title = d.GetProperty("title").GetString() + " (đã sửa)",
            place = "Hà Nội",
            preamble = "Mở đầu",
            signerTitle = "T/M BỘ CHÍNH TRỊ",
            signer = "Trương Thị Mai",
            cadence = "HalfYearly",
            dataWindow = "Decree09",
        })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PutAsJsonAsync($"/api/directives/{id}", new
        {
            version,
            title = "Bản cũ",
            place = "",
            preamble = "",
            signerTitle = "",
            signer = "",
            cadence = "Quarterly",
            dataWindow = "Calendar",
        })).StatusCode.ShouldBe(HttpStatusCode.Conflict); // a stale version
        (await admin.PutAsJsonAsync($"/api/directives/{id}/task-areas", new { number = 6, title = "Nhiệm vụ bổ sung", text = "Nội dung bổ sung." }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var stunting = d.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "CT28-13").GetProperty("id").GetString();
        (await admin.PostAsJsonAsync($"/api/indicators/{stunting}/targets", new { year = 2030, value = 14.5, source = "Kế hoạch thử nghiệm" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PostAsJsonAsync($"/api/indicators/{stunting}/targets", new { year = 2030, value = 14, source = "Kế hoạch thử nghiệm" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest); // one target per year and source
        (await admin.PostAsJsonAsync($"/api/directives/{id}/indicators", new
        {
            code = "CT28-26",
            name = "Tỷ lệ trường học có phòng tư vấn tâm lý",
            unit = "Percent",
            aggregation = "Rate",
            direction = "Higher",
            nature = "Stock",
            taskAreaNumber = 4,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/directives/{id}");
        after.GetProperty("title").GetString()!.ShouldEndWith("(đã sửa)");
        after.GetProperty("cadence").GetString().ShouldBe("HalfYearly");
        after.GetProperty("taskAreas").GetArrayLength().ShouldBe(6);
        after.GetProperty("indicators").GetArrayLength().ShouldBe(26);
        after.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "CT28-13").GetProperty("targets").GetArrayLength().ShouldBe(5);

        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var audited = await db.AuditEntries.Where(a => a.UserName == "admin@childcare.local").Select(a => a.EntityType).Distinct().ToListAsync();
        audited.ShouldContain("Directive");
        audited.ShouldContain("TaskArea");
        audited.ShouldContain("IndicatorTarget");
        audited.ShouldContain("Indicator");

        using var reporter = await Portal.SignedInAsync("haibatrung@childcare.local");
        (await reporter.PutAsJsonAsync($"/api/directives/{id}/task-areas", new { number = 7, title = "x", text = "y" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
