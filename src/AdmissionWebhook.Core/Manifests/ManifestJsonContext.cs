using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AdmissionWebhook.Manifests;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
