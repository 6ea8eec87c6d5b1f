using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Cluster;

/// <summary>What the rules need of a NetworkAttachmentDefinition in the cluster; nothing else is kept.</summary>
public sealed record NadInfo(string Namespace, string Name, CniFlavour Flavour, string? Provider, string? ServerSocket)
{
    public NamespacedName Key => new(Namespace, Name);

    /// <summary>The provider a Subnet must carry for this NAD; null when it is no Kube-OVN NAD.</summary>
    public ProviderName? CanonicalProvider => Flavour switch
    {
        CniFlavour.Ovn => ProviderName.ForNad(Name, Namespace, ProviderKind.Ovn),
        CniFlavour.Ipam => ProviderName.ForNad(Name, Namespace, ProviderKind.Ipam),
        _ => null,
    };

    public static NadInfo From(NetworkAttachmentDefinition nad)
    {
        var cni = nad.Cni;
        return new NadInfo(nad.Namespace, nad.Name, cni.Flavour, cni.Provider, cni.ServerSocket);
    }
}
