using System.Globalization;
using System.Text;
using System.Text.Json;
using ChildCare.Core.Domain;
using ChildCare.Core.Features.Directives.Import;
using ChildCare.Core.Seed;
using Xunit.Abstractions;

namespace ChildCare.UnitTests.Directives;

/// <summary>
/// The importer on the corpus of party documents (Directives/Corpus, described in its manifest.json): every expected field of every
/// document is asserted, so a regression fails; and a per-field accuracy table is printed (and written to docs/importer-accuracy.md
/// when WRITE_ACCURACY=1, never otherwise).
/// </summary>
public class CorpusTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<KnownUnit> Units = SeedData.OrgUnits()
        .Select(u => new KnownUnit(Guid.NewGuid(), u.Code, u.Name, u.ShortName, u.Kind)).ToList();

    private static readonly string CorpusDir = Path.Combine(AppContext.BaseDirectory, "Directives", "Corpus");

    public static readonly string[] Fields = ["code", "kind", "issuer", "date", "title", "signer", "tasks", "assignments"];

    /// <summary>A corpus document's expected fields; a null code or date: the document carries none of its own (the importer must not invent one).
    /// <see cref="AddedAfterImporter"/>: the importer commit it was added after — its accuracy is reported apart, as unseen.</summary>
    public sealed record Expected(string File, string Layout, string Source, string Kind, string? Code, string Issuer, DateOnly? IssuedOn, string Title,
        string Signer, string[] Tasks, int Assignments, string? AddedAfterImporter = null);

    private static readonly Lazy<List<Expected>> Manifest = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(CorpusDir, "manifest.json")));
        return doc.RootElement.GetProperty("documents").EnumerateArray().Select(d => new Expected(
            d.GetProperty("file").GetString()!, d.GetProperty("layout").GetString()!, d.GetProperty("source").GetString()!,
            d.GetProperty("kind").GetString()!, d.GetProperty("code").GetString(), d.GetProperty("issuer").GetString()!,
            d.GetProperty("issuedOn").GetString() is { } day ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            d.GetProperty("title").GetString()!, d.GetProperty("signer").GetString()!,
            d.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()!).ToArray(), d.GetProperty("assignments").GetInt32(),
            d.TryGetProperty("addedAfterImporter", out var added) ? added.GetString() : null)).ToList();
    });

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var e in Manifest.Value) data.Add(e.File);
        return data;
    }

    private static DirectiveProposal Parse(Expected e) => DirectiveImporter.Parse(File.ReadAllText(Path.Combine(CorpusDir, e.File)), Units);

    /// <summary>Which fields the importer read right in one document (field → ok), with what it read for the failures.</summary>
    private static Dictionary<string, (bool Ok, string Got)> Check(Expected e, DirectiveProposal p)
    {
        var tasksOk = p.TaskAreas.Count == e.Tasks.Length && p.TaskAreas.Zip(e.Tasks).All(x => x.First.Text.StartsWith(x.Second, StringComparison.Ordinal));
        return new()
        {
            ["code"] = (p.Code == e.Code, p.Code ?? "(none)"),
            ["kind"] = (p.Kind.ToString() == e.Kind, p.Kind.ToString()),
            ["issuer"] = (p.IssuingBody == e.Issuer, p.IssuingBody ?? "(none)"),
            ["date"] = (p.IssuedOn == e.IssuedOn, p.IssuedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(none)"),
            ["title"] = (p.Title is not null && p.Title.StartsWith(e.Title, StringComparison.Ordinal), p.Title ?? "(none)"),
            ["signer"] = (p.Signer == e.Signer, p.Signer ?? "(none)"),
            ["tasks"] = (tasksOk, string.Join(" | ", p.TaskAreas.Select(a => a.Text.Length > 40 ? a.Text[..40] : a.Text))),
            ["assignments"] = (p.Assignments.Select(a => a.Clause).Distinct().Count() == e.Assignments,
                p.Assignments.Select(a => a.Clause).Distinct().Count().ToString(CultureInfo.InvariantCulture)),
        };
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_field_of_the_corpus_document_is_read(string file)
    {
        var e = Manifest.Value.Single(x => x.File == file);
        var p = Parse(e);
        p.Code.ShouldBe(e.Code);
        p.Kind.ToString().ShouldBe(e.Kind);
        p.IssuingBody.ShouldBe(e.Issuer);
        p.IssuedOn.ShouldBe(e.IssuedOn);
        p.Title.ShouldNotBeNull().ShouldStartWith(e.Title);
        p.Signer.ShouldBe(e.Signer);
        p.TaskAreas.Count.ShouldBe(e.Tasks.Length, string.Join("\n", p.TaskAreas.Select(a => a.Text)));
        for (var i = 0; i < e.Tasks.Length; i++) p.TaskAreas[i].Text.ShouldStartWith(e.Tasks[i]);
        p.Assignments.Select(a => a.Clause).Distinct().Count().ShouldBe(e.Assignments, string.Join("\n", p.Assignments.Select(a => a.Text).Distinct()));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void No_page_furniture_reaches_the_text(string file)
    {
        var p = Parse(Manifest.Value.Single(x => x.File == file));
        var texts = p.TaskAreas.Select(a => a.Text).Concat(p.Assignments.Select(a => a.Text)).Append(p.Preamble ?? "").Append(p.Title ?? "");
        foreach (var t in texts)
        {
            t.ShouldNotMatch(@"(^|\s)[-–]\s*\d{1,3}\s*[-–](\s|$)");
            t.ShouldNotMatch(@"(^|\s)Trang\s+\d");
            t.ShouldNotMatch(@"(^|\s)\d/\d(\s|$)");
            t.ShouldNotContain("của Ban Thường vụ Tỉnh ủy\n");
        }
        // A running header ("Chỉ thị số 40-CT/TW ngày 11/12/2024 của Ban Bí thư") is not part of any task.
        p.TaskAreas.ShouldAllBe(a => !a.Text.Contains("của Ban Bí thư Chỉ thị") && !a.Text.Contains("Đảng bộ tỉnh Nghị quyết"));
    }

    [Fact]
    public void Accuracy_per_field_is_reported()
    {
        var correct = Fields.ToDictionary(f => f, _ => 0);
        var failures = new List<string>();
        foreach (var e in Manifest.Value)
        {
            foreach (var (field, (ok, got)) in Check(e, Parse(e)))
                if (ok) correct[field]++;
                else failures.Add($"| {e.File} | {field} | {got.Replace("|", "/", StringComparison.Ordinal)} |");
        }
        var total = Manifest.Value.Count;
        var table = new StringBuilder();
        table.AppendLine("| Field | Correct / total |").AppendLine("|---|---|");
        foreach (var f in Fields) table.AppendLine(CultureInfo.InvariantCulture, $"| {f} | {correct[f]}/{total} |");
        output.WriteLine(table.ToString());
        foreach (var f in failures) output.WriteLine(f);

        if (Environment.GetEnvironmentVariable("WRITE_ACCURACY") == "1") WriteReport(table.ToString(), failures);
        // The published figures (docs/importer-accuracy.md, which README quotes) are what the importer measures today:
        // a change that moves a field's count must regenerate them (WRITE_ACCURACY=1), so the document never overstates.
        var published = File.ReadAllLines(Path.Combine(SolutionRoot().FullName, "docs", "importer-accuracy.md"))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\| (\w+) \| (\d+)/(\d+) \|$")).Where(m => m.Success && Fields.Contains(m.Groups[1].Value))
            .ToDictionary(m => m.Groups[1].Value, m => (Correct: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), Total: int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));
        published.Keys.ShouldBe(Fields, ignoreOrder: true, "every field has its published line");
        foreach (var f in Fields) published[f].ShouldBe((correct[f], total), $"{f}: docs/importer-accuracy.md says {published[f].Correct}/{published[f].Total}, measured {correct[f]}/{total}");
    }

    private static DirectoryInfo SolutionRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ChildCare.sln"))) root = root.Parent;
        return root ?? throw new InvalidOperationException("ChildCare.sln not found above the test's folder.");
    }

    /// <summary>
    /// The documents added after the importer's last change, read by that importer before anything was changed for them —
    /// the figure on text it had not seen (measured once, when they were added; the table below is today's, on all).
    /// </summary>
    private const string UnseenBefore =
        "Unseen documents: two layouts were added after the importer's last change (commit f94e9a3) and read by that importer " +
        "before anything was changed for them — a Kết luận with only a heading and an opening sentence citing the resolution it " +
        "continues, and a Markdown export with the header and signature as table rows and escaped numbering. On those two it read " +
        "code 2/2, kind 1/2, issuer 2/2, date 2/2, title 1/2, signer 1/2, tasks 1/2, assignments 1/2 (the heading's kind and title " +
        "were missed; the Markdown signature, tasks and implementation were lost). Changed for them (one-line headings split, " +
        "Markdown read as text, the body ending at \"Nơi nhận\"), it reads both in full: the table below.";

    private static void WriteReport(string table, List<string> failures)
    {
        var root = SolutionRoot();
        var md = new StringBuilder();
        md.AppendLine("# Importer accuracy on the corpus").AppendLine();
        md.AppendLine("Generated by `CorpusTests.Accuracy_per_field_is_reported` with `WRITE_ACCURACY=1` " +
            "(`WRITE_ACCURACY=1 dotnet test tests/ChildCare.UnitTests --filter CorpusTests`).").AppendLine();
        md.Append(CultureInfo.InvariantCulture, $"Corpus: {Manifest.Value.Count} documents in `tests/ChildCare.UnitTests/Directives/Corpus/` ");
        md.AppendLine("(sources and expected values in its `manifest.json`). A field is correct when it equals the expected value " +
            "(title: starts with the expected words; tasks: same number, each starting with the expected words; assignments: same number of clauses).").AppendLine();
        md.AppendLine("The corpus was put together with the importer changes it measures, so these figures are on the development set, " +
            "not a held-out one: a new document or layout is the real test. Before those changes (commit 6075a49) the importer read " +
            "code 14/15, kind 12/15, issuer 11/15, date 14/15, title 9/15, signer 14/15, tasks 8/15, assignments 7/15.").AppendLine();
        md.AppendLine(UnseenBefore).AppendLine();
        md.Append(table).AppendLine();
        md.AppendLine("## Documents").AppendLine();
        md.AppendLine("| File | Kind | Added | Layout |").AppendLine("|---|---|---|---|");
        foreach (var e in Manifest.Value)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {e.File} | {e.Kind} | {(e.AddedAfterImporter is { } c ? $"after {c}, unseen" : "with the importer")} | {e.Layout} |");
        md.AppendLine();
        md.AppendLine("## Misread fields").AppendLine();
        if (failures.Count == 0) md.AppendLine("None.");
        else
        {
            md.AppendLine("| File | Field | Read |").AppendLine("|---|---|---|");
            foreach (var f in failures) md.AppendLine(f);
        }
        File.WriteAllText(Path.Combine(root.FullName, "docs", "importer-accuracy.md"), md.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
