using System.Text.Json.Serialization;

namespace AdmissionWebhook.Admission;

/// <summary>Source-generated serialisation for every wire type: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(AdmissionReview))]
public sealed partial class AdmissionJsonContext : JsonSerializerContext;
