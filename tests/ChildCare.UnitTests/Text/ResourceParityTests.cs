using System.Xml.Linq;

namespace ChildCare.UnitTests.Text;

/// <summary>Every text of the portal exists in Vietnamese and in English, not empty, with the same placeholders.</summary>
public sealed class ResourceParityTests
{
    private static string Resources()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChildCare.sln"))) return Path.Combine(dir.FullName, "src", "ChildCare.Web", "Resources");
        throw new DirectoryNotFoundException("ChildCare.sln not found");
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Resources(), file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    public static TheoryData<string> Bases() => new(Directory.GetFiles(Resources(), "*.resx")
        .Select(Path.GetFileName).Where(f => f!.Split('.').Length == 2).Select(f => f!));

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

    /// <summary>The screens' Vietnamese enum labels say what the Vietnamese documents and e-mails (Core's Labels) say, and
    /// every value of each enum shown on screen has a label.</summary>
    [Fact]
    public void Enum_labels_on_screen_match_the_documents_and_cover_every_value()
    {
        var vietnamese = Read("Strings.resx");
        var english = Read("Strings.en.resx");
        void Check<TEnum>(Func<TEnum, string> documents) where TEnum : struct, Enum
        {
            foreach (var value in Enum.GetValues<TEnum>())
            {
                var key = $"Enum.{typeof(TEnum).Name}.{value}";
                vietnamese.ShouldContainKey(key);
                english.ShouldContainKey(key);
                vietnamese[key].ShouldBe(documents(value), key);
            }
        }
        Check<ChildCare.Core.Domain.ReportStatus>(ChildCare.Core.Text.Labels.Of);
        Check<ChildCare.Core.Domain.PeriodState>(ChildCare.Core.Text.Labels.Of);
        Check<ChildCare.Core.Domain.TaskProgressStatus>(ChildCare.Core.Text.Labels.Of);
    }
}
