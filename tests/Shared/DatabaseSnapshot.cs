using System.Globalization;
using System.Text;
using Npgsql;

namespace ChildCare.Tests.Shared;

/// <summary>
/// The seeded database kept once, in a schema of its own, and put back before each test: every table emptied and
/// refilled from the copy in one transaction (parents before children, by the foreign keys), identity sequences
/// set back. With the nation's 3,321 communes seeding is seconds; restoring the copy is a fraction of one, so a
/// test's reset does not grow with the reference data.
/// </summary>
public sealed class DatabaseSnapshot
{
    private readonly string _restore;

    private DatabaseSnapshot(string restore) => _restore = restore;

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
        var ordered = ParentsFirst(tables, edges);

        var sequences = new List<string>();
        await using (var seqs = new NpgsqlCommand("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'", connection))
        await using (var reader = await seqs.ExecuteReaderAsync())
            while (await reader.ReadAsync()) sequences.Add(reader.GetString(0));

        var take = new StringBuilder($"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};");
        foreach (var t in tables) take.Append(CultureInfo.InvariantCulture, $"CREATE TABLE {schema}.\"{t}\" AS TABLE public.\"{t}\";");
        take.Append(CultureInfo.InvariantCulture, $"CREATE TABLE {schema}.sequences AS SELECT sequencename AS name, last_value, last_value IS NOT NULL AS called FROM pg_sequences WHERE schemaname = 'public';");
        await using (var copy = new NpgsqlCommand(take.ToString(), connection)) await copy.ExecuteNonQueryAsync();

        var restore = new StringBuilder("BEGIN;");
        restore.Append("TRUNCATE ").Append(string.Join(", ", tables.Select(t => $"public.\"{t}\""))).Append(';');
        foreach (var t in ordered) restore.Append(CultureInfo.InvariantCulture, $"INSERT INTO public.\"{t}\" SELECT * FROM {schema}.\"{t}\";");
        foreach (var s in sequences)
            restore.Append(CultureInfo.InvariantCulture, $"SELECT setval('public.\"{s}\"', COALESCE((SELECT last_value FROM {schema}.sequences WHERE name = '{s}'), 1), "
                + $"COALESCE((SELECT called FROM {schema}.sequences WHERE name = '{s}'), false));");
        restore.Append("COMMIT;");
        return new DatabaseSnapshot(restore.ToString());
    }

    public async Task RestoreAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(_restore, connection) { CommandTimeout = 120 };
        await command.ExecuteNonQueryAsync();
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
