using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdmissionWebhook.Resources;

/// <summary>One <c>domain.devices.interfaces[]</c> entry. Binding members are present-or-null objects.</summary>
public sealed record VmInterface
{
    public const string StateAbsent = "absent";
    public const string StateUp = "up";
    public const string StateDown = "down";

    /// <summary>Stands in for a JSON null entry.</summary>
    public static VmInterface Empty { get; } = new();

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



    [JsonIgnore]
    public bool IsAbsent => State == StateAbsent;

    /// <summary>The JSON names of the binding members that are set, in declaration order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Bindings
    {
        get
        {
            var bindings = new List<string>(1);
            AddIfSet(bindings, VmBinding.Bridge, Bridge);
            AddIfSet(bindings, VmBinding.Masquerade, Masquerade);
            AddIfSet(bindings, VmBinding.Sriov, Sriov);
            AddIfSet(bindings, VmBinding.PasstBinding, PasstBinding);
            AddIfSet(bindings, VmBinding.Slirp, Slirp);
            AddIfSet(bindings, VmBinding.Macvtap, Macvtap);
            AddIfSet(bindings, VmBinding.Passt, Passt);
            AddIfSet(bindings, VmBinding.Plugin, Binding);
            return bindings;
        }
    }

    /// <summary>The one binding of the interface; null when it has none or several.</summary>
    [JsonIgnore]
    public string? SingleBinding => Bindings is [var only] ? only : null;

    /// <summary>The binding as a person reads it: <c>bridge</c>, or <c>binding plugin "x"</c>.</summary>
    [JsonIgnore]
    public string BindingDescription => Bindings switch
    {
        [] => "no binding",
        [VmBinding.Plugin] => $"binding plugin \"{Binding?.Name}\"",
        var many => string.Join(" and ", many),
    };

    private static void AddIfSet(List<string> bindings, string name, object? member)
    {
        if (member is not null)
        {
            bindings.Add(name);
        }
    }
}

/// <summary>The JSON names of KubeVirt's interface binding members.</summary>
public static class VmBinding
{
    public const string Bridge = "bridge";
    public const string Masquerade = "masquerade";
    public const string Sriov = "sriov";
    public const string PasstBinding = "passtBinding";
    public const string Slirp = "slirp";
    public const string Macvtap = "macvtap";
    public const string Passt = "passt";
    public const string Plugin = "binding";

    /// <summary>Bindings discontinued in KubeVirt v1.3, refused on CREATE.</summary>
    public static IReadOnlySet<string> Discontinued { get; } = new HashSet<string>(StringComparer.Ordinal) { Slirp, Macvtap, Passt };
}

/// <summary>A binding plugin reference.</summary>
public sealed record VmBindingPlugin
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

}

/// <summary>A JSON object whose presence is what matters (<c>bridge: {}</c>); its members are not read.</summary>
public sealed record JsonObjectValue
{
}
