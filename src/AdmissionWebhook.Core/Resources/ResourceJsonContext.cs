using System.Text.Json.Serialization;

namespace AdmissionWebhook.Resources;

/// <summary>Source-generated decoding of the typed partial models.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(VirtualMachine))]
[JsonSerializable(typeof(NetworkAttachmentDefinition))]
[JsonSerializable(typeof(Subnet))]
public sealed partial class ResourceJsonContext : JsonSerializerContext;
