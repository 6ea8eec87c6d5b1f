using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// What a VM network's Multus reference leads to in the cluster view: the NAD (null when it does not exist) and, for a
/// Kube-OVN NAD, whether a Subnet carries its canonical provider. Only networks with a readable reference have one.
/// </summary>
public readonly record struct NetworkTarget(NetworkReference Reference, NadInfo? Nad, bool SubnetMissing)
{
    /// <summary>The NAD's canonical provider (for messages); null when there is no Kube-OVN NAD.</summary>
    public ProviderName? Provider => Nad?.CanonicalProvider;
}
