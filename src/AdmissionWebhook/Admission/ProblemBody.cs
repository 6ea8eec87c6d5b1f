using System.Text.Json.Serialization;

namespace AdmissionWebhook.Admission;

/// <summary>An RFC 9457 problem body, for answers that cannot be an AdmissionReview.</summary>
internal sealed record ProblemBody(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail);

[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class HostJsonContext : JsonSerializerContext
{
    /// <summary>Problem bodies quote what was wrong; keep quotes and non-ASCII readable (see AdmissionJsonContext.Wire).</summary>
    public static HostJsonContext Wire { get; } =
        new(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
