namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>Catalogue of VirtualMachine checks and mutations (RULES.md, VirtualMachine).</summary>
[RuleCatalogue(3)]
public static class VirtualMachineRules
{
    /// <summary>
    /// Every interface needs a network of the same name. KubeVirt rejects the same edit
    /// (<c>interfaces[i].name '&lt;n&gt;' not found.</c>); the network must also stay while an interface is absent.
    /// </summary>
    public static readonly AdmissionRule InterfaceWithoutNetwork = new(
        "VmInterfaceWithoutNetwork",
        "Every interface has a network of the same name.",
        RuleAction.Deny,
        "add a network with the interface's name to spec.template.spec.networks, or remove the interface");
}
