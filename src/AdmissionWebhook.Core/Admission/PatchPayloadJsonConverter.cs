using System.Text.Json;
using System.Text.Json.Serialization;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Admission;

/// <summary>
/// The AdmissionResponse's <c>patch</c>: a base64 string, as System.Text.Json writes a byte array, but written from the
/// patch's segments (<see cref="PatchPayload.WriteBase64"/>) so neither the patch nor its base64 is ever one array.
/// </summary>
public sealed class PatchPayloadJsonConverter : JsonConverter<PatchPayload>
{
    public override PatchPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PatchPayload.FromBytes(reader.GetBytesFromBase64());

    public override void Write(Utf8JsonWriter writer, PatchPayload value, JsonSerializerOptions options) => value.WriteBase64(writer);
}
