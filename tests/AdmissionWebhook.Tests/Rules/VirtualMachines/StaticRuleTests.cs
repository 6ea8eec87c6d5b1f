using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>The rules that judge the VM on its own, on CREATE and on every UPDATE (running or not).</summary>
public sealed class StaticRuleTests
{
    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    private Task<AdmissionWebhook.Admission.AdmissionDecision> CreateAsync(string[] interfaces, string[] networks) =>
        _harness.ValidateAsync(VmTestData.Create(Vm(interfaces, networks)));

    [Fact]
    public async Task Seed_vm_with_hot_plugged_interface_is_valid_on_create()
    {
        DecisionAssert.Allowed(await _harness.ValidateAsync(VmTestData.Create(Plugged())));
    }

    [Fact]
    public async Task Rejects_interface_without_network()
    {
        var decision = await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet]);
        DecisionAssert.Denied(decision, [("VmInterfaceWithoutNetwork", IfaceAt(1, "name"))]);
        Assert.Contains("add network \"dyniface1\"", DecisionAssert.MessageOf(decision, "VmInterfaceWithoutNetwork"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_absent_interface_whose_network_is_gone_with_a_hint_to_put_it_back()
    {
        // On a stopped VM nothing mutates this, so the static rule speaks.
        var old = Plugged(runStrategy: "Halted");
        var current = Vm([DefaultIface, Bridge("dyniface1", ""","state":"absent" """)], [DefaultNet], "Halted");
        var decision = await _harness.ValidateAsync(Update(old, current));
        DecisionAssert.Denied(decision, [("VmInterfaceWithoutNetwork", IfaceAt(1, "name"))]);
        Assert.Contains("put network \"dyniface1\" back", DecisionAssert.MessageOf(decision, "VmInterfaceWithoutNetwork"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_network_without_interface()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface], [DefaultNet, Multus("dyniface1")]),
            [("VmNetworkWithoutInterface", NetAt(1, "name"))]);
    }

    [Fact]
    public async Task Rejects_duplicate_interface_names_at_the_second_entry()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Bridge("dyniface1"), Bridge("dyniface1")], [DefaultNet, Multus("dyniface1")]),
            [("VmDuplicateName", IfaceAt(2, "name"))]);
    }

    [Fact]
    public async Task Rejects_duplicate_network_names_at_the_second_entry()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1"), Multus("dyniface1")]),
            [("VmDuplicateName", NetAt(2, "name"))]);
    }

    [Fact]
    public async Task Accepts_names_that_differ_only_in_case()
    {
        DecisionAssert.Allowed(await CreateAsync([DefaultIface, Bridge("nic"), Bridge("NIC")], [DefaultNet, Multus("nic"), Multus("NIC")]));
    }

    [Fact]
    public async Task Rejects_dotted_interface_name_once_not_again_on_its_network()
    {
        var decision = await CreateAsync([DefaultIface, Bridge("dyn.iface1")], [DefaultNet, Multus("dyn.iface1")]);
        DecisionAssert.Denied(decision, [("VmInterfaceNameInvalid", IfaceAt(1, "name"))]);
        Assert.Contains("\"dyn-iface1\"", DecisionAssert.MessageOf(decision, "VmInterfaceNameInvalid"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_name_longer_than_63_characters()
    {
        var name = new string('a', 64);
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Bridge(name)], [DefaultNet, Multus(name)]),
            [("VmInterfaceNameInvalid", IfaceAt(1, "name"))]);
    }

    [Fact]
    public async Task Rejects_empty_interface_name()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, """{"name":"","bridge":{}}"""], [DefaultNet]),
            [("VmInterfaceNameInvalid", IfaceAt(1, "name"))]);
    }

    [Fact]
    public async Task Accepts_63_characters_with_upper_case_digits_dash_and_underscore()
    {
        var name = "Nic_1-" + new string('x', 57);
        DecisionAssert.Allowed(await CreateAsync([DefaultIface, Bridge(name)], [DefaultNet, Multus(name)]));
    }

    [Theory]
    [InlineData("removed")]
    [InlineData("Absent")]
    [InlineData("UP")]
    public async Task Rejects_unknown_state(string state)
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Bridge("dyniface1", $$""","state":"{{state}}" """)], [DefaultNet, Multus("dyniface1")]),
            [("VmInterfaceStateInvalid", IfaceAt(1, "state"))]);
    }

    [Theory]
    [InlineData("up")]
    [InlineData("down")]
    public async Task Rejects_link_state_on_sriov(string state)
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Sriov("sriov1", $$""","state":"{{state}}" """)], [DefaultNet, Multus("sriov1", "sriov-attachnet")]),
            [("VmInterfaceStateInvalid", IfaceAt(1, "state"))]);
    }

    [Theory]
    [InlineData("up")]
    [InlineData("down")]
    [InlineData("")]
    public async Task Accepts_link_state_on_bridge(string state)
    {
        DecisionAssert.Allowed(await CreateAsync([DefaultIface, Bridge("dyniface1", $$""","state":"{{state}}" """)], [DefaultNet, Multus("dyniface1")]));
    }

    [Fact]
    public async Task Rejects_absent_on_sriov()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Sriov("sriov1", ""","state":"absent" """)], [DefaultNet, Multus("sriov1", "sriov-attachnet")]),
            [("VmAbsentRequiresBridge", IfaceAt(1, "state"))]);
    }

    [Fact]
    public async Task Rejects_absent_on_masquerade_pod_interface_with_both_causes()
    {
        DecisionAssert.Denied(await CreateAsync(["""{"masquerade":{},"name":"defaultnetwork","state":"absent"}"""], [DefaultNet]),
            [("VmAbsentRequiresBridge", IfaceAt(0, "state")), ("VmAbsentOnDefaultNetwork", IfaceAt(0, "state"))]);
    }

    [Fact]
    public async Task Rejects_absent_on_bridge_to_pod_network()
    {
        DecisionAssert.Denied(await CreateAsync([Bridge("defaultnetwork", ""","state":"absent" """)], [DefaultNet]),
            [("VmAbsentOnDefaultNetwork", IfaceAt(0, "state"))]);
    }

    [Fact]
    public async Task Rejects_absent_on_multus_default_network()
    {
        var decision = await CreateAsync([Bridge("primary", ""","state":"absent" """)], ["""{"name":"primary","multus":{"networkName":"attachnet","default":true}}"""]);
        DecisionAssert.Denied(decision, [("VmAbsentOnDefaultNetwork", IfaceAt(0, "state"))]);
        Assert.Contains("Multus default network", DecisionAssert.MessageOf(decision, "VmAbsentOnDefaultNetwork"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepts_absent_on_bridge_to_secondary_multus_network()
    {
        DecisionAssert.Allowed(await CreateAsync([DefaultIface, Bridge("dyniface1", ""","state":"absent" """)], [DefaultNet, Multus("dyniface1")]));
    }

    [Fact]
    public async Task Rejects_interface_without_binding_on_create()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, """{"name":"dyniface1"}"""], [DefaultNet, Multus("dyniface1")]),
            [("VmBindingInvalid", IfaceAt(1))]);
    }

    [Fact]
    public async Task Rejects_two_bindings()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, """{"name":"dyniface1","bridge":{},"sriov":{}}"""], [DefaultNet, Multus("dyniface1")]),
            [("VmBindingInvalid", IfaceAt(1))]);
    }

    [Fact]
    public async Task Rejects_masquerade_on_multus_network()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, """{"name":"dyniface1","masquerade":{}}"""], [DefaultNet, Multus("dyniface1")]),
            [("VmBindingInvalid", IfaceAt(1, "masquerade"))]);
    }

    [Fact]
    public async Task Rejects_binding_plugin_without_name()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, """{"name":"dyniface1","binding":{}}"""], [DefaultNet, Multus("dyniface1")]),
            [("VmBindingInvalid", IfaceAt(1, "binding.name"))]);
    }

    [Fact]
    public async Task Accepts_named_binding_plugin_and_bridge_on_pod_network()
    {
        DecisionAssert.Allowed(await CreateAsync([Bridge("defaultnetwork"), """{"name":"dyniface1","binding":{"name":"managedtap"}}"""],
            [DefaultNet, Multus("dyniface1")]));
    }

    [Fact]
    public async Task Rejects_discontinued_slirp_on_create()
    {
        DecisionAssert.Denied(await CreateAsync(["""{"name":"defaultnetwork","slirp":{}}"""], [DefaultNet]),
            [("VmBindingInvalid", IfaceAt(0, "slirp"))]);
    }

    [Fact]
    public async Task Lets_an_existing_vm_keep_its_discontinued_slirp_binding()
    {
        var vm = Vm(["""{"name":"defaultnetwork","slirp":{}}"""], [DefaultNet], "Halted");
        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(vm, vm)));
    }

    [Fact]
    public async Task Rejects_network_without_source()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, """{"name":"dyniface1"}"""]),
            [("VmNetworkSourceInvalid", NetAt(1))]);
    }

    [Fact]
    public async Task Rejects_network_with_two_sources()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, """{"name":"dyniface1","pod":{},"multus":{"networkName":"attachnet"}}"""]),
            [("VmNetworkSourceInvalid", NetAt(1))]);
    }

    [Theory]
    [InlineData("""{"name":"dyniface1","multus":{"networkName":""}}""")]
    [InlineData("""{"name":"dyniface1","multus":{}}""")]
    [InlineData("""{"name":"dyniface1","multus":{"networkName":"a/b/c"}}""")]
    [InlineData("""{"name":"dyniface1","multus":{"networkName":"/attachnet"}}""")]
    public async Task Rejects_unusable_multus_network_name(string network)
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, network]),
            [("VmNetworkSourceInvalid", NetAt(1, "multus.networkName"))]);
    }

    [Fact]
    public async Task Rejects_second_pod_network()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Bridge("second")], [DefaultNet, """{"name":"second","pod":{}}"""]),
            [("VmNetworkSourceInvalid", NetAt(1, "pod"))]);
    }

    [Fact]
    public async Task Rejects_multus_default_next_to_pod_network()
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Bridge("primary")], [DefaultNet, """{"name":"primary","multus":{"networkName":"attachnet","default":true}}"""]),
            [("VmNetworkSourceInvalid", NetAt(1, "multus.default"))]);
    }

    [Fact]
    public async Task Rejects_second_multus_default()
    {
        DecisionAssert.Denied(await CreateAsync([Bridge("a"), Bridge("b")],
                ["""{"name":"a","multus":{"networkName":"attachnet","default":true}}""", """{"name":"b","multus":{"networkName":"attachnet","default":true}}"""]),
            [("VmNetworkSourceInvalid", NetAt(1, "multus.default"))]);
    }

    [Fact]
    public async Task Accepts_namespace_qualified_network_name()
    {
        DecisionAssert.Allowed(await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "other/attachnet")]));
    }

    [Theory]
    [InlineData("02:00:00:00:0a")]
    [InlineData("02:00:00:00:00:0g")]
    [InlineData("02:00:00:00:00:00:00:01")]
    [InlineData("02:00-00:00:00:01")]
    public async Task Rejects_malformed_mac(string mac)
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Bridge("dyniface1", $$""","macAddress":"{{mac}}" """)], [DefaultNet, Multus("dyniface1")]),
            [("VmMacInvalid", IfaceAt(1, "macAddress"))]);
    }

    [Fact]
    public async Task Rejects_reserved_mac_on_masquerade()
    {
        DecisionAssert.Denied(await CreateAsync(["""{"masquerade":{},"name":"defaultnetwork","macAddress":"02:00:00:00:00:00"}"""], [DefaultNet]),
            [("VmMacInvalid", IfaceAt(0, "macAddress"))]);
    }

    [Fact]
    public async Task Rejects_the_same_mac_twice_in_another_notation()
    {
        DecisionAssert.Denied(await CreateAsync(
                [DefaultIface, Bridge("a", ""","macAddress":"02:00:00:aa:bb:01" """), Bridge("b", ""","macAddress":"02-00-00-AA-BB-01" """)],
                [DefaultNet, Multus("a"), Multus("b")]),
            [("VmMacInvalid", IfaceAt(2, "macAddress"))]);
    }

    [Fact]
    public async Task Accepts_distinct_macs_in_every_notation_and_the_reserved_mac_on_bridge()
    {
        DecisionAssert.Allowed(await CreateAsync(
            [DefaultIface, Bridge("a", ""","macAddress":"02:00:00:00:00:00" """), Bridge("b", ""","macAddress":"02-00-00-AA-BB-02" """), Bridge("c", ""","macAddress":"0200.00aa.bb03" """)],
            [DefaultNet, Multus("a"), Multus("b"), Multus("c")]));
    }

    [Theory]
    [InlineData("virtio-net")]
    [InlineData("VIRTIO")]
    public async Task Rejects_unsupported_model(string model)
    {
        DecisionAssert.Denied(await CreateAsync([DefaultIface, Bridge("dyniface1", $$""","model":"{{model}}" """)], [DefaultNet, Multus("dyniface1")]),
            [("VmModelInvalid", IfaceAt(1, "model"))]);
    }

    [Theory]
    [InlineData("e1000e")]
    [InlineData("virtio")]
    [InlineData("")]
    public async Task Accepts_supported_model(string model)
    {
        DecisionAssert.Allowed(await CreateAsync([DefaultIface, Bridge("dyniface1", $$""","model":"{{model}}" """)], [DefaultNet, Multus("dyniface1")]));
    }

    [Fact]
    public async Task Warns_on_create_when_the_nad_does_not_exist()
    {
        var decision = await CreateAsync([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "missingnet")]);
        DecisionAssert.AllowedWithWarnings(decision, ("VmNadMissing", NetAt(1, "multus.networkName")));
        Assert.Contains("default/missingnet", DecisionAssert.MessageOf(decision, "VmNadMissing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warns_when_a_stopped_vm_gets_a_network_whose_nad_does_not_exist()
    {
        var old = Seed("Halted");
        var current = Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "other/missingnet")], "Halted");
        DecisionAssert.AllowedWithWarnings(await _harness.ValidateAsync(Update(old, current)), ("VmNadMissing", NetAt(1, "multus.networkName")));
    }

    [Fact]
    public async Task Resolves_unqualified_network_names_in_the_vm_namespace()
    {
        // other/attachnet exists, but the VM lives in default: "attachnet2" must be looked up as default/attachnet2.
        var vm = Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "attachnet2")]);
        vm["metadata"]!["namespace"] = "other";
        var request = VmTestData.Create(vm) with { Namespace = "other" };
        DecisionAssert.AllowedWithWarnings(await _harness.ValidateAsync(request), ("VmNadMissing", NetAt(1, "multus.networkName")));
        vm["spec"]!["template"]!["spec"]!["networks"]![1]!["multus"]!["networkName"] = "attachnet";
        DecisionAssert.Allowed(await _harness.ValidateAsync(VmTestData.Create(vm) with { Namespace = "other" }));
    }

    [Fact]
    public async Task Reports_every_failure_not_just_the_first()
    {
        var decision = await CreateAsync(
            [DefaultIface, Bridge("a.b", ""","state":"gone","model":"x","macAddress":"zz" """)],
            [DefaultNet, Multus("a.b")]);
        DecisionAssert.Denied(decision,
            [("VmInterfaceNameInvalid", IfaceAt(1, "name")), ("VmInterfaceStateInvalid", IfaceAt(1, "state")), ("VmModelInvalid", IfaceAt(1, "model")), ("VmMacInvalid", IfaceAt(1, "macAddress"))]);
    }

    [Fact]
    public async Task Static_rules_still_apply_to_exempt_users()
    {
        var old = Plugged();
        var current = Plugged(""","state":"removed" """);
        DecisionAssert.Denied(await _harness.ValidateAsync(Update(old, current, Exempt)), [("VmInterfaceStateInvalid", IfaceAt(1, "state"))]);
    }
}
