using System.Text.Json;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>The caches decode the API server's objects with the webhook's own decode, so a cached object reads as a reviewed one.</summary>
internal static class ClusterObjectDecoding
{
    /// <exception cref="JsonException">The object does not fit the model; the message names the field and what it must hold.</exception>
    public static T Decode<T>(JsonElement item, ResourceDescriptor<T> descriptor) where T : class =>
        ResourceDecoding.TryDecode(item, descriptor, out var value, out var failure)
            ? value!
            : throw new JsonException(failure?.ToString() ?? "the object is not a JSON object");
}
