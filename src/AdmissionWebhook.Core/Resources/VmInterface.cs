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
    public string? Name { get; set; }

    [JsonPropertyName("bridge")]
    public JsonObjectValue? Bridge { get; set; }

    [JsonPropertyName("masquerade")]
    public JsonObjectValue? Masquerade { get; set; }

    [JsonPropertyName("sriov")]
    public JsonObjectValue? Sriov { get; set; }

    /// <summary>The core passt binding (KubeVirt v1.8+).</summary>
    [JsonPropertyName("passtBinding")]
    public JsonObjectValue? PasstBinding { get; set; }

    /// <summary>Discontinued bindings, still decoded so the rules can name them.</summary>
    [JsonPropertyName("slirp")]
    public JsonObjectValue? Slirp { get; set; }

    [JsonPropertyName("macvtap")]
    public JsonObjectValue? Macvtap { get; set; }

    [JsonPropertyName("passt")]
    public JsonObjectValue? Passt { get; set; }

    /// <summary>A network binding plugin (<c>binding: {name: ...}</c>).</summary>
    [JsonPropertyName("binding")]
    public VmBindingPlugin? Binding { get; set; }

    /// <summary><c>""</c>/unset, <c>absent</c>, <c>up</c> or <c>down</c> (case-sensitive).</summary>
    [JsonPropertyName("state")]
    public string? State { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("macAddress")]
    public string? MacAddress { get; set; }

    [JsonPropertyName("pciAddress")]
    public string? PciAddress { get; set; }



    [JsonIgnore]
    public bool IsAbsent => State == StateAbsent;

    /// <summary>The JSON names of the binding members that are set, in declaration order (for messages).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Bindings
    {
        get
        {
            var bindings = new List<string>(BindingCount);
            foreach (var (name, member) in BindingMembers)
            {
                if (member(this) is not null)
                {
                    bindings.Add(name);
                }
            }
            return bindings;
        }
    }

    /// <summary>How many binding members are set; the rules ask this of every interface, so it allocates nothing.</summary>
    [JsonIgnore]
    public int BindingCount
    {
        get
        {
            var count = 0;
            foreach (var (_, member) in BindingMembers)
            {
                count += member(this) is null ? 0 : 1;
            }
            return count;
        }
    }

    /// <summary>The one binding of the interface; null when it has none or several.</summary>
    [JsonIgnore]
    public string? SingleBinding
    {
        get
        {
            string? single = null;
            foreach (var (name, member) in BindingMembers)
            {
                if (member(this) is null)
                {
                    continue;
                }
                if (single is not null)
                {
                    return null;
                }
                single = name;
            }
            return single;
        }
    }

    /// <summary>True when both interfaces set the same binding members (what <see cref="Bindings"/> lists).</summary>
    public bool HasSameBindingsAs(VmInterface other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (_, member) in BindingMembers)
        {
            if (member(this) is null != member(other) is null)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The binding as a person reads it: <c>bridge</c>, or <c>binding plugin "x"</c>.</summary>
    [JsonIgnore]
    public string BindingDescription => Bindings switch
    {
        [] => "no binding",
        [VmBinding.Plugin] => $"binding plugin \"{Binding?.Name}\"",
        var many => string.Join(" and ", many),
    };

    // The binding members in declaration order, read without building a list.
    private static readonly (string Name, Func<VmInterface, object?> Member)[] BindingMembers =
    [
        (VmBinding.Bridge, i => i.Bridge),
        (VmBinding.Masquerade, i => i.Masquerade),
        (VmBinding.Sriov, i => i.Sriov),
        (VmBinding.PasstBinding, i => i.PasstBinding),
        (VmBinding.Slirp, i => i.Slirp),
        (VmBinding.Macvtap, i => i.Macvtap),
        (VmBinding.Passt, i => i.Passt),
        (VmBinding.Plugin, i => i.Binding),
    ];
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
    public string? Name { get; set; }

}

/// <summary>A JSON object whose presence is what matters (<c>bridge: {}</c>); its members are not read.</summary>
public sealed record JsonObjectValue
{
}
