using System.Text.Json.Nodes;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Cluster;

/// <summary>What the rules need of a NetworkAttachmentDefinition in the cluster; nothing else is kept.</summary>
public sealed record NadInfo(string Namespace, string Name, CniFlavour Flavour, string? Provider, string? ServerSocket)
{
    public NamespacedName Key => new(Namespace, Name);

    /// <summary>
    /// The config has an <c>ipam</c> section of another kind than kube-ovn (host-local, whereabouts, static, dhcp), at
    /// the top level or in a plugin: that NAD manages its own addresses, so a Kube-OVN Subnet for it would be a second
    /// address manager.
    /// </summary>
    public bool HasOwnIpam { get; init; }

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
        return new NadInfo(nad.Namespace, nad.Name, cni.Flavour, cni.Provider, cni.ServerSocket) { HasOwnIpam = HasForeignIpam(cni.Document) };
    }

    private static bool HasForeignIpam(JsonObject? config)
    {
        if (config is null)
        {
            return false;
        }
        if (IsForeignIpam(config["ipam"]))
        {
            return true;
        }
        return config["plugins"] is JsonArray plugins && plugins.Any(plugin => plugin is JsonObject entry && IsForeignIpam(entry["ipam"]));
    }

    // An "ipam" with no type of its own ({} or a type-less map) hands out nothing: it is no address manager.
    private static bool IsForeignIpam(JsonNode? ipam) =>
        ipam is JsonObject section && section["type"] is JsonValue type && type.GetValueKind() == System.Text.Json.JsonValueKind.String
        && type.GetValue<string>() is { Length: > 0 } name && name != CniConfig.KubeOvnType;
}
