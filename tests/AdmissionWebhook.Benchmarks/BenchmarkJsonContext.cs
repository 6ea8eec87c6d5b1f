using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AdmissionWebhook.Benchmarks;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
