using System.Text.Json;
using System.Text.Json.Serialization;
using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Resources;

/// <summary>Partial <c>k8s.cni.cncf.io/v1</c> NetworkAttachmentDefinition with a parsed view of its CNI config.</summary>
public sealed record NetworkAttachmentDefinition : KubernetesObject, IAdmissionResource<NetworkAttachmentDefinition>
{
    public static ResourceDescriptor<NetworkAttachmentDefinition> Descriptor { get; } = new(
        "k8s.cni.cncf.io", "v1", "NetworkAttachmentDefinition", "network-attachment-definitions", Namespaced: true,
        ValidateOperations: new HashSet<AdmissionOperation> { AdmissionOperation.Create, AdmissionOperation.Update, AdmissionOperation.Delete },
        MutateOperations: new HashSet<AdmissionOperation> { AdmissionOperation.Create, AdmissionOperation.Update },
        Decoding.ResourceDecoding.DecodeNetworkAttachmentDefinition);

    private CniConfig? _cni;

    [JsonPropertyName("spec")]
    public NetworkAttachmentDefinitionSpec? Spec { get; init; }

    /// <summary>The CNI config parsed once, on first use.</summary>
    [JsonIgnore]
    public CniConfig Cni => _cni ??= CniConfig.Parse(Spec?.Config);

    /// <summary>The provider Kube-OVN expects for this NAD, or null when it is no Kube-OVN NAD.</summary>
    [JsonIgnore]
    public ProviderName? CanonicalProvider => Cni.Flavour switch
    {
        CniFlavour.Ovn => ProviderName.ForNad(Name, Namespace, ProviderKind.Ovn),
        CniFlavour.Ipam => ProviderName.ForNad(Name, Namespace, ProviderKind.Ipam),
        _ => null,
    };
}

public sealed record NetworkAttachmentDefinitionSpec
{
    /// <summary>The CNI configuration: a JSON document carried as a string.</summary>
    [JsonPropertyName("config")]
    public string? Config { get; init; }

}
