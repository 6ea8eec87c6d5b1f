using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdmissionWebhook.Resources;

/// <summary>The parts of <c>metadata</c> the rules read; other members are skipped while decoding.</summary>
public sealed record ObjectMeta
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }


    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; init; }

    /// <summary>Set once deletion has started; finalizer edits of such objects are let through.</summary>
    [JsonPropertyName("deletionTimestamp")]
    public string? DeletionTimestamp { get; init; }

    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

}
