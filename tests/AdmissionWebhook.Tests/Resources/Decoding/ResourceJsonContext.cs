using System.Text.Json.Serialization;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Tests.Resources.Decoding;

/// <summary>
/// The source-generated decode of the typed models that the hand-written decode replaced: kept only as the oracle of
/// the decode-equivalence tests (and to print models), so the product has one decode.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(VirtualMachine))]
[JsonSerializable(typeof(NetworkAttachmentDefinition))]
[JsonSerializable(typeof(Subnet))]
internal sealed partial class ResourceJsonContext : JsonSerializerContext;
