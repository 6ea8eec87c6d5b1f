using System.Text.Json.Nodes;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Manifests;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Vectors;

/// <summary>One case of Vectors/cases (schema in its README).</summary>
internal sealed record AcceptanceVector(string Name, JsonObject Request, ClusterSnapshot Cluster, JsonObject Expect)
{
    public static IReadOnlyList<string> Names() =>
        [.. new[] { "kubevirt", "kubeovn" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Vectors, folder), "*.json")
                .Select(file => $"{folder}/{Path.GetFileName(file)}"))
            .Order(StringComparer.Ordinal)];

    public static AcceptanceVector Load(string name) =>
        From(name, JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Vectors, name)))!.AsObject());

    /// <summary>A vector written in code, with the schema of the files.</summary>
    public static AcceptanceVector From(string name, JsonObject root)
    {
        var path = Path.Combine(RepositoryPaths.Vectors, name);
        var documents = root["cluster"]!.AsArray()
            .Select((node, i) => new ManifestDocument(path, i, node!.AsObject(), new Dictionary<string, int>()));
        return new AcceptanceVector(name, root["request"]!.AsObject(), ClusterManifests.ToSnapshot(documents), root["expect"]!.AsObject())
        {
            ClusterObjects = root["cluster"]!.AsArray(),
        };
    }

    /// <summary>The cluster's objects as written in the vector (the offline tools read them as manifests).</summary>
    public JsonArray ClusterObjects { get; init; } = [];

    /// <summary>The webhook paths' resource part: <c>/mutate-&lt;this&gt;</c> and <c>/validate-&lt;this&gt;</c>.</summary>
    public string WebhookPathSuffix => Resource switch
    {
        "virtualmachines" => "kubevirt-io-v1-virtualmachine",
        "network-attachment-definitions" => "k8s-cni-cncf-io-v1-networkattachmentdefinition",
        _ => "kubeovn-io-v1-subnet",
    };

    public bool ExpectAllowed => Expect["allowed"]!.GetValue<bool>();

    public IReadOnlyList<string> DenyCodes => Strings("denyCodes");

    public IReadOnlyList<string> WarnCodes => Strings("warnCodes");

    public JsonObject? ExpectedPatch => Expect["patch"] as JsonObject;

    public JsonObject? ExpectedPatchedConfig => Expect["patchedConfig"] as JsonObject;

    public string Resource => Request["resource"]!["resource"]!.GetValue<string>();

    private IReadOnlyList<string> Strings(string member) =>
        Expect[member] is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];
}
