using System.Text.Json.Serialization;

namespace AdmissionWebhook.Resources;

/// <summary>The members every reviewed object shares: type meta and the parts of <c>metadata</c> the rules read.</summary>
public abstract record KubernetesObject
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    /// <summary><c>metadata.name</c>, empty when unset (CREATE with <c>generateName</c>).</summary>
    [JsonIgnore]
    public string Name => Metadata?.Name ?? string.Empty;

    /// <summary><c>metadata.namespace</c>, empty for cluster-scoped objects.</summary>
    [JsonIgnore]
    public string Namespace => Metadata?.Namespace ?? string.Empty;
}
