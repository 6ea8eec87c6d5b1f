using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AdmissionWebhook.Offline;

[JsonSerializable(typeof(JsonNode))]
internal sealed partial class OfflineJsonContext : JsonSerializerContext;
