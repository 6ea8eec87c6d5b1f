using System.Text.RegularExpressions;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Rules;

/// <summary>
/// Keeps the catalogue honest: every code RULES.md defines is implemented and appears in README.md
/// exactly as the code describes it. That every code fires in some test is <see cref="EveryCodeFiresTests"/>' check.
/// </summary>
public sealed partial class RuleCatalogTests
{
    private const string StartMarker = "<!-- rule-catalogue:start -->";
    private const string EndMarker = "<!-- rule-catalogue:end -->";

    private static string RulesMd => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "design", "RULES.md"));

    [Fact]
    public void Every_code_in_RULES_md_is_implemented_and_nothing_else()
    {
        var documented = CodePattern().Matches(File.ReadAllText(RulesMd)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var implemented = RuleCatalog.All.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);

        Assert.True(documented.Count >= 40, $"found only {documented.Count} codes in {RulesMd}");
        Assert.Equal(documented.Order(StringComparer.Ordinal), implemented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Codes_are_unique_well_formed_and_documented()
    {
        Assert.Equal(RuleCatalog.All.Count, RuleCatalog.All.Select(r => r.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(RuleCatalog.All, rule =>
        {
            Assert.Matches("^(Vm|Nad|Subnet)[A-Z][A-Za-z]+$", rule.Code);
            Assert.False(string.IsNullOrWhiteSpace(rule.Summary), rule.Code);
            Assert.False(string.IsNullOrWhiteSpace(rule.Fix), rule.Code);
            Assert.NotEqual(RuleAction.Off, rule.DefaultAction);
        });
    }

    [Fact]
    public void README_table_matches_the_catalogue()
    {
        var readmePath = Path.Combine(RepositoryPaths.Root, "README.md");
        var readme = File.ReadAllText(readmePath);
        var start = readme.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = readme.IndexOf(EndMarker, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md lacks the rule-catalogue markers");
        var expected = "\n" + RuleCatalogMarkdown.Render(RuleCatalog.All);
        var actual = readme[(start + StartMarker.Length)..end];

        if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_README") == "1")
        {
            Assert.NotEqual("true", Environment.GetEnvironmentVariable("CI"));
            File.WriteAllText(readmePath, readme[..(start + StartMarker.Length)] + expected + readme[end..]);
            return;
        }
        Assert.True(actual == expected, "README.md's rule table is stale: run `UPDATE_README=1 dotnet test` and commit README.md");
    }

    [GeneratedRegex(@"\b(Vm|Nad|Subnet)[A-Z][A-Za-z]+\b")]
    private static partial Regex CodePattern();
}
