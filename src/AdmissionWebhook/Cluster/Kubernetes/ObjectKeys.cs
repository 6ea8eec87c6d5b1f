using System.Text.Json;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>Reads an API object's identity from its metadata without decoding the rest.</summary>
internal static class ObjectKeys
{
    public static NamespacedName NamespacedName(JsonElement item) => new(Metadata(item, "namespace"), Metadata(item, "name"));

    public static string Name(JsonElement item) => Metadata(item, "name");

    public static string ResourceVersion(JsonElement item) => Metadata(item, "resourceVersion");

    private static string Metadata(JsonElement item, string field) =>
        item.ValueKind == JsonValueKind.Object
        && item.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? string.Empty
            : string.Empty;
}
