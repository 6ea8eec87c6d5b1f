using System.Text.Json.Nodes;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;

namespace AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions;

/// <summary>
/// The NAD mutating webhook: exact patch (test + replace of the config string), the patched object, the strict
/// applier and idempotence (RuleHarness.MutateAndApplyAsync), then the validating webhook on the result.
/// </summary>
public sealed class NadMutationTests
{
    private static readonly RuleHarness<NetworkAttachmentDefinition> Harness =
        NadHarness(ClusterOf(Subnet("attach-subnet", "attachnet.default.ovn"), Subnet("macvlan", "macvlan.default")));

    private static async Task<(IReadOnlyList<AdmissionWebhook.Patching.JsonPatchOperation> Operations, IReadOnlyList<string> Codes, JsonNode? Patched)> Mutate(
        JsonObject nad, RuleHarness<NetworkAttachmentDefinition>? harness = null, string operation = "CREATE") =>
        await (harness ?? Harness).MutateAndApplyAsync(RuleHarness<NetworkAttachmentDefinition>.Request(operation, nad, operation == "UPDATE" ? nad.DeepClone() : null));

    /// <summary>
    /// Mutates <paramref name="nad"/> (whose config is <paramref name="config"/>) and asserts the whole outcome: exactly
    /// test + replace of that config by <paramref name="repaired"/>, the mutation codes, the patched object and that
    /// the validator accepts it.
    /// </summary>
    private static async Task AssertRepairedAsync(JsonObject nad, string config, string repaired, string[] codes, string operation = "CREATE")
    {
        var (operations, actualCodes, patched) = await Mutate(nad, operation: operation);
        AssertConfigPatch(operations, config, repaired);
        DecisionAssert.MutationCodes(actualCodes, codes);
        await AssertPatchedNad(nad, patched, repaired);
    }

    /// <summary>The patched object is the original with only spec.config replaced, and the validator accepts it.</summary>
    private static async Task AssertPatchedNad(JsonObject original, JsonNode? patched, string newConfig)
    {
        var expected = (JsonObject)original.DeepClone();
        expected["spec"]!["config"] = newConfig;
        Assert.True(JsonNode.DeepEquals(expected, patched), $"patched object: {patched?.ToJsonString()}");
        DecisionAssert.Allowed(await Harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("CREATE", patched, null)));
    }

    [Fact]
    public async Task Seed_nad_gets_no_patch()
    {
        var (operations, _, _) = await Mutate(Nad("attachnet", SeedConfig));
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Adds_the_missing_ovn_suffix_keeping_every_other_field_and_the_key_order()
    {
        const string config = "{\"cniVersion\": \"0.3.1\", \"type\": \"kube-ovn\", \"server_socket\": \"/run/openvswitch/kube-ovn-daemon.sock\", \"provider\": \"attachnet.default\", \"mtu\": 1400, \"routes\": [{\"dst\": \"10.0.0.0/8\"}], \"note\": \"a+b <c> é\"}";
        const string repaired = "{\"cniVersion\":\"0.3.1\",\"type\":\"kube-ovn\",\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\",\"provider\":\"attachnet.default.ovn\",\"mtu\":1400,\"routes\":[{\"dst\":\"10.0.0.0/8\"}],\"note\":\"a+b <c> é\"}";
        var nad = Nad("attachnet", config);
        await AssertRepairedAsync(nad, config, repaired, ["NadProviderMismatch"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ATTACHNET.DEFAULT.OVN")]
    [InlineData("Attachnet.Default")]
    public async Task Repairs_an_unambiguous_ovn_provider(string? provider)
    {
        var nad = Nad("attachnet", OvnConfig(provider));
        await AssertRepairedAsync(nad, OvnConfig(provider), OvnConfig("attachnet.default.ovn"), ["NadProviderMismatch"]);
    }

    [Theory]
    [InlineData("vm-net-1.default.ovn")]
    [InlineData("attachnet.kube-system.ovn")]
    [InlineData("ovn")]
    [InlineData("attachnet")]
    [InlineData("attachnet.default.ovn")]
    public async Task Leaves_a_canonical_or_ambiguous_provider_alone(string provider)
    {
        var (operations, _, _) = await Mutate(Nad("attachnet", OvnConfig(provider)));
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Repairs_the_provider_of_the_kube_ovn_plugin_in_a_plugin_list()
    {
        const string config = "{\"cniVersion\":\"0.3.1\",\"name\":\"attachnet\",\"plugins\":[{\"type\":\"kube-ovn\",\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\"},{\"type\":\"portmap\",\"provider\":\"x\"}]}";
        const string repaired = "{\"cniVersion\":\"0.3.1\",\"name\":\"attachnet\",\"plugins\":[{\"type\":\"kube-ovn\",\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\",\"provider\":\"attachnet.default.ovn\"},{\"type\":\"portmap\",\"provider\":\"x\"}]}";
        var nad = Nad("attachnet", config);
        await AssertRepairedAsync(nad, config, repaired, ["NadProviderMismatch"]);
    }

    [Theory]
    [InlineData("macvlan.default.ovn")]
    [InlineData(null)]
    public async Task Repairs_the_ipam_provider_to_the_name_and_namespace_without_suffix(string? provider)
    {
        var nad = Nad("macvlan", IpamConfig(provider));
        await AssertRepairedAsync(nad, IpamConfig(provider), IpamConfig("macvlan.default"), ["NadIpamProviderMismatch"]);
    }

    [Fact]
    public async Task Leaves_an_ipam_provider_that_names_another_nad_alone()
    {
        var (operations, _, _) = await Mutate(Nad("macvlan", IpamConfig("other.default")));
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Fills_a_missing_server_socket_with_the_default()
    {
        var nad = Nad("attachnet", OvnConfig("attachnet.default.ovn", socket: null));
        const string repaired = "{\"cniVersion\":\"0.3.1\",\"type\":\"kube-ovn\",\"provider\":\"attachnet.default.ovn\",\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\"}";
        await AssertRepairedAsync(nad, OvnConfig("attachnet.default.ovn", socket: null), repaired, ["NadServerSocketMissing"]);
    }

    [Fact]
    public async Task Fills_a_missing_ipam_server_socket_with_the_configured_default()
    {
        var policy = new AdmissionPolicy(defaultServerSocket: "/var/run/kube-ovn.sock");
        var harness = NadHarness(ClusterOf(Subnet("macvlan", "macvlan.default")), policy);
        var nad = Nad("macvlan", IpamConfig("macvlan.default", socket: null));
        var (operations, codes, _) = await Mutate(nad, harness);
        AssertConfigPatch(operations, IpamConfig("macvlan.default", socket: null),
            "{\"cniVersion\":\"0.3.1\",\"type\":\"macvlan\",\"master\":\"eth0\",\"mode\":\"bridge\",\"ipam\":{\"type\":\"kube-ovn\",\"provider\":\"macvlan.default\",\"server_socket\":\"/var/run/kube-ovn.sock\"}}");
        DecisionAssert.MutationCodes(codes, "NadServerSocketMissing");
    }

    [Fact]
    public async Task Leaves_a_relative_server_socket_for_the_validator_to_deny()
    {
        var (operations, _, _) = await Mutate(Nad("attachnet", OvnConfig("attachnet.default.ovn", socket: "kube-ovn.sock")));
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Repairs_provider_and_socket_in_one_replace()
    {
        var nad = Nad("attachnet", OvnConfig("attachnet.default", socket: null));
        const string repaired = "{\"cniVersion\":\"0.3.1\",\"type\":\"kube-ovn\",\"provider\":\"attachnet.default.ovn\",\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\"}";
        await AssertRepairedAsync(nad, OvnConfig("attachnet.default", socket: null), repaired, ["NadProviderMismatch", "NadServerSocketMissing"], operation: "UPDATE");
    }

    [Fact]
    public async Task Fills_only_the_socket_of_a_dotted_name_whose_provider_cannot_be_right()
    {
        var (operations, codes, _) = await Mutate(Nad("vm.net", OvnConfig(null, socket: null)));
        AssertConfigPatch(operations, OvnConfig(null, socket: null), "{\"cniVersion\":\"0.3.1\",\"type\":\"kube-ovn\",\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\"}");
        DecisionAssert.MutationCodes(codes, "NadServerSocketMissing");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{\"type\": \"kube-ovn\"")]
    [InlineData(BridgeConfig)]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"provider\":\"attachnet.default\"}")]
    public async Task Leaves_empty_invalid_and_non_kube_ovn_configs_alone(string? config)
    {
        var (operations, _, _) = await Mutate(Nad("attachnet", config));
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Rule_override_off_disables_the_repair()
    {
        var harness = NadHarness(ClusterOf(), PolicyWith("NadProviderMismatch", RuleAction.Off));
        var (operations, _, _) = await Mutate(Nad("attachnet", OvnConfig("attachnet.default")), harness);
        Assert.Empty(operations);
    }
}
