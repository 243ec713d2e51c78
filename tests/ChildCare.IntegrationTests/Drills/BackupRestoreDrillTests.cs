using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChildCare.IntegrationTests.Api;
using ChildCare.Tests.Shared;
using Npgsql;
using Xunit.Abstractions;

namespace ChildCare.IntegrationTests.Drills;

/// <summary>The README's backup and restore commands, run as an office would: back up, wipe, restore, same reports and files.</summary>
public sealed class BackupRestoreDrillTests(PortalFixture portal, ITestOutputHelper output) : PortalTest(portal)
{
    private static string Libpq(string npgsql)
    {
        var b = new NpgsqlConnectionStringBuilder(npgsql);
        return $"host={b.Host} port={b.Port} user={b.Username} password={b.Password} dbname={b.Database}";
    }

    private static async Task<string> ScriptAsync(params string[] args)
    {
        var info = new ProcessStartInfo("bash", args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = PortalProcess.SolutionRoot() };
        using var process = Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, stderr);
        return stdout;
    }

    private static async Task<string> FingerprintAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws('|',
              (SELECT count(*) FROM progress_reports),
              (SELECT string_agg("Id"::text || ':' || "Status" || ':' || "UpdatedAt"::text, ',' ORDER BY "Id") FROM progress_reports),
              (SELECT count(*) FROM report_history),
              (SELECT string_agg(md5("Data"), ',' ORDER BY "AttachmentId") FROM report_attachment_contents),
              (SELECT count(*) FROM indicator_values),
              (SELECT count(*) FROM audit_entries),
              (SELECT count(*) FROM "AspNetUsers"),
              (SELECT count(*) FROM org_unit_versions))
            """, db);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Back_up_wipe_and_restore_gives_the_same_reports_and_files()
    {
        using var s = await ReportScenario.DraftAsync(Portal);
        (await s.Reporter.PutAsJsonAsync($"/api/reports/{s.ReportId}", ReportScenario.Body(s.Directive, await s.VersionAsync()))).EnsureSuccessStatusCode();
        var form = new MultipartFormDataContent();
        var pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "bien-ban-hop.pdf");
        var attachment = (await (await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/attachments", form)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        (await s.Reporter.PostAsync($"/api/reports/{s.ReportId}/submit", null)).EnsureSuccessStatusCode();
        var source = Portal.Factory.ConnectionString;
        var before = await FingerprintAsync(source);

        var dump = Path.Combine(Path.GetTempPath(), $"childcare-{Guid.NewGuid():N}.dump");
        var clock = Stopwatch.StartNew();
        output.WriteLine("backup: " + (await ScriptAsync("scripts/backup.sh", Libpq(source), dump)).Trim());
        var backupTime = clock.Elapsed;

        // "Wipe": the restore goes into an empty database, as on a new server after the old one was lost.
        var target = await TestPostgres.CreateDatabaseAsync("childcare_restore", seeded: false);
        try
        {
            clock.Restart();
            await ScriptAsync("scripts/restore.sh", Libpq(target), dump);
            var restoreTime = clock.Elapsed;
            (await FingerprintAsync(target)).ShouldBe(before);

            // The portal runs on the restored database and serves the same report and file.
            await using var restored = await PortalProcess.StartAsync(target);
            using var client = restored.Client();
            var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email = "phuonghaibatrung@childcare.local", password = "ChildCare@2024" }))
                .Content.ReadFromJsonAsync<JsonElement>();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
            (await client.GetFromJsonAsync<JsonElement>($"/api/reports/{s.ReportId}")).GetProperty("status").GetString().ShouldBe("Submitted");
            var download = await client.GetAsync($"/api/reports/{s.ReportId}/attachments/{attachment}");
            download.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
            output.WriteLine($"Backup/restore drill: {new FileInfo(dump).Length / 1024} KB dump in {backupTime.TotalSeconds:0.0} s, restored in {restoreTime.TotalSeconds:0.0} s, "
                + "reports, history, values, files and audit identical");
        }
        finally
        {
            File.Delete(dump);
            await TestPostgres.DropDatabaseAsync(target);
        }
    }
}
