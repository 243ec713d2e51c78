using ChildCare.Core.Domain;
using ChildCare.Core.Features.Dashboards;
using Npgsql;

namespace ChildCare.Bench;

/// <summary>The same aggregates as the dashboard service, written by hand and run directly: the yardstick.</summary>
internal static class HandSql
{
    // Who reports, as ReportingRule.ReportersUnder says: the versions standing on the period's last day,
    // directly under the scope unit, of a reporting kind and no deeper than the directive's levels.
    private const string Expected = """
        SELECT v."OrgUnitId" AS "Id", v."Kind" FROM org_unit_versions v, reporting_periods p
        WHERE p."Id" = @period AND v."ParentId" = @unit AND v."Kind" = ANY(@kinds) AND v."Depth" <= @levels
          AND (v."ValidFrom" IS NULL OR v."ValidFrom" <= p."EndsOn") AND (v."ValidTo" IS NULL OR v."ValidTo" >= p."EndsOn")
        """;

    /// <summary>Each expected unit with its report and its own plans of the document: what the compliance list shows.</summary>
    public static async Task<int> ComplianceAsync(NpgsqlConnection c, DashboardQuery q, IReadOnlyList<OrgUnitKind> kinds, int levels)
    {
        await using var cmd = new NpgsqlCommand($"""
            WITH expected AS ({Expected})
            SELECT e."Id", u."Code", u."Name", r."Id", r."Status", r."LastSubmittedAt", r."SubmittedOnTime", r."FirstSubmittedAt", r."UpdatedAt",
                   d."Id", d."Code", d."IssuedOn", d."Kind"
            FROM expected e JOIN org_units u ON u."Id" = e."Id"
            LEFT JOIN progress_reports r ON r."OrgUnitId" = e."Id" AND r."PeriodId" = @period AND r."DirectiveId" = @directive
            LEFT JOIN directives d ON d."IssuerUnitId" = e."Id" AND d."ImplementsId" = @directive
                 AND d."IssuedOn" <= (SELECT "EndsOn" FROM reporting_periods WHERE "Id" = @period)
            """, c);
        Bind(cmd, q, kinds, levels);
        var n = 0;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) n++;
        return n;
    }

    public static async Task<int> IndicatorsAsync(NpgsqlConnection c, DashboardQuery q, IReadOnlyList<OrgUnitKind> kinds, int levels) =>
        (await IndicatorSumsAsync(c, q, kinds, levels)).Count;

    public static async Task<Dictionary<Guid, (decimal? Value, decimal? Numerator)>> IndicatorSumsAsync(NpgsqlConnection c, DashboardQuery q, IReadOnlyList<OrgUnitKind> kinds, int levels)
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
        Bind(cmd, q, kinds, levels);
        var result = new Dictionary<Guid, (decimal?, decimal?)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result[reader.GetGuid(0)] = (reader.IsDBNull(1) ? null : reader.GetDecimal(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2));
        return result;
    }

    private static void Bind(NpgsqlCommand cmd, DashboardQuery q, IReadOnlyList<OrgUnitKind> kinds, int levels)
    {
        cmd.Parameters.AddWithValue("period", q.PeriodId);
        cmd.Parameters.AddWithValue("directive", q.DirectiveId);
        cmd.Parameters.AddWithValue("unit", q.OrgUnitId);
        cmd.Parameters.AddWithValue("kinds", kinds.Select(k => k.ToString()).ToArray());
        cmd.Parameters.AddWithValue("levels", levels);
    }
}
