using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdmissionWebhook.Resources;

/// <summary>The parts of <c>metadata</c> the rules read; other members are skipped while decoding.</summary>
public sealed record ObjectMeta
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }


    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }

    /// <summary>Set once deletion has started; finalizer edits of such objects are let through.</summary>
    [JsonPropertyName("deletionTimestamp")]
    public string? DeletionTimestamp { get; set; }

    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; set; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; set; }

}
