using System.Text.Json.Nodes;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Rules.NetworkAttachmentDefinitions;
using AdmissionWebhook.Rules.Subnets;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions;

/// <summary>NADs and Subnets as the API server sends them, plus harnesses wired to an in-memory cluster.</summary>
internal static class KubeOvnObjects
{
    public const string Socket = "/run/openvswitch/kube-ovn-daemon.sock";

    /// <summary>The seed's NAD config (nic-hotplug.zh.md), as written there.</summary>
    public const string SeedConfig =
        "{\n      \"cniVersion\": \"0.3.0\",\n      \"type\": \"kube-ovn\",\n      \"server_socket\": \"/run/openvswitch/kube-ovn-daemon.sock\",\n      \"provider\": \"attachnet.default.ovn\"\n    }";

    public static JsonObject Nad(string name, string? config, string ns = "default")
    {
        var spec = new JsonObject();
        if (config is not null)
        {
            spec["config"] = config;
        }
        return new JsonObject
        {
            ["apiVersion"] = "k8s.cni.cncf.io/v1",
            ["kind"] = "NetworkAttachmentDefinition",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["resourceVersion"] = "7" },
            ["spec"] = spec,
        };
    }

    /// <summary>A single-plugin kube-ovn config; null leaves a key out.</summary>
    public static string OvnConfig(string? provider, string? socket = Socket, string? cniVersion = "0.3.1")
    {
        var config = new JsonObject();
        if (cniVersion is not null)
        {
            config["cniVersion"] = cniVersion;
        }
        config["type"] = "kube-ovn";
        if (socket is not null)
        {
            config["server_socket"] = socket;
        }
        if (provider is not null)
        {
            config["provider"] = provider;
        }
        return config.ToJsonString();
    }

    /// <summary>A macvlan config with Kube-OVN as IPAM; null leaves a key out.</summary>
    public static string IpamConfig(string? provider, string? socket = Socket)
    {
        var ipam = new JsonObject { ["type"] = "kube-ovn" };
        if (socket is not null)
        {
            ipam["server_socket"] = socket;
        }
        if (provider is not null)
        {
            ipam["provider"] = provider;
        }
        return new JsonObject { ["cniVersion"] = "0.3.1", ["type"] = "macvlan", ["master"] = "eth0", ["mode"] = "bridge", ["ipam"] = ipam }.ToJsonString();
    }

    public const string BridgeConfig = "{\"cniVersion\":\"0.3.1\",\"type\":\"bridge\",\"bridge\":\"br1\",\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.10.0.0/16\"}}";

    public static JsonObject Subnet(
        string name,
        string? provider,
        string? cidr = "172.17.0.0/16",
        string? gateway = null,
        string[]? excludeIps = null,
        string? protocol = null,
        string? vpc = null,
        string? vlan = null,
        double v4Using = 0,
        double v6Using = 0)
    {
        var spec = new JsonObject();
        void Set(string key, string? value)
        {
            if (value is not null)
            {
                spec[key] = value;
            }
        }
        Set("protocol", protocol);
        Set("provider", provider);
        Set("vpc", vpc);
        Set("vlan", vlan);
        Set("cidrBlock", cidr);
        Set("gateway", gateway);
        if (excludeIps is not null)
        {
            spec["excludeIps"] = new JsonArray([.. excludeIps.Select(e => (JsonNode?)e)]);
        }
        var subnet = new JsonObject
        {
            ["apiVersion"] = "kubeovn.io/v1",
            ["kind"] = "Subnet",
            ["metadata"] = new JsonObject { ["name"] = name, ["resourceVersion"] = "3" },
            ["spec"] = spec,
        };
        if (v4Using != 0 || v6Using != 0)
        {
            subnet["status"] = new JsonObject { ["v4usingIPs"] = v4Using, ["v6usingIPs"] = v6Using };
        }
        return subnet;
    }

    /// <summary>ovn-default and join as a fresh Kube-OVN install has them.</summary>
    public static JsonObject[] DefaultSubnets =>
    [
        Subnet("ovn-default", "ovn", "10.16.0.0/16", "10.16.0.1", ["10.16.0.1"], "IPv4", "ovn-cluster"),
        Subnet("join", "ovn", "100.64.0.0/16", "100.64.0.1", ["100.64.0.1"], "IPv4", "ovn-cluster"),
    ];

    public static ClusterSnapshot ClusterOf(params JsonNode[] objects) => ClusterBuilder.FromObjects(objects);

    public static RuleHarness<NetworkAttachmentDefinition> NadHarness(ClusterSnapshot cluster, AdmissionPolicy? policy = null) =>
        new(new NadValidator(cluster), new NadMutator(), policy);

    public static RuleHarness<Subnet> SubnetHarness(ClusterSnapshot cluster, AdmissionPolicy? policy = null) =>
        new(new SubnetValidator(cluster, cluster), new SubnetMutator(cluster), policy);

    public static AdmissionPolicy PolicyWith(string code, RuleAction action) =>
        new(new Dictionary<string, RuleAction> { [code] = action });

    /// <summary>The exact NAD config patch: a test of the old string, then a replace with the new one.</summary>
    public static void AssertConfigPatch(IReadOnlyList<JsonPatchOperation> operations, string oldConfig, string newConfig)
    {
        Assert.Collection(operations,
            test =>
            {
                Assert.Equal(JsonPatchOperation.TestOp, test.Op);
                Assert.Equal("/spec/config", test.Path.ToString());
                Assert.Equal(oldConfig, test.Value!.GetValue<string>());
            },
            replace =>
            {
                Assert.Equal(JsonPatchOperation.ReplaceOp, replace.Op);
                Assert.Equal("/spec/config", replace.Path.ToString());
                Assert.Equal(newConfig, replace.Value!.GetValue<string>());
            });
    }
}
