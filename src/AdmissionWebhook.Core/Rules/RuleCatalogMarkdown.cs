using System.Text;

namespace AdmissionWebhook.Rules;

/// <summary>Renders the rule catalogue as the Markdown tables in README.md (a test keeps the two equal).</summary>
public static class RuleCatalogMarkdown
{
    private static readonly (string Prefix, string Title)[] Sections =
    [
        ("Nad", "NetworkAttachmentDefinition (`k8s.cni.cncf.io/v1`)"),
        ("Subnet", "Subnet (`kubeovn.io/v1`)"),
        ("Vm", "VirtualMachine (`kubevirt.io/v1`)"),
    ];

    public static string Render(IEnumerable<AdmissionRule> rules)
    {
        var all = rules.ToList();
        var builder = new StringBuilder();
        foreach (var (prefix, title) in Sections)
        {
            var section = all.Where(rule => rule.Code.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (section.Count == 0)
            {
                continue;
            }
            builder.Append("#### ").Append(title).Append("\n\n");
            builder.Append("| Code | Action | What it checks | How to fix |\n|---|---|---|---|\n");
            foreach (var rule in section)
            {
                builder.Append("| ").Append(rule.Code).Append(" | ").Append(ActionLabel(rule)).Append(" | ")
                    .Append(Escape(rule.Summary)).Append(" | ").Append(Escape(rule.Fix)).Append(" |\n");
            }
            builder.Append('\n');
        }
        return builder.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>The action as the documentation writes it: deny, warn, mutate, or mutate+deny (mutate+warn).</summary>
    public static string ActionLabel(AdmissionRule rule)
    {
        var action = rule.DefaultAction.ToString().ToLowerInvariant();
        if (rule.MutationOnly)
        {
            return "mutate";
        }
        return rule.Mutates ? $"mutate+{action}" : action;
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
