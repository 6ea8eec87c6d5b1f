namespace AdmissionWebhook.Rules.NetworkAttachmentDefinitions;

/// <summary>Catalogue of NetworkAttachmentDefinition checks and mutations (RULES.md).</summary>
[RuleCatalogue(1)]
public static class NadRules
{
    /// <summary>
    /// <c>spec.config</c> must be a JSON object (net-attach-def-admission-controller: "configuration string is not in
    /// JSON format"). An empty config is allowed, as Multus allows it, but warned about with <see cref="ConfigEmpty"/>.
    /// </summary>
    public static readonly AdmissionRule ConfigInvalidJson = new(
        "NadConfigInvalidJson",
        "spec.config is a JSON object.",
        RuleAction.Deny,
        "write spec.config as one JSON object, for example {\"cniVersion\":\"0.3.1\",\"type\":\"kube-ovn\",...}");

    /// <summary>
    /// An empty or missing config: Kube-OVN skips such NADs and the dynamic-networks controller cannot hot-plug them.
    /// </summary>
    public static readonly AdmissionRule ConfigEmpty = new(
        "NadConfigEmpty",
        "spec.config is set (an empty config cannot be hot-plugged).",
        RuleAction.Warn,
        "set spec.config to the CNI configuration of the network");
}
