using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>
/// The API server's answers read as plain <see cref="JsonElement"/>s, without reflection (the webhook ships as a Native
/// AOT binary); the caches decode the objects with the source-generated resource models.
/// </summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ApiServerJsonContext : JsonSerializerContext;
