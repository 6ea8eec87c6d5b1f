using System.Text.RegularExpressions;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>The VM part of the catalogue matches docs/rules.md: codes, actions, mutations.</summary>
public sealed partial class VmRuleCatalogueTests
{
    private static readonly IReadOnlyList<AdmissionRule> VmRules = [.. RuleCatalog.All.Where(r => r.Code.StartsWith("Vm", StringComparison.Ordinal))];

    [Fact]
    public void Catalogues_exactly_the_vm_codes_of_docs_rules_md_with_their_actions()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "rules.md"));
        var section = doc[doc.IndexOf("## VirtualMachine", StringComparison.Ordinal)..];
        var documented = TableRow().Matches(section).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Order().ToList();
        Assert.Equal(VmRules.Select(r => (r.Code, RuleCatalogMarkdown.ActionLabel(r))).Order().ToList(), documented);
    }

    [Fact]
    public void Warnings_and_mutations_are_the_ones_the_contract_names()
    {
        Assert.Equal(["VmHotplugCapacity", "VmNadMissing", "VmNetworkReferenceChanged", "VmRemovalNeedsRestart", "VmSubnetMissing"],
            VmRules.Where(r => r.DefaultAction == RuleAction.Warn).Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.Equal(["VmAbsentNetworkRestored", "VmHotplugDefaultBridge", "VmInterfaceRemovedWithoutUnplug"],
            VmRules.Where(r => r.Mutates).Select(r => r.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Summaries_are_sentences_and_fixes_are_instructions()
    {
        Assert.All(VmRules, rule =>
        {
            Assert.EndsWith(".", rule.Summary, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(rule.Fix));
            Assert.False(rule.Fix.EndsWith('.'), $"{rule.Code}: fix ends with a period");
            Assert.True(char.IsLower(rule.Fix[0]), $"{rule.Code}: fix starts upper case");
        });
    }

    [GeneratedRegex(@"^\| (Vm[A-Za-z]+) \| ([a-z+]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
