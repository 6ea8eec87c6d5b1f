using System.Text.Json;
using System.Text.Json.Serialization;
using AdmissionWebhook.Admission;

namespace AdmissionWebhook.Resources;

/// <summary>Partial cluster-scoped <c>kubeovn.io/v1</c> Subnet.</summary>
public sealed record Subnet : KubernetesObject, IAdmissionResource<Subnet>
{
    public static ResourceDescriptor<Subnet> Descriptor { get; } = new(
        "kubeovn.io", "v1", "Subnet", "subnets", Namespaced: false,
        ValidateOperations: new HashSet<AdmissionOperation> { AdmissionOperation.Create, AdmissionOperation.Update, AdmissionOperation.Delete },
        MutateOperations: new HashSet<AdmissionOperation> { AdmissionOperation.Create, AdmissionOperation.Update },
        Decoding.ResourceDecoding.DecodeSubnet);

    [JsonPropertyName("spec")]
    public SubnetSpec? Spec { get; init; }

    [JsonPropertyName("status")]
    public SubnetStatus? Status { get; init; }

    /// <summary>An underlay Subnet with a vlan and no cidrBlock: Kube-OVN allocates MAC addresses only.</summary>
    [JsonIgnore]
    public bool IsMacOnly => string.IsNullOrEmpty(Spec?.CidrBlock) && !string.IsNullOrEmpty(Spec?.Vlan);

    /// <summary>True while Kube-OVN reports addresses in use (either family).</summary>
    [JsonIgnore]
    public bool HasIpsInUse => Status is { } s && ((s.V4UsingIps ?? 0) != 0 || (s.V6UsingIps ?? 0) != 0);
}

public sealed record SubnetSpec
{
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    [JsonPropertyName("cidrBlock")]
    public string? CidrBlock { get; init; }

    [JsonPropertyName("gateway")]
    public string? Gateway { get; init; }

    /// <summary>A JSON null entry stays null (Go would read it as ""): the rules name it rather than skip it.</summary>
    [JsonPropertyName("excludeIps")]
    public IReadOnlyList<string?>? ExcludeIps { get; init; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    [JsonPropertyName("vpc")]
    public string? Vpc { get; init; }

    [JsonPropertyName("vlan")]
    public string? Vlan { get; init; }

    /// <summary>Not a Subnet field: kubeovn/docs' non-primary-mode page writes <c>cidr:</c>, so it is read to say so.</summary>
    [JsonPropertyName("cidr")]
    public JsonElement? MisnamedCidr { get; init; }

}

public sealed record SubnetStatus
{
    /// <summary>A float64 in Kube-OVN's Go types.</summary>
    [JsonPropertyName("v4usingIPs")]
    public double? V4UsingIps { get; init; }

    [JsonPropertyName("v6usingIPs")]
    public double? V6UsingIps { get; init; }

}
