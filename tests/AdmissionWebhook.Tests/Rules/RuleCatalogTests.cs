using System.Reflection;
using System.Text.RegularExpressions;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Rules;

/// <summary>
/// Keeps the catalogue honest: docs/rules.md documents exactly the implemented codes with their actions, and README.md's
/// table is exactly what the code describes. That every code fires in some test is <see cref="EveryCodeFiresTests"/>' check.
/// </summary>
public sealed partial class RuleCatalogTests
{
    private const string StartMarker = "<!-- rule-catalogue:start -->";
    private const string EndMarker = "<!-- rule-catalogue:end -->";

    private static string RulesDoc => Path.Combine(RepositoryPaths.Root, "docs", "rules.md");

    [Fact]
    public void Docs_rules_md_lists_every_code_with_its_action_and_nothing_else()
    {
        var documented = DocumentedActions(File.ReadAllText(RulesDoc));
        var implemented = RuleCatalog.All.ToDictionary(r => r.Code, RuleCatalogMarkdown.ActionLabel, StringComparer.Ordinal);

        Assert.True(documented.Count >= 45, $"found only {documented.Count} rule rows in {RulesDoc}");
        Assert.Equal(implemented.OrderBy(p => p.Key, StringComparer.Ordinal), documented.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_docs_table_reader_sees_codes_and_actions_and_refuses_a_code_listed_twice()
    {
        const string doc = "| Code | Action | What |\n|---|---|---|\n| NadAa | deny | x |\n| VmBb | mutate+deny | y |\nprose NadCc deny\n";
        Assert.Equal([new("NadAa", "deny"), new KeyValuePair<string, string>("VmBb", "mutate+deny")], DocumentedActions(doc).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Throws<ArgumentException>(() => DocumentedActions(doc + "| NadAa | warn | z |\n"));
    }

    [Fact]
    public void The_listed_catalogue_classes_are_exactly_those_marked_RuleCatalogue_in_their_order()
    {
        // RuleCatalog names its classes (Native AOT cannot scan an assembly); the scan it replaced, run here under the
        // JIT, must find the same rules in the same order, so a new catalogue class cannot be forgotten.
        var scanned = typeof(RuleCatalog).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<RuleCatalogueAttribute>() is not null)
            .OrderBy(t => t.GetCustomAttribute<RuleCatalogueAttribute>()!.Order)
            .ThenBy(t => t.FullName, StringComparer.Ordinal)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(AdmissionRule)))
            .Select(f => ((AdmissionRule)f.GetValue(null)!).Code)
            .ToList();

        Assert.Equal(3, typeof(RuleCatalog).Assembly.GetTypes().Count(t => t.GetCustomAttribute<RuleCatalogueAttribute>() is not null));
        Assert.Equal(scanned, RuleCatalog.All.Select(r => r.Code));
    }

    [Fact]
    public void Nothing_in_the_repository_reads_the_design_folder_outside_it()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(nameof(RuleCatalogTests) + ".cs", StringComparison.Ordinal))
            .Where(path => File.ReadAllText(path).Contains("\"design\", \"RULES.md\"", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(sources);
    }

    /// <summary>Code and action of every table row <c>| Code | action | ...</c> in docs/rules.md; a code may appear once.</summary>
    private static Dictionary<string, string> DocumentedActions(string markdown)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match row in TableRow().Matches(markdown))
        {
            rows.Add(row.Groups[1].Value, row.Groups[2].Value);
        }
        return rows;
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

    [GeneratedRegex(@"^\| ((?:Vm|Nad|Subnet)[A-Z][A-Za-z]+) \| ([a-z+]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
