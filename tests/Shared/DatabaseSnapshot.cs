using System.Globalization;
using System.Text;
using Npgsql;

namespace ChildCare.Tests.Shared;

/// <summary>
/// The seeded database kept once, in a schema of its own, and put back before each test, in one transaction: the
/// tables written since the last restore (a statement trigger on every table notes them) and the tables that refer
/// to them are emptied and refilled from the copy, parents before children, and the sequences set back. A test that
/// wrote a report restores the report tables, not the nation's 3,321 communes (≈ 290 ms for every table, tens of ms
/// for a few). Switching between two copies (<see cref="RestoreAsync"/> with <c>everything</c>) restores them all.
/// </summary>
public sealed class DatabaseSnapshot
{
    private const string Tracking = "test_tracking";
    private readonly string _schema;
    private readonly List<string> _ordered;
    private readonly Dictionary<string, HashSet<string>> _children;
    private readonly string _sequences;

    private DatabaseSnapshot(string schema, List<string> ordered, Dictionary<string, HashSet<string>> children, string sequences) =>
        (_schema, _ordered, _children, _sequences) = (schema, ordered, children, sequences);

    /// <summary>Copies every table of <c>public</c> but <paramref name="ignore"/> as it is now, into the schema <paramref name="schema"/>.</summary>
    public static async Task<DatabaseSnapshot> TakeAsync(string connectionString, IReadOnlyCollection<string> ignore, string schema = "test_snapshot")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                if (!ignore.Contains(reader.GetString(0))) tables.Add(reader.GetString(0));

        var edges = new List<(string Child, string Parent)>();
        await using (var fks = new NpgsqlCommand("""
            SELECT c.relname, p.relname FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
            WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace AND k.conrelid <> k.confrelid
            """, connection))
        await using (var reader = await fks.ExecuteReaderAsync())
            while (await reader.ReadAsync()) edges.Add((reader.GetString(0), reader.GetString(1)));
        var set = tables.ToHashSet();
        var children = tables.ToDictionary(t => t, t => edges.Where(e => e.Parent == t && set.Contains(e.Child)).Select(e => e.Child).ToHashSet());

        var sequences = new List<string>();
        await using (var seqs = new NpgsqlCommand("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'", connection))
        await using (var reader = await seqs.ExecuteReaderAsync())
            while (await reader.ReadAsync()) sequences.Add(reader.GetString(0));

        var take = new StringBuilder($"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};");
        foreach (var t in tables) take.Append(CultureInfo.InvariantCulture, $"CREATE TABLE {schema}.\"{t}\" AS TABLE public.\"{t}\";");
        take.Append(CultureInfo.InvariantCulture, $"CREATE TABLE {schema}.sequences AS SELECT sequencename AS name, last_value, last_value IS NOT NULL AS called FROM pg_sequences WHERE schemaname = 'public';");
        // Which tables a statement wrote since the last restore, whoever wrote them (the portal, its background jobs, a test).
        take.Append(CultureInfo.InvariantCulture, $"""
            CREATE SCHEMA IF NOT EXISTS {Tracking};
            CREATE TABLE IF NOT EXISTS {Tracking}.written (name text PRIMARY KEY);
            CREATE OR REPLACE FUNCTION {Tracking}.note() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM {Tracking}.written WHERE name = TG_TABLE_NAME) THEN
                INSERT INTO {Tracking}.written VALUES (TG_TABLE_NAME) ON CONFLICT DO NOTHING;
              END IF;
              RETURN NULL;
            END $$;
            """);
        foreach (var t in tables)
            take.Append(CultureInfo.InvariantCulture, $"DROP TRIGGER IF EXISTS test_written ON public.\"{t}\"; CREATE TRIGGER test_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.\"{t}\" FOR EACH STATEMENT EXECUTE FUNCTION {Tracking}.note();");
        take.Append(CultureInfo.InvariantCulture, $"DELETE FROM {Tracking}.written;");
        await using (var copy = new NpgsqlCommand(take.ToString(), connection)) await copy.ExecuteNonQueryAsync();

        var setSequences = new StringBuilder();
        foreach (var s in sequences)
            setSequences.Append(CultureInfo.InvariantCulture, $"SELECT setval('public.\"{s}\"', COALESCE((SELECT last_value FROM {schema}.sequences WHERE name = '{s}'), 1), "
                + $"COALESCE((SELECT called FROM {schema}.sequences WHERE name = '{s}'), false));");
        return new DatabaseSnapshot(schema, ParentsFirst(tables, edges), children, setSequences.ToString());
    }

    /// <summary>
    /// Puts the copy back: the tables written since the last restore (and those referring to them), or with
    /// <paramref name="everything"/> every table — when the database last held another copy.
    /// </summary>
    public async Task RestoreAsync(string connectionString, bool everything = false)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var written = new HashSet<string>();
        if (!everything)
        {
            await using var read = new NpgsqlCommand($"SELECT name FROM {Tracking}.written", connection);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) written.Add(reader.GetString(0));
        }
        var restore = everything ? _ordered : Closure(written);
        if (restore.Count == 0) return;
        var sql = new StringBuilder("BEGIN;");
        sql.Append("TRUNCATE ").Append(string.Join(", ", restore.Select(t => $"public.\"{t}\""))).Append(';');
        foreach (var t in restore) sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO public.\"{t}\" SELECT * FROM {_schema}.\"{t}\";");
        sql.Append(_sequences);
        sql.Append(CultureInfo.InvariantCulture, $"DELETE FROM {Tracking}.written;COMMIT;");
        await using var command = new NpgsqlCommand(sql.ToString(), connection) { CommandTimeout = 120 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The written tables and every table that refers to one of them, directly or not, parents first.</summary>
    private List<string> Closure(IEnumerable<string> written)
    {
        var found = new HashSet<string>();
        var queue = new Queue<string>(written.Where(_children.ContainsKey));
        while (queue.TryDequeue(out var t))
            if (found.Add(t))
                foreach (var c in _children[t]) queue.Enqueue(c);
        return _ordered.Where(found.Contains).ToList();
    }

    /// <summary>Tables in an order where each comes after those it refers to.</summary>
    private static List<string> ParentsFirst(List<string> tables, List<(string Child, string Parent)> edges)
    {
        var set = tables.ToHashSet();
        var parents = tables.ToDictionary(t => t, t => edges.Where(e => e.Child == t && set.Contains(e.Parent)).Select(e => e.Parent).ToHashSet());
        var ordered = new List<string>();
        while (parents.Count > 0)
        {
            var ready = parents.Where(p => p.Value.All(ordered.Contains)).Select(p => p.Key).OrderBy(t => t, StringComparer.Ordinal).ToList();
            if (ready.Count == 0) throw new InvalidOperationException($"Foreign keys in a cycle among {string.Join(", ", parents.Keys)}.");
            foreach (var t in ready)
            {
                ordered.Add(t);
                parents.Remove(t);
            }
        }
        return ordered;
    }
}
