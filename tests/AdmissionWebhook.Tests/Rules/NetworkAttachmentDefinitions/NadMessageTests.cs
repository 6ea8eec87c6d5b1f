using AdmissionWebhook.Admission;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;

namespace AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions;

/// <summary>
/// The whole text a NAD's author reads for each refusal or warning the validating webhook gives (the mutating
/// webhook did not repair it): which field of which NAD, what it holds, and what to write instead.
/// </summary>
public sealed class NadMessageTests
{
    private static readonly ClusterSnapshot Attached = ClusterOf(Subnet("attach-subnet", "attachnet.default.ovn"));

    private static Task<AdmissionDecision> Create(string name, string? config, ClusterSnapshot? cluster = null) =>
        NadHarness(cluster ?? Attached).ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("CREATE", Nad(name, config), null));

    private static Task<AdmissionDecision> Update(string name, string? oldConfig, string? config) =>
        NadHarness(Attached).ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("UPDATE", Nad(name, config), Nad(name, oldConfig)));

    [Theory]
    [InlineData(null, "provider of default/attachnet is missing, so its NIC would be served from the primary network: set it to \"attachnet.default.ovn\"")]
    [InlineData("othernet.default.ovn", "provider \"othernet.default.ovn\" of default/attachnet names another NetworkAttachmentDefinition: set it to \"attachnet.default.ovn\" and give that network its own NAD and Subnet")]
    [InlineData("ovn", "provider \"ovn\" of default/attachnet is the default network's provider: set it to \"attachnet.default.ovn\"")]
    [InlineData("attachnet..ovn", "provider \"attachnet..ovn\" of default/attachnet is not a Kube-OVN provider: set it to \"attachnet.default.ovn\"")]
    [InlineData("attachnet.default", "provider \"attachnet.default\" should be \"attachnet.default.ovn\" for a kube-ovn NAD (default/attachnet)")]
    public async Task A_provider_mismatch_says_what_the_written_provider_is_and_names_the_canonical_one(string? provider, string message)
    {
        var decision = await Create("attachnet", OvnConfig(provider));
        DecisionAssert.Denied(decision, [("NadProviderMismatch", "spec.config")]);
        Assert.Equal(message, DecisionAssert.MessageOf(decision, "NadProviderMismatch"));
    }

    [Fact]
    public async Task An_ipam_provider_mismatch_names_the_ipam_field_and_the_ipam_flavour()
    {
        var decision = await Create("macvlan", IpamConfig("macvlan.default.ovn"), ClusterOf(Subnet("macvlan", "macvlan.default")));
        Assert.Equal(
            "ipam.provider \"macvlan.default.ovn\" should be \"macvlan.default\" for a NAD using Kube-OVN IPAM (default/macvlan)",
            DecisionAssert.MessageOf(decision, "NadIpamProviderMismatch"));
    }

    [Fact]
    public async Task A_missing_server_socket_names_the_default_socket()
    {
        var decision = await Create("attachnet", OvnConfig("attachnet.default.ovn", socket: null));
        Assert.Equal(
            "server_socket of default/attachnet is missing and the kube-ovn CNI plugin has no default: set it to \"/run/openvswitch/kube-ovn-daemon.sock\"",
            DecisionAssert.MessageOf(decision, "NadServerSocketMissing"));
    }

    [Theory]
    [InlineData("run/openvswitch/kube-ovn-daemon.sock")]
    [InlineData("/")]
    public async Task A_server_socket_that_is_no_absolute_path_names_the_usual_one(string socket)
    {
        var decision = await Create("attachnet", OvnConfig("attachnet.default.ovn", socket: socket));
        DecisionAssert.Denied(decision, [("NadServerSocketMissing", "spec.config")]);
        Assert.Equal(
            $"server_socket \"{socket}\" of default/attachnet is not an absolute path: set it to the kube-ovn-daemon socket, usually \"/run/openvswitch/kube-ovn-daemon.sock\"",
            DecisionAssert.MessageOf(decision, "NadServerSocketMissing"));
    }

    [Fact]
    public async Task An_unsupported_cni_version_lists_the_supported_ones()
    {
        var decision = await Create("attachnet", OvnConfig("attachnet.default.ovn", cniVersion: "0.5.0"));
        Assert.Equal(
            "cniVersion \"0.5.0\" of default/attachnet is not supported by the kube-ovn plugin: use one of 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0 (0.3.1 is usual)",
            DecisionAssert.MessageOf(decision, "NadCniVersionUnsupported"));
    }

    [Fact]
    public async Task A_dotted_name_names_the_provider_that_can_never_match()
    {
        var decision = await Create("vm.net", OvnConfig("vm.net.default.ovn"));
        Assert.Equal(
            "NetworkAttachmentDefinition name \"vm.net\" contains a dot, so its Kube-OVN provider \"vm.net.default.ovn\" can never match a Subnet: recreate it under a name without dots",
            DecisionAssert.MessageOf(decision, "NadNameHasDot"));
    }

    [Fact]
    public async Task An_empty_config_says_kube_ovn_ignores_it()
    {
        var decision = await Create("attachnet", "");
        Assert.Equal("default/attachnet has no spec.config: Kube-OVN ignores it and it cannot be hot-plugged", DecisionAssert.MessageOf(decision, "NadConfigEmpty"));
    }

    [Fact]
    public async Task A_config_that_is_no_object_says_why_and_what_to_write()
    {
        var message = DecisionAssert.MessageOf(await Create("attachnet", "[1]"), "NadConfigInvalidJson");
        Assert.StartsWith("spec.config of default/attachnet is not a JSON object (", message, StringComparison.Ordinal);
        Assert.EndsWith("): write it as one JSON object", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_without_type_says_multus_cannot_load_it()
    {
        var message = DecisionAssert.MessageOf(await Create("bridge", "{\"cniVersion\":\"0.3.1\",\"bridge\":\"br1\"}"), "NadConfigMissingType");
        Assert.StartsWith("spec.config of default/bridge: ", message, StringComparison.Ordinal);
        Assert.EndsWith(": Multus cannot load it, add the missing field", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nad_without_subnet_names_the_provider_to_copy()
    {
        var decision = await Create("attachnet2", OvnConfig("attachnet2.default.ovn"));
        Assert.Equal(
            "create a Subnet with spec.provider \"attachnet2.default.ovn\": no Subnet carries it yet, so attachments fail",
            DecisionAssert.MessageOf(decision, "NadWithoutSubnet"));
    }

    [Fact]
    public async Task Deleting_a_nad_in_use_names_the_subnet_and_its_provider()
    {
        var decision = await NadHarness(Attached).ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("DELETE", null, Nad("attachnet", SeedConfig)));
        DecisionAssert.Denied(decision, [("NadInUseBySubnet", "metadata.name")]);
        Assert.Equal(
            "NetworkAttachmentDefinition default/attachnet is still used by Subnet attach-subnet (spec.provider \"attachnet.default.ovn\"): " +
            "delete that Subnet or change its spec.provider first",
            DecisionAssert.MessageOf(decision, "NadInUseBySubnet"));
    }

    [Theory]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"type\":\"bridge\",\"bridge\":\"br1\"}", "makes it no Kube-OVN NAD")]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"type\":\"macvlan\",\"master\":\"eth0\",\"ipam\":{\"type\":\"kube-ovn\",\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\",\"provider\":\"attachnet.default\"}}",
        "changes its provider from \"attachnet.default.ovn\" to \"attachnet.default\"")]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"type\":\"kube-ovn\",\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\",\"provider\":\"othernet.default.ovn\"}",
        "moves its provider away from \"attachnet.default.ovn\"")]
    public async Task An_edit_that_takes_the_provider_from_its_subnet_says_how(string config, string change)
    {
        var decision = await Update("attachnet", SeedConfig, config);
        Assert.Equal(
            $"this edit of default/attachnet {change} while Subnet attach-subnet carries \"attachnet.default.ovn\": " +
            "delete or re-point the Subnet first, or keep the provider",
            DecisionAssert.MessageOf(decision, "NadInUseBySubnet"));
    }

    [Fact]
    public async Task Deleting_a_nad_used_by_two_subnets_names_both()
    {
        var cluster = ClusterOf(Subnet("first", "attachnet.default.ovn", "172.17.0.0/16"), Subnet("second", "attachnet.default.ovn", "172.18.0.0/16"));
        var decision = await NadHarness(cluster).ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("DELETE", null, Nad("attachnet", SeedConfig)));
        // The order of the two is the cluster index's; either is the same message.
        string[] expected = [.. new[] { "first, second", "second, first" }.Select(users =>
            $"NetworkAttachmentDefinition default/attachnet is still used by Subnet {users} (spec.provider \"attachnet.default.ovn\"): " +
            "delete that Subnet or change its spec.provider first")];
        Assert.Contains(DecisionAssert.MessageOf(decision, "NadInUseBySubnet"), expected);
    }
}
