using System.Text.Json.Nodes;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;

namespace AdmissionWebhook.Tests.Rules.Subnets;

/// <summary>
/// SubnetProviderFlavourMismatch repairs: exact patch, patched object, strict applier and idempotence
/// (RuleHarness.MutateAndApplyAsync), then the validating webhook on the result.
/// </summary>
public sealed class SubnetMutationTests
{
    private static readonly ClusterSnapshot Installed = ClusterOf(
    [
        Nad("attachnet", OvnConfig("attachnet.default.ovn")),
        Nad("macvlan", IpamConfig("macvlan.default")),
        Nad("br1", BridgeConfig),
        .. DefaultSubnets,
    ]);

    private static async Task<(IReadOnlyList<JsonPatchOperation> Operations, IReadOnlyList<string> Codes, JsonNode? Patched)> Mutate(
        JsonObject subnet, JsonObject? old = null, AdmissionPolicy? policy = null) =>
        await SubnetHarness(Installed, policy).MutateAndApplyAsync(RuleHarness<Subnet>.Request(old is null ? "CREATE" : "UPDATE", subnet, old));

    [Theory]
    [InlineData("attachnet.default", "attachnet.default.ovn")]
    [InlineData("macvlan.default.ovn", "macvlan.default")]
    public async Task Rewrites_the_provider_suffix_to_the_nads_flavour(string provider, string repaired)
    {
        var subnet = Subnet("attach-subnet", provider, "172.17.0.0/16", "172.17.0.1", ["172.17.0.0..172.17.0.10"], "IPv4");
        var (operations, codes, patched) = await Mutate(subnet);

        Assert.Equal(
            $"[{{\"op\":\"test\",\"path\":\"/spec/provider\",\"value\":\"{provider}\"}},{{\"op\":\"replace\",\"path\":\"/spec/provider\",\"value\":\"{repaired}\"}}]",
            JsonPatchSerializer.ToJson(operations));
        DecisionAssert.MutationCodes(codes, "SubnetProviderFlavourMismatch");
        var expected = (JsonObject)subnet.DeepClone();
        expected["spec"]!["provider"] = repaired;
        Assert.True(JsonNode.DeepEquals(expected, patched), $"patched object: {patched?.ToJsonString()}");
        DecisionAssert.Allowed(await SubnetHarness(Installed).ValidateAsync(RuleHarness<Subnet>.Request("CREATE", patched, null)));
    }

    [Fact]
    public async Task Repairs_on_an_update_that_introduces_the_wrong_suffix()
    {
        var old = Subnet("attach-subnet", "attachnet.default.ovn", v4Using: 0);
        var (operations, _, _) = await Mutate(Subnet("attach-subnet", "attachnet.default"), old);
        Assert.Equal(2, operations.Count);
    }

    [Theory]
    [InlineData("attachnet.default.ovn")]
    [InlineData("macvlan.default")]
    [InlineData("missingnet.default")]
    [InlineData("br1.default.ovn")]
    [InlineData("ovn")]
    [InlineData("")]
    [InlineData("attachnet")]
    public async Task Leaves_a_matching_unknown_or_non_kube_ovn_provider_alone(string provider)
    {
        var (operations, _, _) = await Mutate(Subnet("attach-subnet", provider));
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Leaves_the_unchanged_provider_of_a_subnet_in_use_alone()
    {
        // Rewriting it would make every later edit a SubnetChangeWhileInUse denial; the validator reports it instead.
        var old = Subnet("attach-subnet", "attachnet.default", v4Using: 4);
        var (operations, _, _) = await Mutate(Subnet("attach-subnet", "attachnet.default", gateway: "172.17.0.1", v4Using: 4), old);
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Rule_override_off_disables_the_repair()
    {
        var (operations, _, _) = await Mutate(Subnet("attach-subnet", "attachnet.default"), policy: PolicyWith("SubnetProviderFlavourMismatch", RuleAction.Off));
        Assert.Empty(operations);
    }
}
