using System.Text.Json.Nodes;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Manifests;

namespace AdmissionWebhook.Tests.TestSupport;

/// <summary>Builds an in-memory cluster from objects written as YAML or JSON (the way manifests are read).</summary>
public static class ClusterBuilder
{
    public static ClusterSnapshot FromYaml(string yaml) => ClusterManifests.ToSnapshot(ManifestReader.ReadText(yaml, "test"));

    public static ClusterSnapshot FromObjects(params JsonNode[] objects) => ClusterManifests.ToSnapshot(
        objects.Select((o, i) => new ManifestDocument("test", i + 1, o.AsObject(), new Dictionary<string, int>())));

    /// <summary>Parses one object from YAML (or JSON) text.</summary>
    public static JsonObject Object(string yaml) => Assert.Single(ManifestReader.ReadText(yaml, "test")).Object;
}
