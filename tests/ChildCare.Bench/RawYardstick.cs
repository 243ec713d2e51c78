using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChildCare.Bench;

/// <summary>
/// The yardstick for the API's throughput (issue 12): the national compliance and indicator answers written as one
/// hand-made SQL statement each that builds the same JSON in PostgreSQL, sent as it comes — no EF Core, no scope
/// check, no serializer, no authentication. It lives in the bench, not in the portal (issue 22): the bench serves it
/// from its own small web server on 127.0.0.1 for the length of the run, against the portal's database.
/// Scope: the centre's documents (no issuer), as the national dashboard serves them.
/// </summary>
internal static class RawYardstick
{
    // The units standing under the scope unit on the period's last day, of the directive's reporting kinds and levels.
    private const string Expected = """
        expected AS (
            SELECT v."OrgUnitId" AS id, v."Code" AS code, v."Name" AS name, v."Kind" AS kind, v."Depth" AS depth,
                   CASE WHEN v."Kind" IN ('ProvincialCommittee', 'CentralBody', 'CentralCommittee') THEN p."DueOnProvince" ELSE p."DueOnUnit" END AS due,
                   v."Depth" < d."ReportingLevels" AS receives
            FROM reporting_periods p JOIN directives d ON d."Id" = p."DirectiveId"
            JOIN org_unit_versions v ON v."ParentId" = @unit AND v."Kind" = ANY(d."ReportingUnitKinds") AND v."Depth" <= d."ReportingLevels"
             AND (v."ValidFrom" IS NULL OR v."ValidFrom" <= p."EndsOn") AND (v."ValidTo" IS NULL OR v."ValidTo" >= p."EndsOn")
            WHERE p."Id" = @period AND p."DirectiveId" = @directive)
        """;

    private const string Compliance = $"""
        WITH {Expected},
        rows AS (
            SELECT e.*, r."Id" AS report_id, r."Status" AS status, r."LastSubmittedAt" AS submitted_at, r."SubmittedOnTime" AS on_time,
                   r."FirstSubmittedAt" IS NULL AND (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date > e.due AS overdue, r."UpdatedAt" AS last_action,
                   pl.plan
            FROM expected e
            LEFT JOIN progress_reports r ON r."OrgUnitId" = e.id AND r."PeriodId" = @period AND r."DirectiveId" = @directive
            LEFT JOIN LATERAL (
                SELECT json_build_object('id', x."Id", 'code', x."Code", 'issuedOn', x."IssuedOn", 'kind', x."Kind") AS plan
                FROM directives x, reporting_periods p
                WHERE p."Id" = @period AND x."ImplementsId" = @directive AND x."IssuerUnitId" = e.id AND x."IssuedOn" <= p."EndsOn"
                ORDER BY x."IssuedOn" DESC LIMIT 1) pl ON true)
        SELECT json_build_object(
            'orgUnitId', u."Id", 'orgUnitName', u."Name", 'periodCode', p."Code", 'periodName', p."Name", 'dueOn', p."DueOnUnit",
            'expected', count(rows.id),
            'onTime', count(*) FILTER (WHERE rows.on_time),
            'late', count(*) FILTER (WHERE NOT rows.on_time),
            'returned', count(*) FILTER (WHERE rows.status = 'Returned'),
            'missing', count(rows.id) - count(*) FILTER (WHERE rows.status IN ('Submitted', 'Returned', 'Accepted')),
            'accepted', count(*) FILTER (WHERE rows.status = 'Accepted'),
            'submitted', count(*) FILTER (WHERE rows.status IN ('Submitted', 'Returned', 'Accepted')),
            'submittedRate', coalesce(count(*) FILTER (WHERE rows.status IN ('Submitted', 'Returned', 'Accepted'))::float8 / nullif(count(rows.id), 0), 0),
            'onTimeRate', coalesce(count(*) FILTER (WHERE rows.on_time)::float8 / nullif(count(rows.id), 0), 0),
            'units', coalesce(json_agg(json_build_object(
                'orgUnitId', rows.id, 'code', rows.code, 'name', rows.name, 'kind', rows.kind, 'status', coalesce(rows.status, 'Missing'),
                'reportId', rows.report_id, 'submittedAt', rows.submitted_at, 'onTime', rows.on_time, 'overdue', rows.overdue,
                'lastActionAt', rows.last_action, 'hasReportingChildren', rows.receives, 'plan', rows.plan) ORDER BY rows.code)
                FILTER (WHERE rows.id IS NOT NULL), '[]'),
            'plansIssued', count(rows.plan))
        FROM reporting_periods p JOIN org_units u ON u."Id" = @unit LEFT JOIN rows ON true
        WHERE p."Id" = @period
        GROUP BY u."Id", u."Name", p."Code", p."Name", p."DueOnUnit"
        """;

    private const string Indicators = $"""
        WITH {Expected},
        sums AS (
            SELECT v."IndicatorId" AS id, sum(v."Value") AS value,
                   sum(v."Numerator") FILTER (WHERE v."Denominator" > 0) AS numerator, sum(v."Denominator") FILTER (WHERE v."Denominator" > 0) AS denominator,
                   greatest(count(v."Value"), count(*) FILTER (WHERE v."Denominator" > 0)) AS reporting
            FROM progress_reports r JOIN indicator_values v ON v."ReportId" = r."Id"
            WHERE r."PeriodId" = @period AND r."DirectiveId" = @directive AND r."Status" IN ('Submitted', 'Accepted')
              AND r."OrgUnitId" IN (SELECT id FROM expected)
            GROUP BY v."IndicatorId"),
        computed AS (
            SELECT i.*, s.reporting, t."Number" AS task_number,
                   CASE WHEN i."Aggregation" = 'Rate' THEN s.numerator / nullif(s.denominator, 0)
                        * CASE i."Unit" WHEN 'Percent' THEN 100 WHEN 'PerThousand' THEN 1000 WHEN 'PerHundredThousand' THEN 100000 ELSE 1 END ELSE s.value END AS result,
                   CASE WHEN i."Aggregation" = 'Rate' THEN s.numerator END AS numerator,
                   CASE WHEN i."Aggregation" = 'Rate' THEN s.denominator END AS denominator
            FROM indicators i LEFT JOIN sums s ON s.id = i."Id" LEFT JOIN task_areas t ON t."Id" = i."TaskAreaId"
            WHERE i."DirectiveId" = @directive)
        SELECT coalesce(json_agg(json_build_object(
            'indicatorId', c."Id", 'code', c."Code", 'name', c."Name", 'unit', c."Unit", 'aggregation', c."Aggregation",
            'direction', c."Direction", 'taskAreaNumber', c.task_number, 'value', c.result, 'numerator', c.numerator,
            'denominator', c.denominator, 'reportingUnits', coalesce(c.reporting, 0), 'expectedUnits', (SELECT count(*) FROM expected),
            'targets', coalesce((SELECT json_agg(json_build_object('year', g."Year", 'value', g."Value", 'source', g."Source",
                'description', g."Description") ORDER BY g."Year", g."Source") FROM indicator_targets g WHERE g."IndicatorId" = c."Id"), '[]'),
            'status', CASE
                WHEN c.result IS NULL THEN 'NoData'
                WHEN c."Direction" = 'None' THEN 'NoDirection'
                ELSE coalesce((SELECT CASE WHEN (c."Direction" = 'Higher' AND c.result >= g."Value") OR (c."Direction" = 'Lower' AND c.result <= g."Value")
                                           THEN 'Met' ELSE 'NotMet' END
                               FROM indicator_targets g, reporting_periods p
                               WHERE p."Id" = @period AND g."IndicatorId" = c."Id" AND g."Value" IS NOT NULL
                               ORDER BY (g."Year" < extract(year FROM p."EndsOn")), abs(g."Year" - extract(year FROM p."EndsOn")) LIMIT 1), 'NoTarget')
            END) ORDER BY c."SortOrder", c."Code"), '[]')
        FROM computed c
        """;

    /// <summary>Starts the yardstick's server on a free loopback port; dispose it to stop.</summary>
    public static async Task<(WebApplication Server, Uri Address)> StartAsync(string connectionString)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var source = NpgsqlDataSource.Create(connectionString);
        var raw = app.MapGroup("/bench/raw");
        raw.MapGet("/compliance", (Guid directiveId, Guid periodId, Guid orgUnitId, HttpContext http, CancellationToken ct) =>
            WriteAsync(source, Compliance, directiveId, periodId, orgUnitId, http, ct));
        raw.MapGet("/indicators", (Guid directiveId, Guid periodId, Guid orgUnitId, HttpContext http, CancellationToken ct) =>
            WriteAsync(source, Indicators, directiveId, periodId, orgUnitId, http, ct));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }

    private static async Task WriteAsync(NpgsqlDataSource source, string sql, Guid directive, Guid period, Guid unit, HttpContext http, CancellationToken ct)
    {
        await using var command = source.CreateCommand(sql);
        command.Parameters.AddWithValue("directive", directive);
        command.Parameters.AddWithValue("period", period);
        command.Parameters.AddWithValue("unit", unit);
        var json = (string?)await command.ExecuteScalarAsync(ct);
        if (json is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(json, ct);
    }
}
