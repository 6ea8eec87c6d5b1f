using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdmissionWebhook.Admission;

/// <summary>Source-generated serialisation for every wire type: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(AdmissionReview))]
public sealed partial class AdmissionJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context every AdmissionReview is written with. The default encoder escapes HTML-sensitive characters (a quote
    /// as <c>\u0022</c>, <c>&lt;</c>, <c>+</c>, non-ASCII), which kubectl users would read in denial messages; the
    /// relaxed encoder still escapes what JSON requires, so Go decodes the same strings. The body is JSON for the API
    /// server, never embedded in HTML.
    /// </summary>
    public static AdmissionJsonContext Wire { get; } =
        new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, AllowTrailingCommas = false });
}
