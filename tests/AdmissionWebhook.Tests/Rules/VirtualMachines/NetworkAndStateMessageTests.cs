using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// The whole text of VmNetworkSourceInvalid, VmInterfaceStateInvalid and the unplug refusals: the network or interface,
/// what it has, and what to write instead. Compared in full so that a lost hint shows.
/// </summary>
public sealed class NetworkAndStateMessageTests
{
    private const string Source = "VmNetworkSourceInvalid";
    private const string State = "VmInterfaceStateInvalid";

    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    private Task<AdmissionWebhook.Admission.AdmissionDecision> CreateAsync(string[] interfaces, string[] networks) =>
        _harness.ValidateAsync(Create(Vm(interfaces, networks)));

    [Fact]
    public async Task A_network_without_source_is_told_the_two_sources()
    {
        var decision = await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, """{"name":"dyniface1"}"""]);
        Assert.Equal("network \"dyniface1\" has no source: add pod: {} or multus: {networkName: <nad>}", DecisionAssert.MessageOf(decision, Source));
    }

    [Fact]
    public async Task A_network_with_two_sources_names_them()
    {
        var decision = await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, """{"name":"dyniface1","pod":{},"multus":{"networkName":"attachnet"}}"""]);
        DecisionAssert.Denied(decision, [(Source, NetAt(1))]);
        Assert.Equal("network \"dyniface1\" has 2 sources (pod, multus): keep exactly one", DecisionAssert.MessageOf(decision, Source));
    }

    [Fact]
    public async Task A_multus_network_without_networkName_is_told_what_to_write()
    {
        var decision = await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, """{"name":"dyniface1","multus":{}}"""]);
        Assert.Equal(
            "network \"dyniface1\" has no multus.networkName: set it to the NetworkAttachmentDefinition's name or <namespace>/<name>",
            DecisionAssert.MessageOf(decision, Source));
    }

    [Fact]
    public async Task A_malformed_networkName_is_quoted()
    {
        var decision = await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "a/b/c")]);
        DecisionAssert.Denied(decision, [(Source, NetAt(1, "multus.networkName"))]);
        Assert.Equal(
            "network \"dyniface1\" has networkName \"a/b/c\", which is neither <name> nor <namespace>/<name>: fix it",
            DecisionAssert.MessageOf(decision, Source));
    }

    [Fact]
    public async Task A_second_pod_network_points_at_the_first()
    {
        var decision = await CreateAsync([DefaultIface, """{"masquerade":{},"name":"second"}"""], [DefaultNet, """{"name":"second","pod":{}}"""]);
        Assert.Equal(
            "network \"second\" is a second pod network (networks[0] is one): a VM has at most one, use multus for this one",
            DecisionAssert.MessageOf(decision, Source));
    }

    [Fact]
    public async Task A_second_multus_default_network_points_at_the_first()
    {
        const string First = """{"name":"first","multus":{"networkName":"attachnet","default":true}}""";
        const string Second = """{"name":"second","multus":{"networkName":"attachnet","default":true}}""";
        var decision = await CreateAsync([Bridge("first"), Bridge("second")], [First, Second]);
        DecisionAssert.Denied(decision, [(Source, NetAt(1, "multus.default"))]);
        Assert.Equal(
            "network \"second\" is a second Multus default network (networks[0] is one): remove default: true",
            DecisionAssert.MessageOf(decision, Source));
    }

    [Fact]
    public async Task A_multus_default_network_beside_the_pod_network_names_both()
    {
        const string MultusDefault = """{"name":"dyniface1","multus":{"networkName":"attachnet","default":true}}""";
        var decision = await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, MultusDefault]);
        DecisionAssert.Denied(decision, [(Source, NetAt(1, "multus.default"))]);
        Assert.Equal(
            "network \"dyniface1\" is a Multus default network, which replaces pod network \"defaultnetwork\": remove one of them",
            DecisionAssert.MessageOf(decision, Source));
    }

    [Theory]
    [InlineData("Absent", "write \"absent\" in lower case")]
    [InlineData("gone", "use absent (to unplug), up or down, or remove state")]
    public async Task An_unknown_state_gets_the_hint_that_fits(string state, string hint)
    {
        var decision = await CreateAsync([DefaultIface, Bridge("dyniface1", $$""","state":"{{state}}" """)], [DefaultNet, Multus("dyniface1")]);
        DecisionAssert.Denied(decision, [(State, IfaceAt(1, "state"))]);
        Assert.Equal($"interface \"dyniface1\" has state \"{state}\", which is not absent, up or down: {hint}", DecisionAssert.MessageOf(decision, State));
    }

    [Fact]
    public async Task A_link_state_on_sriov_is_refused_by_name()
    {
        var decision = await CreateAsync([DefaultIface, Sriov("dynsriov1", ""","state":"down" """)], [DefaultNet, Multus("dynsriov1", "sriov-attachnet")]);
        DecisionAssert.Denied(decision, [(State, IfaceAt(1, "state"))]);
        Assert.Equal("interface \"dynsriov1\" is SR-IOV, which has no link state \"down\": remove state", DecisionAssert.MessageOf(decision, State));
    }

    [Fact]
    public async Task Unplugging_a_non_bridge_interface_names_its_binding()
    {
        var decision = await CreateAsync([DefaultIface, Sriov("dynsriov1", ""","state":"absent" """)], [DefaultNet, Multus("dynsriov1", "sriov-attachnet")]);
        Assert.Equal(
            "interface \"dynsriov1\" uses sriov, and only bridge interfaces can be unplugged: remove state: absent, or remove the interface and restart the VM",
            DecisionAssert.MessageOf(decision, "VmAbsentRequiresBridge"));
    }

    [Fact]
    public async Task Unplugging_the_pod_network_interface_says_which_default_network_it_is()
    {
        var decision = await CreateAsync(["""{"bridge":{},"name":"defaultnetwork","state":"absent"}"""], [DefaultNet]);
        Assert.Equal(
            "interface \"defaultnetwork\" is on the pod network, which cannot be unplugged: remove state: absent from it",
            DecisionAssert.MessageOf(decision, "VmAbsentOnDefaultNetwork"));
    }

    [Fact]
    public async Task Unplugging_the_multus_default_network_interface_says_which_default_network_it_is()
    {
        var decision = await CreateAsync(
            ["""{"bridge":{},"name":"main","state":"absent"}"""],
            ["""{"name":"main","multus":{"networkName":"attachnet","default":true}}"""]);
        Assert.Equal(
            "interface \"main\" is on the Multus default network, which cannot be unplugged: remove state: absent from it",
            DecisionAssert.MessageOf(decision, "VmAbsentOnDefaultNetwork"));
    }

    [Fact]
    public async Task A_nameless_network_or_interface_is_quoted_as_empty()
    {
        var network = await CreateAsync([DefaultIface], [DefaultNet, "{}"]);
        Assert.Equal("network \"\" has no source: add pod: {} or multus: {networkName: <nad>}", DecisionAssert.MessageOf(network, Source));
        var iface = await CreateAsync([DefaultIface, """{"bridge":{},"state":"gone"}"""], [DefaultNet]);
        Assert.StartsWith("interface \"\" has state \"gone\"", DecisionAssert.MessageOf(iface, State), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_further_pod_network_points_at_the_first()
    {
        var decision = await CreateAsync(
            [DefaultIface, """{"masquerade":{},"name":"second"}""", """{"masquerade":{},"name":"third"}"""],
            [DefaultNet, """{"name":"second","pod":{}}""", """{"name":"third","pod":{}}"""]);
        var messages = ((AdmissionWebhook.Admission.AdmissionDecision.Deny)decision).Failures.Where(f => f.Code == Source).Select(f => f.Message);
        Assert.Equal(
            [
                "network \"second\" is a second pod network (networks[0] is one): a VM has at most one, use multus for this one",
                "network \"third\" is a second pod network (networks[0] is one): a VM has at most one, use multus for this one",
            ],
            messages);
    }

    [Fact]
    public async Task Every_further_multus_default_network_points_at_the_first()
    {
        static string Default(string name) => $$$"""{"name":"{{{name}}}","multus":{"networkName":"attachnet","default":true}}""";
        var decision = await CreateAsync([Bridge("a"), Bridge("b"), Bridge("c")], [Default("a"), Default("b"), Default("c")]);
        var messages = ((AdmissionWebhook.Admission.AdmissionDecision.Deny)decision).Failures.Where(f => f.Code == Source).Select(f => f.Message);
        Assert.Equal(
            [
                "network \"b\" is a second Multus default network (networks[0] is one): remove default: true",
                "network \"c\" is a second Multus default network (networks[0] is one): remove default: true",
            ],
            messages);
    }
}
