using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Rules.VirtualMachines;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// The seed's Fedora VM (default/vm-fedora) with the interfaces and networks a case needs, written as JSON text so a
/// case reads like the manifest it stands for; plus the seed cluster (NAD attachnet and its Subnet) and a harness.
/// </summary>
internal static class VmTestData
{
    public const string Interfaces = "spec.template.spec.domain.devices.interfaces";
    public const string Networks = "spec.template.spec.networks";
    public const string Exempt = AdmissionPolicy.KubeVirtControllerUser;

    public const string DefaultIface = """{"masquerade":{},"name":"defaultnetwork"}""";
    public const string DefaultNet = """{"name":"defaultnetwork","pod":{}}""";

    public static string IfaceAt(int index, string? member = null) => member is null ? $"{Interfaces}[{index}]" : $"{Interfaces}[{index}].{member}";

    public static string NetAt(int index, string? member = null) => member is null ? $"{Networks}[{index}]" : $"{Networks}[{index}].{member}";

    /// <summary>A bridge interface; <paramref name="extra"/> is more members, e.g. <c>,"state":"absent"</c>.</summary>
    public static string Bridge(string name, string extra = "") => $$"""{"name":"{{name}}","bridge":{}{{extra}}}""";

    public static string Sriov(string name, string extra = "") => $$"""{"name":"{{name}}","sriov":{}{{extra}}}""";

    public static string Multus(string name, string nad = "attachnet") => $"{{\"name\":\"{name}\",\"multus\":{{\"networkName\":\"{nad}\"}}}}";

    /// <summary>The VM with these interfaces and networks; running by <c>runStrategy: Always</c> unless told otherwise.</summary>
    public static JsonObject Vm(string[] interfaces, string[] networks, string? runStrategy = "Always", string? status = null)
    {
        var vm = JsonNode.Parse($$$"""
            {
              "apiVersion": "kubevirt.io/v1",
              "kind": "VirtualMachine",
              "metadata": {"name": "vm-fedora", "namespace": "default"},
              "spec": {
                "template": {
                  "spec": {
                    "domain": {
                      "devices": {
                        "disks": [{"disk": {"bus": "virtio"}, "name": "containerdisk"}],
                        "interfaces": [{{{string.Join(",", interfaces)}}}],
                        "rng": {}
                      },
                      "resources": {"requests": {"memory": "1024M"}}
                    },
                    "networks": [{{{string.Join(",", networks)}}}],
                    "terminationGracePeriodSeconds": 0,
                    "volumes": [{"containerDisk": {"image": "quay.io/kubevirt/fedora-with-test-tooling-container-disk:devel"}, "name": "containerdisk"}]
                  }
                }
              }
            }
            """)!.AsObject();
        if (runStrategy is not null)
        {
            vm["spec"]!.AsObject().Insert(0, "runStrategy", runStrategy);
        }
        if (status is not null)
        {
            vm["status"] = JsonNode.Parse(status);
        }
        return vm;
    }

    /// <summary>The seed VM before the hot-plug: only the masquerade interface on the pod network.</summary>
    public static JsonObject Seed(string? runStrategy = "Always", string? status = null) => Vm([DefaultIface], [DefaultNet], runStrategy, status);

    /// <summary>The seed VM after the hot-plug: dyniface1 (bridge) on attachnet.</summary>
    public static JsonObject Plugged(string ifaceExtra = "", string? runStrategy = "Always", string? status = null) =>
        Vm([DefaultIface, Bridge("dyniface1", ifaceExtra)], [DefaultNet, Multus("dyniface1")], runStrategy, status);

    /// <summary>NAD default/attachnet (OVN flavour) and the Subnet that carries attachnet.default.ovn, as in deploy/examples.</summary>
    public const string SeedClusterYaml = """
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata: {name: attachnet, namespace: default}
        spec:
          config: '{"cniVersion":"0.3.0","type":"kube-ovn","server_socket":"/run/openvswitch/kube-ovn-daemon.sock","provider":"attachnet.default.ovn"}'
        ---
        apiVersion: kubeovn.io/v1
        kind: Subnet
        metadata: {name: attachnet}
        spec: {protocol: IPv4, provider: attachnet.default.ovn, cidrBlock: 172.17.0.0/16, gateway: 172.17.0.1}
        ---
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata: {name: sriov-attachnet, namespace: default}
        spec:
          config: '{"cniVersion":"0.3.1","name":"sriov-attachnet","type":"sriov","vlan":0}'
        ---
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata: {name: nosubnet, namespace: default}
        spec:
          config: '{"cniVersion":"0.3.0","type":"kube-ovn","server_socket":"/run/openvswitch/kube-ovn-daemon.sock","provider":"nosubnet.default.ovn"}'
        ---
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata: {name: macvlan-ipam, namespace: default}
        spec:
          config: '{"cniVersion":"0.3.1","type":"macvlan","master":"eth0","ipam":{"type":"kube-ovn","server_socket":"/run/openvswitch/kube-ovn-daemon.sock","provider":"macvlan-ipam.default"}}'
        ---
        apiVersion: kubeovn.io/v1
        kind: Subnet
        metadata: {name: macvlan-ipam}
        spec: {protocol: IPv4, provider: macvlan-ipam.default, cidrBlock: 172.18.0.0/16, gateway: 172.18.0.1}
        ---
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata: {name: attachnet, namespace: other}
        spec:
          config: '{"cniVersion":"0.3.0","type":"kube-ovn","server_socket":"/run/openvswitch/kube-ovn-daemon.sock","provider":"attachnet.other.ovn"}'
        ---
        apiVersion: kubeovn.io/v1
        kind: Subnet
        metadata: {name: attachnet-other}
        spec: {protocol: IPv4, provider: attachnet.other.ovn, cidrBlock: 172.19.0.0/16, gateway: 172.19.0.1}
        """;

    public static ClusterSnapshot SeedCluster { get; } = ClusterBuilder.FromYaml(SeedClusterYaml);

    /// <summary>The harness with one rule switched off (its mutation and its validation).</summary>
    public static RuleHarness<VirtualMachine> HarnessWithout(string code) =>
        Harness(policy: new AdmissionPolicy(new Dictionary<string, RuleAction> { [code] = RuleAction.Off }));

    public static RuleHarness<VirtualMachine> Harness(ClusterSnapshot? cluster = null, AdmissionPolicy? policy = null)
    {
        var snapshot = cluster ?? SeedCluster;
        return new RuleHarness<VirtualMachine>(new VirtualMachineValidator(snapshot, snapshot), new VirtualMachineMutator(snapshot), policy);
    }

    public static AdmissionRequest Create(JsonObject vm, string user = "alice") => RuleHarness<VirtualMachine>.Request("CREATE", vm, null, user);

    /// <summary>A running seed VM hot-plugging <paramref name="count"/> interfaces without a binding (cost tests).</summary>
    public static AdmissionRequest HotPlugMany(int count)
    {
        var names = Enumerable.Range(1, count).Select(i => $"hot{i}").ToArray();
        var current = Vm([DefaultIface, .. names.Select(n => $$"""{"name":"{{n}}"}""")], [DefaultNet, .. names.Select(n => Multus(n))]);
        return Update(Seed(), current);
    }

    /// <summary>A running VM with <paramref name="count"/> plugged bridge interfaces, all removed outright (cost tests).</summary>
    public static AdmissionRequest RemoveManyOutright(int count)
    {
        var names = Enumerable.Range(1, count).Select(i => $"plugged{i}").ToArray();
        JsonObject old = Vm([DefaultIface, .. names.Select(n => Bridge(n))], [DefaultNet, .. names.Select(n => Multus(n))]);
        return Update(old, Seed());
    }

    public static AdmissionRequest Update(JsonObject old, JsonObject current, string user = "alice") =>
        RuleHarness<VirtualMachine>.Request("UPDATE", current, old, user);
}
