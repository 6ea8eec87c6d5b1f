using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdmissionWebhook.Resources;

/// <summary>One <c>spec.template.spec.networks[]</c> entry.</summary>
public sealed record VmNetwork
{
    /// <summary>Stands in for a JSON null entry.</summary>
    public static VmNetwork Empty { get; } = new();

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("pod")]
    public JsonObjectValue? Pod { get; set; }

    [JsonPropertyName("multus")]
    public VmMultusNetwork? Multus { get; set; }

    /// <summary>A DRA network (KubeVirt v1.9+); counted as a source.</summary>
    [JsonPropertyName("resourceClaim")]
    public JsonObjectValue? ResourceClaim { get; set; }


    /// <summary>The JSON names of the sources that are set (<c>pod</c>, <c>multus</c>, <c>resourceClaim</c>).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Sources
    {
        get
        {
            var sources = new List<string>(SourceCount);
            AddIfSet(sources, "pod", Pod);
            AddIfSet(sources, "multus", Multus);
            AddIfSet(sources, "resourceClaim", ResourceClaim);
            return sources;
        }
    }

    /// <summary>How many sources are set; asked of every network, so it allocates nothing.</summary>
    [JsonIgnore]
    public int SourceCount => (Pod is null ? 0 : 1) + (Multus is null ? 0 : 1) + (ResourceClaim is null ? 0 : 1);

    /// <summary>True when both networks set the same source members (what <see cref="Sources"/> lists).</summary>
    public bool HasSameSourcesAs(VmNetwork other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Pod is null == other.Pod is null && Multus is null == other.Multus is null && ResourceClaim is null == other.ResourceClaim is null;
    }

    [JsonIgnore]
    public bool IsPod => Pod is not null;

    /// <summary>A Multus network that replaces the pod network (<c>multus.default: true</c>).</summary>
    [JsonIgnore]
    public bool IsMultusDefault => Multus?.Default == true;

    /// <summary>The VM's default network: the pod network or a Multus default network (KubeVirt <c>LookUpDefaultNetwork</c>).</summary>
    [JsonIgnore]
    public bool IsDefault => IsPod || IsMultusDefault;

    private static void AddIfSet(List<string> sources, string name, object? member)
    {
        if (member is not null)
        {
            sources.Add(name);
        }
    }
}

public sealed record VmMultusNetwork
{
    /// <summary><c>name</c> or <c>namespace/name</c> of a NetworkAttachmentDefinition.</summary>
    [JsonPropertyName("networkName")]
    public string? NetworkName { get; set; }

    /// <summary>True when this Multus network replaces the pod network.</summary>
    [JsonPropertyName("default")]
    public bool? Default { get; set; }

}
