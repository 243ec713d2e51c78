using System.Xml.Linq;

namespace ChildCare.UnitTests.Text;

/// <summary>Every text of the portal exists in Vietnamese and in English, not empty, with the same placeholders.</summary>
public sealed class ResourceParityTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChildCare.sln"))) return Path.Combine(dir.FullName, "src");
        throw new DirectoryNotFoundException("ChildCare.sln not found");
    }

    /// <summary>The screens' texts (Web) and the domain's words (Core's Labels), each a Vietnamese file and its English twin.</summary>
    private static readonly string[] Folders = [Path.Combine("ChildCare.Web", "Resources"), Path.Combine("ChildCare.Core", "Text")];

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Root(), file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    public static TheoryData<string> Bases() => new(Folders.SelectMany(folder => Directory.GetFiles(Path.Combine(Root(), folder), "*.resx")
        .Where(f => Path.GetFileName(f).Split('.').Length == 2).Select(f => Path.Combine(folder, Path.GetFileName(f)))));

    [Theory]
    [MemberData(nameof(Bases))]
    public void Every_key_is_in_Vietnamese_and_English_and_neither_is_empty(string file)
    {
        var vietnamese = Read(file);
        var english = Read(file.Replace(".resx", ".en.resx", StringComparison.Ordinal));
        vietnamese.ShouldNotBeEmpty();
        vietnamese.Keys.Except(english.Keys).ShouldBeEmpty($"missing in English ({file})");
        english.Keys.Except(vietnamese.Keys).ShouldBeEmpty($"missing in Vietnamese ({file})");
        vietnamese.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ShouldBeEmpty();
        english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ShouldBeEmpty();
        foreach (var (key, text) in vietnamese)
        {
            var placeholders = System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).Order();
            System.Text.RegularExpressions.Regex.Matches(english[key], @"\{\d+[^}]*\}").Select(m => m.Value).Order()
                .ShouldBe(placeholders, $"placeholders of {key}");
        }
    }

    /// <summary>
    /// Every value of every enum the portal names has its words in both languages (none falls back to the value's code),
    /// and the screens' file holds none of them again: one place per language.
    /// </summary>
    [Fact]
    public void Every_domain_word_is_in_Labels_once_in_each_language_and_not_again_in_the_screens_texts()
    {
        var vietnamese = Read(Path.Combine("ChildCare.Core", "Text", "Labels.resx"));
        var english = Read(Path.Combine("ChildCare.Core", "Text", "Labels.en.resx"));
        void Check<TEnum>() where TEnum : struct, Enum
        {
            foreach (var value in Enum.GetValues<TEnum>())
            {
                var key = $"{typeof(TEnum).Name}.{value}";
                if (vietnamese.ContainsKey(key)) english.ShouldContainKey(key);
                else vietnamese.ShouldContainKey($"{typeof(TEnum).Name}._", key); // the enum's catch-all word
            }
        }
        Check<ChildCare.Core.Domain.ReportStatus>();
        Check<ChildCare.Core.Domain.PeriodState>();
        Check<ChildCare.Core.Domain.TaskProgressStatus>();
        Check<ChildCare.Core.Domain.DirectiveKind>();
        Check<ChildCare.Core.Domain.DirectiveStatus>();
        Check<ChildCare.Core.Domain.OrgUnitKind>();
        Check<ChildCare.Core.Domain.ReportAction>();
        Check<ChildCare.Core.Domain.AssignmentRole>();
        Check<ChildCare.Core.Domain.IndicatorUnit>();
        Check<ChildCare.Core.Domain.IndicatorAggregation>();
        Check<ChildCare.Core.Domain.IndicatorNature>();
        Check<ChildCare.Core.Domain.ReorganisationStatus>();
        foreach (var role in ChildCare.Core.Domain.Roles.All) vietnamese.ShouldContainKey($"Role.{role}");

        var screens = Read(Path.Combine("ChildCare.Web", "Resources", "Strings.resx"));
        // The status words a screen shows beside figures (a button may say "Gửi báo cáo" as a history step does: another thing).
        string[] statusWords = ["Compliance.", "MapClass.", "ReportStatus.", "TaskProgressStatus.", "PeriodState."];
        var words = vietnamese.Where(e => statusWords.Any(w => e.Key.StartsWith(w, StringComparison.Ordinal))).Select(e => e.Value).ToHashSet();
        screens.Where(e => e.Key.StartsWith("Enum.", StringComparison.Ordinal) || e.Key.StartsWith("Role.", StringComparison.Ordinal)
                || e.Key.StartsWith("Map.Class.", StringComparison.Ordinal))
            .Select(e => e.Key).ShouldBeEmpty("the domain's words live in Core's Labels");
        screens.Where(e => words.Contains(e.Value)).Select(e => $"{e.Key} = {e.Value}").ShouldBeEmpty("a screen text that only repeats a domain word: ask Labels");
    }
}
