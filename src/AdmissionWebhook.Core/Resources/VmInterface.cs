using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdmissionWebhook.Resources;

/// <summary>One <c>domain.devices.interfaces[]</c> entry. Binding members are present-or-null objects.</summary>
public sealed record VmInterface
{
    public const string StateAbsent = "absent";
    public const string StateUp = "up";
    public const string StateDown = "down";

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("bridge")]
    public JsonObjectValue? Bridge { get; init; }

    [JsonPropertyName("masquerade")]
    public JsonObjectValue? Masquerade { get; init; }

    [JsonPropertyName("sriov")]
    public JsonObjectValue? Sriov { get; init; }

    /// <summary>The core passt binding (KubeVirt v1.8+).</summary>
    [JsonPropertyName("passtBinding")]
    public JsonObjectValue? PasstBinding { get; init; }

    /// <summary>Discontinued bindings, still decoded so the rules can name them.</summary>
    [JsonPropertyName("slirp")]
    public JsonObjectValue? Slirp { get; init; }

    [JsonPropertyName("macvtap")]
    public JsonObjectValue? Macvtap { get; init; }

    [JsonPropertyName("passt")]
    public JsonObjectValue? Passt { get; init; }

    /// <summary>A network binding plugin (<c>binding: {name: ...}</c>).</summary>
    [JsonPropertyName("binding")]
    public VmBindingPlugin? Binding { get; init; }

    /// <summary><c>""</c>/unset, <c>absent</c>, <c>up</c> or <c>down</c> (case-sensitive).</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("macAddress")]
    public string? MacAddress { get; init; }

    [JsonPropertyName("pciAddress")]
    public string? PciAddress { get; init; }

    [JsonPropertyName("acpiIndex")]
    public int? AcpiIndex { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    [JsonIgnore]
    public bool IsAbsent => State == StateAbsent;
}

/// <summary>A binding plugin reference.</summary>
public sealed record VmBindingPlugin
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A JSON object whose presence is what matters (<c>bridge: {}</c>); its members are kept.</summary>
public sealed record JsonObjectValue
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Members { get; set; }
}
