using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;

namespace AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions;

/// <summary>
/// The top user mistakes of kubeovn-facts.md §5, each through the whole pipeline as the API server runs it (mutate,
/// apply, validate the patched object): either repaired by a patch and then allowed, or denied with a message that
/// says what to change.
/// </summary>
public sealed class KubeOvnClassicMistakesTests
{
    private static readonly JsonObject AttachNad = Nad("attachnet", OvnConfig("attachnet.default.ovn"));
    private static readonly JsonObject AttachSubnet = Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/16", "172.17.0.1", ["172.17.0.0..172.17.0.10"], "IPv4");

    private static async Task<(bool Patched, AdmissionDecision Decision)> RunNad(string operation, JsonObject? nad, JsonObject? old, ClusterSnapshot cluster)
    {
        var harness = NadHarness(cluster);
        var (patched, current) = operation == "DELETE" ? (false, (JsonNode?)null) : await MutateAsync(harness, RuleHarness<NetworkAttachmentDefinition>.Request(operation, nad, old));
        return (patched, await harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request(operation, current, old)));
    }

    private static async Task<(bool Patched, AdmissionDecision Decision)> RunSubnet(JsonObject subnet, ClusterSnapshot cluster)
    {
        var harness = SubnetHarness(cluster);
        var (patched, current) = await MutateAsync(harness, RuleHarness<Subnet>.Request("CREATE", subnet, null));
        return (patched, await harness.ValidateAsync(RuleHarness<Subnet>.Request("CREATE", current, null)));
    }

    private static async Task<(bool, JsonNode?)> MutateAsync<T>(RuleHarness<T> harness, AdmissionRequest request) where T : class, IAdmissionResource<T>
    {
        var (operations, _, patched) = await harness.MutateAndApplyAsync(request);
        return (operations.Count > 0, patched);
    }

    private static void AssertDenied(AdmissionDecision decision, string code, string fix)
    {
        Assert.Contains(code, decision.Codes);
        Assert.IsType<AdmissionDecision.Deny>(decision);
        Assert.Contains(fix, DecisionAssert.MessageOf(decision, code), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_nad_and_subnet_pass_untouched()
    {
        var (nadPatched, nadDecision) = await RunNad("CREATE", Nad("attachnet", SeedConfig), null, ClusterOf(AttachSubnet));
        var (subnetPatched, subnetDecision) = await RunSubnet(AttachSubnet, ClusterOf([Nad("attachnet", SeedConfig), .. DefaultSubnets]));
        Assert.False(nadPatched);
        Assert.False(subnetPatched);
        DecisionAssert.Allowed(nadDecision);
        DecisionAssert.Allowed(subnetDecision);
    }

    [Fact]
    public async Task Mistake_1_nad_provider_naming_another_nad_is_denied_with_the_right_provider()
    {
        var (patched, decision) = await RunNad("CREATE", Nad("attachnet-a", OvnConfig("attachnet-b.default.ovn")), null, ClusterOf(AttachSubnet));
        Assert.False(patched);
        AssertDenied(decision, "NadProviderMismatch", "set it to \"attachnet-a.default.ovn\"");
    }

    [Fact]
    public async Task Mistake_1_subnet_provider_naming_no_nad_is_warned_about()
    {
        // Only a warning: the Kube-OVN docs create Subnets before their NADs (docs/rules.md).
        var (patched, decision) = await RunSubnet(Subnet("attach-subnet", "attachnet-b.default.ovn"), ClusterOf(AttachNad));
        Assert.False(patched);
        DecisionAssert.Allowed(decision, "SubnetProviderNadMissing");
        Assert.Contains("attachnet-b does not exist yet", DecisionAssert.MessageOf(decision, "SubnetProviderNadMissing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mistake_2_missing_ovn_suffix_is_repaired_on_nad_and_subnet()
    {
        var (nadPatched, nadDecision) = await RunNad("CREATE", Nad("attachnet", OvnConfig("attachnet.default")), null, ClusterOf(AttachSubnet));
        var (subnetPatched, subnetDecision) = await RunSubnet(Subnet("attach-subnet", "attachnet.default"), ClusterOf(AttachNad));
        Assert.True(nadPatched);
        Assert.True(subnetPatched);
        DecisionAssert.Allowed(nadDecision);
        DecisionAssert.Allowed(subnetDecision);
    }

    [Fact]
    public async Task Mistake_3_ovn_suffix_on_an_ipam_nad_or_subnet_is_repaired()
    {
        var macvlan = Nad("macvlan", IpamConfig("macvlan.default"));
        var (nadPatched, nadDecision) = await RunNad("CREATE", Nad("macvlan", IpamConfig("macvlan.default.ovn")), null, ClusterOf(Subnet("macvlan", "macvlan.default")));
        var (subnetPatched, subnetDecision) = await RunSubnet(Subnet("macvlan", "macvlan.default.ovn"), ClusterOf(macvlan));
        Assert.True(nadPatched);
        Assert.True(subnetPatched);
        DecisionAssert.Allowed(nadDecision);
        DecisionAssert.Allowed(subnetDecision);
    }

    [Fact]
    public async Task Mistake_4_missing_ipam_provider_is_repaired()
    {
        var (patched, decision) = await RunNad("CREATE", Nad("macvlan", IpamConfig(null)), null, ClusterOf(Subnet("macvlan", "macvlan.default")));
        Assert.True(patched);
        DecisionAssert.Allowed(decision);
    }

    [Fact]
    public async Task Mistake_5_a_second_subnet_on_one_provider_is_denied()
    {
        var (patched, decision) = await RunSubnet(Subnet("attach-subnet-b", "attachnet.default.ovn", "172.18.0.0/16"), ClusterOf(AttachNad, AttachSubnet));
        Assert.False(patched);
        AssertDenied(decision, "SubnetProviderDuplicate", "give this Subnet its own NetworkAttachmentDefinition");
    }

    [Fact]
    public async Task Mistake_6_deleting_a_nad_before_its_subnet_is_denied()
    {
        var (_, decision) = await RunNad("DELETE", null, AttachNad, ClusterOf(AttachNad, AttachSubnet));
        AssertDenied(decision, "NadInUseBySubnet", "delete that Subnet or change its spec.provider first");
    }

    [Fact]
    public async Task Mistake_8_missing_server_socket_is_filled_in()
    {
        var (patched, decision) = await RunNad("CREATE", Nad("attachnet", OvnConfig("attachnet.default.ovn", socket: null)), null, ClusterOf(AttachSubnet));
        Assert.True(patched);
        DecisionAssert.Allowed(decision);
    }

    [Fact]
    public async Task Mistake_9_cidr_instead_of_cidr_block_is_denied_naming_the_field()
    {
        var subnet = Subnet("attach-subnet", "attachnet.default.ovn", cidr: null, gateway: "172.17.0.1");
        subnet["spec"]!["cidr"] = "172.17.0.0/16";
        var (_, decision) = await RunSubnet(subnet, ClusterOf(AttachNad));
        AssertDenied(decision, "SubnetCidrInvalid", "the field is cidrBlock, not cidr");
    }

    [Fact]
    public async Task Mistake_9_lower_case_protocol_is_denied_with_the_right_spelling()
    {
        var (_, decision) = await RunSubnet(Subnet("attach-subnet", "attachnet.default.ovn", protocol: "ipv4"), ClusterOf(AttachNad));
        AssertDenied(decision, "SubnetProtocolInvalid", "write \"IPv4\"");
    }

    [Fact]
    public async Task Mistake_10_default_nad_plugin_list_without_provider_is_repaired()
    {
        const string conflist = "{\"cniVersion\":\"0.3.1\",\"name\":\"default\",\"plugins\":[{\"type\":\"kube-ovn\",\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\"},{\"type\":\"portmap\",\"capabilities\":{\"portMappings\":true}}]}";
        var (patched, decision) = await RunNad("CREATE", Nad("default", conflist, "kube-system"), null, ClusterOf(Subnet("default-attach", "default.kube-system.ovn")));
        Assert.True(patched);
        DecisionAssert.Allowed(decision);
    }
}
