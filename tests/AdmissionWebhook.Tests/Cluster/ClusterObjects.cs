using System.Text.Json.Nodes;

namespace AdmissionWebhook.Tests.Cluster;

/// <summary>API objects as the API server returns them.</summary>
internal static class ClusterObjects
{
    public const string Socket = "/run/openvswitch/kube-ovn-daemon.sock";

    public static JsonObject Nad(string @namespace, string name, string resourceVersion, string? provider = null) => new()
    {
        ["apiVersion"] = "k8s.cni.cncf.io/v1",
        ["kind"] = "NetworkAttachmentDefinition",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["resourceVersion"] = resourceVersion },
        ["spec"] = new JsonObject
        {
            ["config"] = new JsonObject
            {
                ["cniVersion"] = "0.3.0",
                ["type"] = "kube-ovn",
                ["server_socket"] = Socket,
                ["provider"] = provider ?? $"{name}.{@namespace}.ovn",
            }.ToJsonString(),
        },
    };

    public static JsonObject Subnet(string name, string provider, string resourceVersion, string cidr = "172.17.0.0/16") => new()
    {
        ["apiVersion"] = "kubeovn.io/v1",
        ["kind"] = "Subnet",
        ["metadata"] = new JsonObject { ["name"] = name, ["resourceVersion"] = resourceVersion },
        ["spec"] = new JsonObject
        {
            ["protocol"] = "IPv4",
            ["provider"] = provider,
            ["cidrBlock"] = cidr,
            ["gateway"] = cidr.Replace("0/16", "1", StringComparison.Ordinal),
            ["excludeIps"] = new JsonArray("172.17.0.0..172.17.0.10"),
        },
        ["status"] = new JsonObject { ["v4usingIPs"] = 3 },
    };
}
