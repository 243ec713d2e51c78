using ChildCare.Core.Domain;
using ChildCare.Core.Features.Dashboards;
using Npgsql;

namespace ChildCare.Bench;

/// <summary>The same aggregates as the dashboard service, written by hand and run directly: the yardstick.</summary>
internal static class HandSql
{
    private const string Expected = """
        SELECT u."Id", u."Kind" FROM org_units u, reporting_periods p
        WHERE p."Id" = @period AND u."Path" LIKE @path || '%' AND u."Path" <> @path AND u."Kind" = @kind
          AND (u."ValidFrom" IS NULL OR u."ValidFrom" <= p."EndsOn") AND (u."ValidTo" IS NULL OR u."ValidTo" >= p."StartsOn")
        """;

    public static async Task<int> ComplianceAsync(NpgsqlConnection c, DashboardQuery q, string path, OrgUnitKind kind)
    {
        await using var cmd = new NpgsqlCommand($"""
            WITH expected AS ({Expected})
            SELECT e."Id", r."Status", r."LastSubmittedAt", r."SubmittedOnTime"
            FROM expected e LEFT JOIN progress_reports r ON r."OrgUnitId" = e."Id" AND r."PeriodId" = @period AND r."DirectiveId" = @directive
            """, c);
        Bind(cmd, q, path, kind);
        var n = 0;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) n++;
        return n;
    }

    public static async Task<int> IndicatorsAsync(NpgsqlConnection c, DashboardQuery q, string path, OrgUnitKind kind) =>
        (await IndicatorSumsAsync(c, q, path, kind)).Count;

    public static async Task<Dictionary<Guid, (decimal? Value, decimal? Numerator)>> IndicatorSumsAsync(NpgsqlConnection c, DashboardQuery q, string path, OrgUnitKind kind)
    {
        await using var cmd = new NpgsqlCommand($"""
            WITH expected AS ({Expected})
            SELECT v."IndicatorId", sum(v."Value"), sum(v."Numerator") FILTER (WHERE v."Denominator" > 0),
                   sum(v."Denominator") FILTER (WHERE v."Denominator" > 0), count(*)
            FROM progress_reports r JOIN indicator_values v ON v."ReportId" = r."Id"
            WHERE r."PeriodId" = @period AND r."DirectiveId" = @directive AND r."Status" IN ('Submitted', 'Accepted')
              AND r."OrgUnitId" IN (SELECT "Id" FROM expected)
            GROUP BY v."IndicatorId"
            """, c);
        Bind(cmd, q, path, kind);
        var result = new Dictionary<Guid, (decimal?, decimal?)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result[reader.GetGuid(0)] = (reader.IsDBNull(1) ? null : reader.GetDecimal(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2));
        return result;
    }

    private static void Bind(NpgsqlCommand cmd, DashboardQuery q, string path, OrgUnitKind kind)
    {
        cmd.Parameters.AddWithValue("period", q.PeriodId);
        cmd.Parameters.AddWithValue("directive", q.DirectiveId);
        cmd.Parameters.AddWithValue("path", path);
        cmd.Parameters.AddWithValue("kind", kind.ToString());
    }
}
