using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;

namespace AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions;

/// <summary>
/// NAD validation through the real pipeline, without the mutating webhook: what arrives unrepaired (the mutating
/// webhook skipped or failed open) is denied with a message that says what to change.
/// </summary>
public sealed class NadRuleTests
{
    private const string Config = "spec.config";
    private static readonly Harness Attached = new(ClusterOf(Subnet("attach-subnet", "attachnet.default.ovn")));

    private sealed class Harness(AdmissionWebhook.Cluster.ClusterSnapshot cluster, AdmissionPolicy? policy = null)
    {
        private readonly RuleHarness<NetworkAttachmentDefinition> _harness = NadHarness(cluster, policy);

        public Task<AdmissionWebhook.Admission.AdmissionDecision> Create(string name, string? config) =>
            _harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("CREATE", Nad(name, config), null));

        public Task<AdmissionWebhook.Admission.AdmissionDecision> Update(string name, string? oldConfig, string? config) =>
            _harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("UPDATE", Nad(name, config), Nad(name, oldConfig)));

        public Task<AdmissionWebhook.Admission.AdmissionDecision> Delete(string name, string? config) =>
            _harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("DELETE", null, Nad(name, config)));
    }

    [Fact]
    public async Task Seed_nad_passes_untouched_when_its_subnet_exists()
    {
        DecisionAssert.Allowed(await Attached.Create("attachnet", SeedConfig));
    }

    [Theory]
    [InlineData("{\"type\": \"kube-ovn\"")]
    [InlineData("[{\"type\": \"kube-ovn\"}]")]
    [InlineData("\"kube-ovn\"")]
    [InlineData("{\"type\": \"kube-ovn\",}")]
    public async Task Rejects_config_that_is_not_a_json_object(string config)
    {
        var decision = await Attached.Create("attachnet", config);
        DecisionAssert.Denied(decision, [("NadConfigInvalidJson", Config)]);
        Assert.Contains("is not a JSON object", DecisionAssert.MessageOf(decision, "NadConfigInvalidJson"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Warns_on_empty_config_but_allows_it(string? config)
    {
        DecisionAssert.AllowedWithWarnings(await Attached.Create("macvlan-conf-2", config), ("NadConfigEmpty", Config));
    }

    [Fact]
    public async Task Allows_a_plain_non_kube_ovn_config_without_warnings()
    {
        DecisionAssert.Allowed(await Attached.Create("br1", BridgeConfig));
    }

    [Theory]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"name\":\"attachnet\",\"provider\":\"attachnet.default.ovn\"}", 1)]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"type\":\"\"}", 1)]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"name\":\"net\",\"plugins\":[]}", 1)]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"name\":\"net\",\"plugins\":{\"type\":\"bridge\"}}", 1)]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"name\":\"net\",\"plugins\":[{\"type\":\"bridge\"},{\"capabilities\":{}}]}", 1)]
    [InlineData("{\"cniVersion\":\"0.3.1\",\"plugins\":[{\"mtu\":1400},\"tuning\"]}", 2)]
    public async Task Rejects_config_without_type_or_plugin_list(string config, int problems)
    {
        var decision = await Attached.Create("net", config);
        DecisionAssert.Denied(decision, [.. Enumerable.Repeat(("NadConfigMissingType", Config), problems)]);
    }

    [Fact]
    public async Task Allows_a_named_plugin_list_whose_entries_all_have_a_type()
    {
        const string conflist = "{\"cniVersion\":\"0.3.1\",\"name\":\"net\",\"plugins\":[{\"type\":\"bridge\"},{\"type\":\"tuning\"}]}";
        DecisionAssert.Allowed(await Attached.Create("net", conflist));
    }

    [Fact]
    public async Task Allows_a_plugin_list_without_a_name_as_in_the_multus_macvlan_example()
    {
        // multus-cni examples/macvlan-pod.yml: Multus takes the list's name from the NAD.
        const string conflist = "{\"cniVersion\":\"0.3.1\",\"plugins\":[{\"type\":\"macvlan\",\"capabilities\":{\"ips\":true},\"master\":\"eth0\",\"mode\":\"bridge\",\"ipam\":{\"type\":\"static\"}},{\"type\":\"tuning\"}]}";
        DecisionAssert.Allowed(await Attached.Create("macvlan-conf", conflist));
    }

    [Fact]
    public async Task Rejects_a_kube_ovn_nad_whose_name_has_a_dot()
    {
        var decision = await Attached.Create("vm.net", OvnConfig("vm.net.default.ovn"));
        DecisionAssert.Denied(decision, [("NadNameHasDot", "metadata.name")]);
        Assert.Contains("\"vm.net\"", DecisionAssert.MessageOf(decision, "NadNameHasDot"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allows_a_dotted_name_on_a_nad_that_does_not_use_kube_ovn()
    {
        DecisionAssert.Allowed(await Attached.Create("br.net", BridgeConfig));
    }

    [Theory]
    [InlineData(null, "is missing")]
    [InlineData("attachnet.default", "should be \"attachnet.default.ovn\" for a kube-ovn NAD")]
    [InlineData("AttachNet.Default.OVN", "should be \"attachnet.default.ovn\"")]
    [InlineData("vm-net-1.default.ovn", "names another NetworkAttachmentDefinition")]
    [InlineData("attachnet.other.ovn", "names another NetworkAttachmentDefinition")]
    [InlineData("ovn", "is the default network's provider")]
    [InlineData("attachnet", "is not a Kube-OVN provider")]
    public async Task Rejects_an_ovn_provider_that_is_not_canonical(string? provider, string explanation)
    {
        var decision = await Attached.Create("attachnet", OvnConfig(provider));
        DecisionAssert.Denied(decision, [("NadProviderMismatch", Config)]);
        var message = DecisionAssert.MessageOf(decision, "NadProviderMismatch");
        Assert.Contains(explanation, message, StringComparison.Ordinal);
        Assert.Contains("\"attachnet.default.ovn\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judges_the_provider_of_the_kube_ovn_plugin_in_a_plugin_list()
    {
        const string conflist = "{\"cniVersion\":\"0.3.1\",\"name\":\"attachnet\",\"plugins\":[{\"type\":\"kube-ovn\",\"server_socket\":\"/run/openvswitch/kube-ovn-daemon.sock\",\"provider\":\"attachnet.default\"},{\"type\":\"portmap\"}]}";
        var decision = await Attached.Create("attachnet", conflist);
        DecisionAssert.Denied(decision, [("NadProviderMismatch", Config)]);
        Assert.StartsWith("plugins[0].provider \"attachnet.default\"", DecisionAssert.MessageOf(decision, "NadProviderMismatch"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("macvlan.default.ovn")]
    [InlineData(null)]
    [InlineData("other.default")]
    public async Task Rejects_an_ipam_provider_that_is_not_canonical(string? provider)
    {
        var cluster = new Harness(ClusterOf(Subnet("macvlan", "macvlan.default")));
        var decision = await cluster.Create("macvlan", IpamConfig(provider));
        DecisionAssert.Denied(decision, [("NadIpamProviderMismatch", Config)]);
        Assert.Contains("ipam.provider", DecisionAssert.MessageOf(decision, "NadIpamProviderMismatch"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allows_the_canonical_ipam_provider()
    {
        var cluster = new Harness(ClusterOf(Subnet("macvlan", "macvlan.default")));
        DecisionAssert.Allowed(await cluster.Create("macvlan", IpamConfig("macvlan.default")));
    }

    [Theory]
    [InlineData(null, "is missing")]
    [InlineData("", "is missing")]
    [InlineData("run/openvswitch/kube-ovn-daemon.sock", "is not an absolute path")]
    [InlineData("/", "is not an absolute path")]
    public async Task Rejects_a_missing_or_relative_server_socket(string? socket, string explanation)
    {
        var decision = await Attached.Create("attachnet", OvnConfig("attachnet.default.ovn", socket));
        DecisionAssert.Denied(decision, [("NadServerSocketMissing", Config)]);
        var message = DecisionAssert.MessageOf(decision, "NadServerSocketMissing");
        Assert.Contains(explanation, message, StringComparison.Ordinal);
        Assert.Contains(Socket, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_a_missing_ipam_server_socket()
    {
        var cluster = new Harness(ClusterOf(Subnet("macvlan", "macvlan.default")));
        var decision = await cluster.Create("macvlan", IpamConfig("macvlan.default", socket: null));
        DecisionAssert.Denied(decision, [("NadServerSocketMissing", Config)]);
        Assert.StartsWith("ipam.server_socket", DecisionAssert.MessageOf(decision, "NadServerSocketMissing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepts_any_absolute_server_socket()
    {
        DecisionAssert.Allowed(await Attached.Create("attachnet", OvnConfig("attachnet.default.ovn", "/var/run/kube-ovn/daemon.sock")));
    }

    [Theory]
    [InlineData("2.0.0")]
    [InlineData("0.3")]
    [InlineData("v0.3.1")]
    public async Task Rejects_a_cni_version_the_kube_ovn_plugin_does_not_support(string version)
    {
        var decision = await Attached.Create("attachnet", OvnConfig("attachnet.default.ovn", cniVersion: version));
        DecisionAssert.Denied(decision, [("NadCniVersionUnsupported", Config)]);
        Assert.Contains($"\"{version}\"", DecisionAssert.MessageOf(decision, "NadCniVersionUnsupported"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.1.0")]
    [InlineData("0.3.1")]
    [InlineData("1.1.0")]
    [InlineData(null)]
    public async Task Allows_supported_or_absent_cni_versions(string? version)
    {
        DecisionAssert.Allowed(await Attached.Create("attachnet", OvnConfig("attachnet.default.ovn", cniVersion: version)));
    }

    [Fact]
    public async Task Does_not_judge_the_cni_version_of_a_nad_that_does_not_use_kube_ovn()
    {
        DecisionAssert.Allowed(await Attached.Create("br1", "{\"cniVersion\":\"2.0.0\",\"type\":\"bridge\"}"));
    }

    [Fact]
    public async Task Warns_naming_the_provider_to_create_when_no_subnet_carries_it()
    {
        var decision = await new Harness(ClusterOf(DefaultSubnets)).Create("attachnet2", OvnConfig("attachnet2.default.ovn"));
        DecisionAssert.AllowedWithWarnings(decision, ("NadWithoutSubnet", Config));
        Assert.Contains("spec.provider \"attachnet2.default.ovn\"", DecisionAssert.MessageOf(decision, "NadWithoutSubnet"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_the_ipam_provider_to_create_for_an_ipam_nad_without_subnet()
    {
        var decision = await new Harness(ClusterOf(Subnet("other", "macvlan.default.ovn"))).Create("macvlan", IpamConfig("macvlan.default"));
        DecisionAssert.AllowedWithWarnings(decision, ("NadWithoutSubnet", Config));
        Assert.Contains("spec.provider \"macvlan.default\"", DecisionAssert.MessageOf(decision, "NadWithoutSubnet"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rule_override_off_silences_the_missing_subnet_warning()
    {
        var harness = new Harness(ClusterOf(), PolicyWith("NadWithoutSubnet", RuleAction.Off));
        DecisionAssert.Allowed(await harness.Create("attachnet", OvnConfig("attachnet.default.ovn")));
    }

    [Fact]
    public async Task Rejects_deleting_a_nad_whose_provider_a_subnet_carries()
    {
        var cluster = new Harness(ClusterOf(Nad("attachnet", OvnConfig("attachnet.default.ovn")), Subnet("attach-subnet", "attachnet.default.ovn")));
        var decision = await cluster.Delete("attachnet", OvnConfig("attachnet.default.ovn"));
        DecisionAssert.Denied(decision, [("NadInUseBySubnet", "metadata.name")]);
        Assert.Contains("Subnet attach-subnet", DecisionAssert.MessageOf(decision, "NadInUseBySubnet"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allows_deleting_a_nad_no_subnet_uses_even_with_a_broken_config()
    {
        var cluster = new Harness(ClusterOf(Subnet("other", "other.default.ovn")));
        DecisionAssert.Allowed(await cluster.Delete("attachnet", OvnConfig("attachnet.default", socket: null, cniVersion: "9")));
    }

    [Fact]
    public async Task Allows_deleting_a_non_kube_ovn_nad_whatever_subnets_say()
    {
        var cluster = new Harness(ClusterOf(Subnet("odd", "br1.default.ovn")));
        DecisionAssert.Allowed(await cluster.Delete("br1", BridgeConfig));
    }

    [Fact]
    public async Task Rejects_an_update_that_changes_the_flavour_while_a_subnet_carries_the_provider()
    {
        var decision = await Attached.Update("attachnet", OvnConfig("attachnet.default.ovn"), IpamConfig("attachnet.default"));
        DecisionAssert.Denied(decision, [("NadInUseBySubnet", Config)], "NadWithoutSubnet");
        var message = DecisionAssert.MessageOf(decision, "NadInUseBySubnet");
        Assert.Contains("from \"attachnet.default.ovn\" to \"attachnet.default\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_an_update_that_stops_using_kube_ovn_while_a_subnet_carries_the_provider()
    {
        var decision = await Attached.Update("attachnet", OvnConfig("attachnet.default.ovn"), BridgeConfig);
        DecisionAssert.Denied(decision, [("NadInUseBySubnet", Config)]);
    }

    [Fact]
    public async Task Rejects_an_update_that_moves_a_working_provider_to_another_nad()
    {
        var decision = await Attached.Update("attachnet", OvnConfig("attachnet.default.ovn"), OvnConfig("other.default.ovn"));
        DecisionAssert.Denied(decision, [("NadInUseBySubnet", Config), ("NadProviderMismatch", Config)]);
    }

    [Fact]
    public async Task Allows_an_update_that_keeps_the_provider_of_a_used_nad()
    {
        DecisionAssert.Allowed(await Attached.Update("attachnet", OvnConfig("attachnet.default.ovn", cniVersion: "0.3.0"), OvnConfig("attachnet.default.ovn")));
    }

    [Fact]
    public async Task Allows_an_update_that_changes_the_flavour_of_an_unused_nad()
    {
        var cluster = new Harness(ClusterOf(Subnet("macvlan", "attachnet.default")));
        DecisionAssert.Allowed(await cluster.Update("attachnet", OvnConfig("attachnet.default.ovn"), IpamConfig("attachnet.default")));
    }

    [Fact]
    public async Task Reports_every_failure_of_one_config()
    {
        var decision = await new Harness(ClusterOf()).Create("attachnet", OvnConfig("vm-net-1.default.ovn", "sock", "2.0.0"));
        DecisionAssert.Denied(decision,
            [("NadProviderMismatch", Config), ("NadServerSocketMissing", Config), ("NadCniVersionUnsupported", Config)],
            "NadWithoutSubnet");
    }
}
