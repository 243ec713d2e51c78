using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.Core.Data;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Common;
using ChildCare.Core.Features.Reports;
using ChildCare.Core.Security;
using ChildCare.IntegrationTests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace ChildCare.IntegrationTests.Features;

/// <summary>
/// Issue 20, item 3: the hot paths of quarter's end hold to a budget of round trips to the database, counted by an EF
/// command interceptor (<see cref="CommandCounter"/>), with the user's scope already read as a page's circuit has it.
/// </summary>
public sealed class HotPathTripsTests(PortalFixture portal) : PortalTest(portal)
{
    private const string Ward = "phuonghaibatrung@childcare.local";

    [Fact]
    public async Task Autosave_writes_the_draft_buffer_in_one_statement_and_refuses_another_units_report_without_writing()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var (commands, stored) = await Portal.AsUserAsync<(int, DraftBuffer?), ReportDraftService>(Ward, async drafts =>
        {
            await drafts.GetDraftAsync(s.ReportId); // the circuit has read its scope when the page opened
            var (_, n) = await CommandCounter.CountAsync(async () =>
            {
                await drafts.SaveDraftAsync(s.ReportId, 3, """{"Areas":[],"Indicators":[]}""");
                return 0;
            });
            await drafts.SaveDraftAsync(s.ReportId, 4, """{"Areas":[{"Number":1}],"Indicators":[]}"""); // the upsert's update
            return (n, await drafts.GetDraftAsync(s.ReportId));
        });
        commands.ShouldBe(1, "the right to write is the statement's own condition: no report graph is loaded");
        stored.ShouldNotBeNull();
        stored.BaseVersion.ShouldBe(4u);
        stored.Content.ShouldContain("\"Number\": 1");

        // Another ward's reporter: refused, and nothing is written.
        await Should.ThrowAsync<ForbiddenException>(() => Portal.AsUserAsync<int, ReportDraftService>("phuongbadinh@childcare.local", async drafts =>
        {
            await drafts.SaveDraftAsync(s.ReportId, 4, """{"Areas":[],"Indicators":[]}""");
            return 0;
        }));
        (await Portal.AsUserAsync<DraftBuffer?, ReportDraftService>("phuongbadinh@childcare.local", d => d.GetDraftAsync(s.ReportId))).ShouldBeNull();
    }

    [Fact]
    public async Task Sending_from_the_form_saves_and_submits_in_one_command_and_a_refused_submission_saves_nothing()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var details = await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}", PortalFixture.Json);
        var areas = details.GetProperty("taskAreas").EnumerateArray().Select(a => a.GetProperty("taskAreaId").GetGuid()).ToList();
        var version = details.GetProperty("version").GetUInt32();

        // Incomplete (no results in area 2): refused with the field named, and the first area's text is not saved either.
        var incomplete = new SaveReportRequest(version, areas.Select((id, i) =>
            new TaskAreaInput(id, TaskProgressStatus.OnTrack, 50, i == 1 ? null : $"Kết quả nhiệm vụ {i + 1}.", null, null)).ToList(), []);
        var refused = await Should.ThrowAsync<ValidationFailedException>(() =>
            Portal.AsUserAsync<ReportDetails, ProgressReportService>(Ward, r => r.SaveAndSubmitAsync(s.ReportId, incomplete)));
        refused.Errors.Keys.ShouldContain(k => k.StartsWith("taskAreas[1]", StringComparison.Ordinal));
        var unchanged = await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}", PortalFixture.Json);
        unchanged.GetProperty("version").GetUInt32().ShouldBe(version);
        unchanged.GetProperty("taskAreas")[0].GetProperty("results").ValueKind.ShouldBe(JsonValueKind.Null);

        var complete = new SaveReportRequest(version, areas.Select((id, i) =>
            new TaskAreaInput(id, TaskProgressStatus.OnTrack, 50, $"Kết quả nhiệm vụ {i + 1}.", null, null)).ToList(), []);
        var (saveCommands, sent, commands) = await Portal.AsUserAsync<(int, ReportDetails, int), ProgressReportService>(Ward, async reports =>
        {
            await reports.GetAsync(s.ReportId); // the scope and the document's parts, as the open form has them
            var (saved, n) = await CommandCounter.CountAsync(() => reports.SaveAsync(s.ReportId, complete)); // PUT /api/reports/{id}
            var (submitted, m) = await CommandCounter.CountAsync(() => reports.SaveAndSubmitAsync(s.ReportId, complete with { Version = saved.Version }));
            return (n, submitted, m);
        });
        // PUT /api/reports/{id}: the report with its rows (one statement), the save batch (rows, the draft buffer, audit),
        // the answer's files, history and previous report (one statement).
        saveCommands.ShouldBe(3);
        sent.Status.ShouldBeOneOf(ReportStatus.Submitted, ReportStatus.AwaitingSignature);
        sent.TaskAreas[1].Results.ShouldBe("Kết quả nhiệm vụ 2.");
        sent.History.ShouldContain(h => h.Action == ReportAction.Submitted || h.Action == ReportAction.SentForSignature);
        // The same, plus the signing rule's two reads: one load and one save batch, where the page's save-then-submit
        // loaded and saved the report twice.
        commands.ShouldBeLessThanOrEqualTo(5);
        commands.ShouldBeLessThan(2 * saveCommands);
    }

    [Fact]
    public async Task A_workbook_import_loads_the_report_once_and_its_save_drops_the_users_draft_buffer_in_the_same_batch()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var version = (await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}", PortalFixture.Json)).GetProperty("version").GetUInt32();
        await Portal.AsUserAsync<int, ReportDraftService>(Ward, async drafts =>
        {
            await drafts.SaveDraftAsync(s.ReportId, version, """{"Areas":[{"Number":1}],"Indicators":[]}""");
            return 0;
        });
        var (commands, imported) = await Portal.AsUserAsync<(int, ReportDetails), ReportWorkbookService>(Ward, async workbooks =>
        {
            var workbook = await workbooks.ExportAsync(s.ReportId); // what the office downloads (and the document's parts read)
            var (saved, n) = await CommandCounter.CountAsync(() => workbooks.ImportAsync(s.ReportId, new MemoryStream(workbook.Content)));
            return (n, saved);
        });
        commands.ShouldBe(3, "the report once (where the import used to load it three times), the save batch, the answer's files and history");
        imported.Version.ShouldNotBe(version);
        (await Portal.AsUserAsync<DraftBuffer?, ReportDraftService>(Ward, d => d.GetDraftAsync(s.ReportId)))
            .ShouldBeNull("what the draft held is saved: the buffer went in the save's own batch");
    }

    [Fact]
    public async Task The_document_parts_kept_in_memory_follow_an_edit_of_an_indicator_at_the_next_open()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var before = await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}", PortalFixture.Json); // the parts are now kept
        var first = before.GetProperty("indicatorValues")[0];
        using var admin = await Portal.SignedInAsync("admin@childcare.local");
        var renamed = first.GetProperty("name").GetString() + " (sửa tên)";
        (await admin.PutAsJsonAsync($"/api/indicators/{first.GetProperty("indicatorId").GetGuid()}",
            new { name = renamed, direction = "Higher", nature = "Flow" }, PortalFixture.Json)).EnsureSuccessStatusCode();

        var after = await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}", PortalFixture.Json);
        after.GetProperty("indicatorValues")[0].GetProperty("name").GetString().ShouldBe(renamed);
    }

    [Fact]
    public async Task The_received_copy_lives_in_its_own_row_and_the_document_page_still_reads_it_word_for_word()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        var directiveId = s.Directive.GetProperty("id").GetGuid();
        var document = await s.Reporter.GetFromJsonAsync<JsonElement>($"/api/directives/{directiveId}", PortalFixture.Json);
        document.GetProperty("sourceText").GetString().ShouldBe(ChildCare.Core.Seed.SeedData.DirectiveSourceText());

        // A report's load (which carries its document) reads none of it: the copy is another table's row.
        var loaded = await Portal.AsUserAsync<bool, ProgressReportService>(Ward, async _ =>
        {
            await using var db = await Portal.Factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var report = await ReportStore.LoadContentAsync(db, s.ReportId, tracking: false, default);
            return report.Directive.Source is not null;
        });
        loaded.ShouldBeFalse();
    }

    [Fact]
    public async Task The_scope_kept_between_requests_follows_a_new_unit_at_the_next_request_and_is_read_once_while_nothing_changes()
    {
        var before = await Portal.AsUserAsync<UserScope, ScopeResolver>(Ward, s => s.CurrentAsync());
        var other = await Portal.AsUserAsync<UserScope, ScopeResolver>("phuongbadinh@childcare.local", s => s.CurrentAsync());
        var (again, reads) = await Portal.AsUserAsync<(UserScope, int), ScopeResolver>(Ward, s => CommandCounter.CountAsync(() => s.CurrentAsync()));
        reads.ShouldBe(0, "another request of the same account, nothing changed: the kept scope answers");
        again.OrgUnitId.ShouldBe(before.OrgUnitId);

        // An administrator moves the account to another ward: its sessions end and every instance forgets its scope.
        await Portal.AsUserAsync<ChildCare.Core.Features.Users.UserDto, ChildCare.Core.Features.Users.UserAdminService>("admin@childcare.local",
            u => u.UpdateAsync(before.UserId, new ChildCare.Core.Features.Users.UpdateUserRequest(string.IsNullOrWhiteSpace(before.FullName) ? "Cán bộ" : before.FullName, ChildCare.Core.Domain.Roles.Reporter, other.OrgUnitId)));
        var after = await Portal.AsUserAsync<UserScope, ScopeResolver>(Ward, s => s.CurrentAsync());
        after.OrgUnitId.ShouldBe(other.OrgUnitId);
    }
}
