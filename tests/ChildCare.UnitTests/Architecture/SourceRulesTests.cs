using System.Text.RegularExpressions;

namespace ChildCare.UnitTests.Architecture;

/// <summary>
/// Issue 22: the rules of the code base that a compiler does not check, read from the source as a newcomer would grep it.
/// Role names are constants (inlined where used), so a dependency checker cannot see who asks a role: the text can.
/// </summary>
public partial class SourceRulesTests
{
    private static readonly string Src = Path.Combine(FindRoot(), "src");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChildCare.sln"))) return dir.FullName;
        throw new InvalidOperationException("ChildCare.sln not found above the test's folder.");
    }

    /// <summary>Hand-written source: no migrations, no generated files, no build output.</summary>
    private static IEnumerable<(string Path, string[] Lines)> Sources() =>
        Directory.EnumerateFiles(Src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Src, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/Migrations/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                && !f.Contains("/bin/", StringComparison.Ordinal) && !f.EndsWith(".Designer.cs", StringComparison.Ordinal) && !f.EndsWith(".g.cs", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllLines(Path.Combine(Src, f))));

    [GeneratedRegex(@"\b(?:IsInRole|IsInAnyRole)\s*\(|\bRequire\s*\(\s*Roles\.")]
    private static partial Regex RoleCheck();

    [Fact]
    public void Access_is_asked_of_Security_never_decided_by_a_role_check_elsewhere()
    {
        // A service or page asks a policy (Policies) or a capability of the user's scope (UserScope, ReportAccess); only
        // Security/ turns those into roles. The seeders create the demo's accounts, which names roles as data.
        var found = Sources().Where(s => !s.Path.Contains("/Security/", StringComparison.Ordinal) && !s.Path.Contains("/Seed/", StringComparison.Ordinal))
            .SelectMany(s => s.Lines.Select((line, i) => (s.Path, Line: i + 1, Text: line)))
            .Where(x => RoleCheck().IsMatch(x.Text) && !x.Text.Contains("IsInRoleAsync(user", StringComparison.Ordinal)) // the target account's role: data
            .Select(x => $"{x.Path}:{x.Line}: {x.Text.Trim()}").ToList();
        found.ShouldBeEmpty();
    }

    [Fact]
    public void No_hand_written_source_file_is_over_300_lines()
    {
        var sources = Sources().ToList();
        sources.Count.ShouldBeGreaterThan(150, "the test must be reading the portal's source");
        sources.Where(s => s.Lines.Length > 300).Select(s => $"{s.Path} ({s.Lines.Length})").ShouldBeEmpty();
    }

    [Fact]
    public void The_benchmark_yardsticks_are_not_shipped_in_the_portal() =>
        Sources().Where(s => s.Lines.Any(l => l.Contains("/bench/raw", StringComparison.Ordinal) || l.Contains("RawEndpoints", StringComparison.Ordinal)))
            .Select(s => s.Path).ShouldBeEmpty();
}
