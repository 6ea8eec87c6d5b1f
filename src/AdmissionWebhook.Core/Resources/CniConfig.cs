using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Resources;

/// <summary>How a NAD's CNI config involves Kube-OVN (docs/rules.md, "Kube-OVN NAD").</summary>
public enum CniFlavour
{
    /// <summary>Not a Kube-OVN NAD (or the config is empty or invalid).</summary>
    None,

    /// <summary><c>type: kube-ovn</c> at top level or in a <c>plugins[]</c> entry: a full OVN attachment.</summary>
    Ovn,

    /// <summary><c>ipam.type: kube-ovn</c> on the top level or a plugin: Kube-OVN allocates addresses only.</summary>
    Ipam,
}

/// <summary>Whether <c>spec.config</c> could be read at all.</summary>
public enum CniConfigState
{
    Empty,
    Invalid,
    Valid,
}

/// <summary>
/// A read-only classification of a NAD's CNI config. <see cref="KubeOvnSection"/> points (inside the config
/// document) at the object that holds the Kube-OVN <c>provider</c> and <c>server_socket</c>: the top level or a
/// plugin for the OVN flavour, the top-level or a plugin's <c>ipam</c> for the IPAM flavour.
/// </summary>
public sealed record CniConfig
{
    public const string KubeOvnType = "kube-ovn";
    public const string ProviderKey = "provider";
    public const string ServerSocketKey = "server_socket";

    /// <summary>
    /// The versions the kube-ovn plugin accepts: CNI library v1.3.0 <c>version.All</c>, matched as exact strings.
    /// </summary>
    public static FrozenSet<string> SupportedCniVersions { get; } =
        FrozenSet.ToFrozenSet(["0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"], StringComparer.Ordinal);

    public required CniConfigState State { get; init; }

    /// <summary>The parser's own words when <see cref="State"/> is Invalid.</summary>
    public string? Error { get; init; }

    /// <summary>The parsed document (a fresh copy per parse; callers must not share it across threads).</summary>
    public JsonObject? Document { get; init; }

    public CniFlavour Flavour { get; init; }

    /// <summary>Where the Kube-OVN provider and socket live; null when <see cref="Flavour"/> is None.</summary>
    public JsonPointer? KubeOvnSection { get; init; }

    /// <summary>The raw provider value; null when missing.</summary>
    public JsonNode? ProviderValue { get; init; }

    /// <summary>The raw server_socket value; null when missing.</summary>
    public JsonNode? ServerSocketValue { get; init; }

    /// <summary>The top-level <c>cniVersion</c>, null when missing.</summary>
    public JsonNode? CniVersionValue { get; init; }

    /// <summary>The provider when it is a JSON string.</summary>
    public string? Provider => AsString(ProviderValue);

    public string? ServerSocket => AsString(ServerSocketValue);

    public string? CniVersion => AsString(CniVersionValue);

    public bool IsKubeOvn => Flavour != CniFlavour.None;

    /// <summary>The provider as written: the string, the raw JSON of a non-string, null when missing or JSON null.</summary>
    public string? ProviderText => AsText(ProviderValue);

    /// <summary>The server_socket as written, like <see cref="ProviderText"/>.</summary>
    public string? ServerSocketText => AsText(ServerSocketValue);

    /// <summary>The cniVersion as written, like <see cref="ProviderText"/>.</summary>
    public string? CniVersionText => AsText(CniVersionValue);

    /// <summary>
    /// Why Multus could not load the config as a plugin or plugin list (<c>type</c>, <c>plugins</c>);
    /// empty when it can, or when the config is empty or not JSON.
    /// </summary>
    public IReadOnlyList<string> TypeProblems { get; init; } = [];

    /// <summary>Where a Kube-OVN key lives, for messages: <c>provider</c>, <c>ipam.provider</c>, <c>plugins[0].provider</c>.</summary>
    public string DescribeKubeOvnField(string key)
    {
        var segments = KubeOvnSection?.Segments ?? [];
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            if (i > 0 && segments[i - 1] == "plugins")
            {
                builder.Append('[').Append(segments[i]).Append(']');
                continue;
            }
            builder.Append(builder.Length == 0 ? string.Empty : ".").Append(segments[i]);
        }
        return builder.Length == 0 ? key : $"{builder}.{key}";
    }

    /// <summary>
    /// The config text with the Kube-OVN section's provider and/or server_socket set (null leaves a field as it
    /// is). Every other field and the key order are kept; a new key goes last in its section.
    /// </summary>
    public string WithKubeOvnFields(string? provider, string? serverSocket)
    {
        if (Document is null || KubeOvnSection is not { } pointer)
        {
            throw new InvalidOperationException("only a Kube-OVN config has a provider and server_socket to set");
        }
        var copy = Document.DeepClone().AsObject();
        var section = (JsonObject)JsonPatchApplier.Resolve(copy, pointer)!;
        if (provider is not null)
        {
            section[ProviderKey] = JsonValue.Create(provider);
        }
        if (serverSocket is not null)
        {
            section[ServerSocketKey] = JsonValue.Create(serverSocket);
        }
        // Every untouched value keeps its text as written in the config; only the new strings are encoded.
        return JsonText.ToJson(copy);
    }

    public static CniConfig Parse(string? config)
    {
        if (string.IsNullOrWhiteSpace(config))
        {
            return new CniConfig { State = CniConfigState.Empty };
        }
        JsonNode? node;
        try
        {
            // Read as the CNI plugins (Go) read it: a duplicate key's last value, a lone surrogate as U+FFFD.
            node = GoJsonReader.Parse(config);
        }
        catch (JsonException e)
        {
            return new CniConfig { State = CniConfigState.Invalid, Error = e.Message };
        }
        if (node is not JsonObject root)
        {
            return new CniConfig { State = CniConfigState.Invalid, Error = $"the config is a JSON {Describe(node)}, not an object" };
        }
        var (flavour, section) = Classify(root);
        var sectionObject = section is { } pointer ? JsonPatchApplier.Resolve(root, pointer) as JsonObject : null;
        return new CniConfig
        {
            State = CniConfigState.Valid,
            Document = root,
            Flavour = flavour,
            KubeOvnSection = section,
            ProviderValue = sectionObject?[ProviderKey],
            ServerSocketValue = sectionObject?[ServerSocketKey],
            CniVersionValue = root["cniVersion"],
            TypeProblems = FindTypeProblems(root),
        };
    }

    // Multus (LoadDelegateNetConfList) and libcni (ConfListFromBytes) rules, in words a person can act on.
    private static List<string> FindTypeProblems(JsonObject root)
    {
        var problems = new List<string>();
        if (!root.ContainsKey("plugins"))
        {
            if (AsString(root["type"]) is not { Length: > 0 })
            {
                problems.Add("the config has no \"type\" (and no \"plugins\" list)");
            }
            return problems;
        }
        if (root["plugins"] is not JsonArray plugins || plugins.Count == 0)
        {
            problems.Add("\"plugins\" must be a non-empty array of plugin objects");
            return problems;
        }
        for (var i = 0; i < plugins.Count; i++)
        {
            if (plugins[i] is not JsonObject plugin || AsString(plugin["type"]) is not { Length: > 0 })
            {
                problems.Add($"plugins[{i}] has no \"type\"");
            }
        }
        // No "name" check: a plugin list without one loads, Multus fills it in from the NAD (GetCNIConfigFromSpec).
        return problems;
    }

    private static (CniFlavour, JsonPointer?) Classify(JsonObject root)
    {
        // The OVN flavour wins: the kube-ovn plugin reads ipam only when its own type is something else.
        if (IsKubeOvnType(root["type"]))
        {
            return (CniFlavour.Ovn, JsonPointer.Root);
        }
        var plugins = root["plugins"] as JsonArray;
        if (plugins is not null)
        {
            for (var i = 0; i < plugins.Count; i++)
            {
                if (plugins[i] is JsonObject plugin && IsKubeOvnType(plugin["type"]))
                {
                    return (CniFlavour.Ovn, JsonPointer.Of("plugins", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }
        if (root["ipam"] is JsonObject ipam && IsKubeOvnType(ipam["type"]))
        {
            return (CniFlavour.Ipam, JsonPointer.Of("ipam"));
        }
        if (plugins is not null)
        {
            for (var i = 0; i < plugins.Count; i++)
            {
                if (plugins[i] is JsonObject plugin && plugin["ipam"] is JsonObject pluginIpam && IsKubeOvnType(pluginIpam["type"]))
                {
                    return (CniFlavour.Ipam, JsonPointer.Of("plugins", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "ipam"));
                }
            }
        }
        return (CniFlavour.None, null);
    }

    private static bool IsKubeOvnType(JsonNode? type) => AsString(type) == KubeOvnType;

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string? AsText(JsonNode? node) => node is null ? null : AsString(node) ?? node.ToJsonString();

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "array",
        _ => node.GetValueKind().ToString().ToLowerInvariant(),
    };
}
