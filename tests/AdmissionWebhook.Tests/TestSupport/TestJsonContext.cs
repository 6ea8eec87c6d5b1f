using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AdmissionWebhook.Tests.TestSupport;

[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
