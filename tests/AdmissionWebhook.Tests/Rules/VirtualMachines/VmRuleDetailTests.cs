using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Rules.VirtualMachines;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// Details of the VM rules that the broader tests left open (each one a mutant that survived Stryker): which finding
/// stops the checks of an element, what each message names, and the namespace a reference falls back to.
/// </summary>
public sealed class VmRuleDetailTests
{
    private const string Binding = "VmBindingInvalid";
    private const string Source = "VmNetworkSourceInvalid";
    private const string Changed = "VmInterfaceChangedWhileRunning";

    private readonly RuleHarness<VirtualMachine> _harness = Harness();

    private Task<AdmissionDecision> CreateAsync(string[] interfaces, string[] networks) =>
        _harness.ValidateAsync(Create(Vm(interfaces, networks)));

    [Theory]
    [InlineData("macvtap")]
    [InlineData("passt")]
    public async Task Every_discontinued_binding_is_refused_on_create(string binding)
    {
        var decision = await CreateAsync([DefaultIface, "{\"name\":\"dyniface1\",\"" + binding + "\":{}}"], [DefaultNet, Multus("dyniface1")]);

        Assert.Equal(
            $"interface \"dyniface1\" uses {binding}, discontinued since KubeVirt v1.3: use masquerade: {{}} on the pod network or bridge: {{}} on Multus",
            Assert.Single(((AdmissionDecision.Deny)decision).Failures, f => f.Field == IfaceAt(1, binding)).Message);
    }

    [Fact]
    public async Task An_interface_without_binding_is_named_in_the_message()
    {
        var decision = await CreateAsync([DefaultIface, """{"name":"dyniface1"}"""], [DefaultNet, Multus("dyniface1")]);

        DecisionAssert.Denied(decision, [(Binding, IfaceAt(1))]);
        Assert.Equal(
            "interface \"dyniface1\" has no binding: add exactly one, e.g. bridge: {} for a Multus network or masquerade: {} for the pod network",
            DecisionAssert.MessageOf(decision, Binding));
    }

    [Fact]
    public async Task A_nameless_interface_without_binding_is_quoted_empty()
    {
        var decision = await CreateAsync([DefaultIface, "{}"], [DefaultNet]);

        Assert.StartsWith("interface \"\" has no binding:", DecisionAssert.MessageOf(decision, Binding), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_bindings_are_listed_and_end_the_binding_checks_of_that_interface()
    {
        // The plugin has no name either, but "keep exactly one" comes first: nothing more is said about that interface.
        var decision = await CreateAsync([DefaultIface, """{"name":"dyniface1","bridge":{},"binding":{}}"""], [DefaultNet, Multus("dyniface1")]);

        DecisionAssert.Denied(decision, [(Binding, IfaceAt(1))]);
        Assert.Equal("interface \"dyniface1\" has 2 bindings (bridge, binding): keep exactly one", DecisionAssert.MessageOf(decision, Binding));
    }

    [Fact]
    public async Task Two_sources_end_the_source_checks_of_that_network()
    {
        // multus without networkName would be reported on its own; beside pod, "keep exactly one" is the whole finding.
        var decision = await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, """{"name":"dyniface1","pod":{},"multus":{}}"""]);

        DecisionAssert.Denied(decision, [(Source, NetAt(1))]);
    }

    [Fact]
    public async Task A_name_of_exactly_the_maximum_length_is_judged_by_its_characters()
    {
        var name = new string('a', InterfaceNameRules.MaxLength - 1) + ".";

        var decision = await CreateAsync([DefaultIface, Bridge(name)], [DefaultNet, Multus(name)]);

        Assert.All(((AdmissionDecision.Deny)decision).Failures.Where(f => f.Code == "VmInterfaceNameInvalid"), f => Assert.StartsWith(
            $"interface name \"{name}\" may contain only letters, digits, '-' and '_'", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_duplicate_interface_name_says_it_is_an_interface()
    {
        var decision = await CreateAsync([DefaultIface, Bridge("dyniface1"), Bridge("dyniface1")], [DefaultNet, Multus("dyniface1")]);

        var failure = Assert.Single(((AdmissionDecision.Deny)decision).Failures, f => f.Code == "VmDuplicateName");
        Assert.Equal(IfaceAt(2, "name"), failure.Field);
        Assert.Equal("interface name \"dyniface1\" is already used by interfaces[1]: rename or remove one of them", failure.Message);
    }

    [Fact]
    public async Task A_duplicate_network_name_says_it_is_a_network()
    {
        var decision = await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1"), Multus("dyniface1")]);

        var failure = Assert.Single(((AdmissionDecision.Deny)decision).Failures, f => f.Code == "VmDuplicateName");
        Assert.Equal(NetAt(2, "name"), failure.Field);
        Assert.Equal("network name \"dyniface1\" is already used by networks[1]: rename or remove one of them", failure.Message);
    }

    [Fact]
    public async Task A_mac_used_three_times_points_each_repeat_at_its_first_use()
    {
        const string Mac = ""","macAddress":"02:00:00:aa:bb:01" """;
        var decision = await CreateAsync(
            [DefaultIface, Bridge("a", Mac), Bridge("b", Mac), Bridge("c", Mac)],
            [DefaultNet, Multus("a"), Multus("b"), Multus("c")]);

        var repeats = ((AdmissionDecision.Deny)decision).Failures.Where(f => f.Code == "VmMacInvalid").Select(f => (f.Field, f.Message)).ToList();
        Assert.Equal(
            [
                (IfaceAt(2, "macAddress"), "interface \"b\" has macAddress \"02:00:00:aa:bb:01\", already used by interfaces[1]: give each interface its own MAC"),
                (IfaceAt(3, "macAddress"), "interface \"c\" has macAddress \"02:00:00:aa:bb:01\", already used by interfaces[1]: give each interface its own MAC"),
            ],
            repeats);
    }

    [Fact]
    public async Task A_source_removed_on_a_running_vm_is_described_as_none()
    {
        var current = Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, """{"name":"dyniface1"}"""]);

        var decision = await _harness.ValidateAsync(Update(Plugged(), current));

        Assert.Equal(
            "network \"dyniface1\" changed its source from multus to none while the VM runs: revert it, or stop the VM to change it",
            DecisionAssert.MessageOf(decision, Changed));
    }

    [Fact]
    public async Task A_source_added_beside_a_new_nad_is_one_source_change_and_no_reference_change()
    {
        var current = Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, """{"name":"dyniface1","pod":{},"multus":{"networkName":"other/attachnet"}}"""]);

        var decision = await _harness.ValidateAsync(Update(Plugged(), current));

        Assert.Equal(
            "network \"dyniface1\" changed its source from multus to pod and multus while the VM runs: revert it, or stop the VM to change it",
            DecisionAssert.MessageOf(decision, Changed));
        var deny = (AdmissionDecision.Deny)decision;
        Assert.DoesNotContain(deny.Failures.Concat(deny.Warnings), f => f.Code == "VmNetworkReferenceChanged");
    }

    [Fact]
    public async Task A_network_name_that_no_longer_parses_on_a_running_vm_is_a_reference_change()
    {
        // The new name resolves to no reference, so the texts are compared: they differ.
        var current = Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "a/b/c")]);

        var decision = await _harness.ValidateAsync(Update(Plugged(), current));

        Assert.Equal(
            "network \"dyniface1\" now names a/b/c: live on KubeVirt v1.9+, else after a restart",
            DecisionAssert.MessageOf(decision, "VmNetworkReferenceChanged"));
    }

    [Fact]
    public void Without_a_namespace_in_request_or_object_references_resolve_in_default()
    {
        var attributes = new AdmissionAttributes(AdmissionOperation.Create, null, "", "vm", new UserInfo(), false, AdmissionPolicy.Default);

        var edit = VmEdit.Of(attributes, new VirtualMachine(), null);

        Assert.Equal("default", edit.Namespace);
    }
}
