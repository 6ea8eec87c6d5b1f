using AdmissionWebhook.Admission;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// Edits of interfaces a running VM already has, as the validating endpoint judges them. Removals are shown as they
/// arrive when the mutating webhook did not repair them (skipped, or failed open).
/// </summary>
public sealed class RunningEditRuleTests
{
    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    private Task<AdmissionDecision> EditPluggedAsync(string newIface, string? runStrategy = "Always", string user = "alice") =>
        _harness.ValidateAsync(Update(Plugged(runStrategy: runStrategy), Vm([DefaultIface, newIface], [DefaultNet, Multus("dyniface1")], runStrategy), user));

    [Fact]
    public async Task Admits_the_seed_unplug_with_state_absent()
    {
        DecisionAssert.Allowed(await EditPluggedAsync(Bridge("dyniface1", ""","state":"absent" """)));
    }

    [Fact]
    public async Task Rejects_binding_change_of_an_existing_interface()
    {
        var decision = await EditPluggedAsync(Sriov("dyniface1"));
        DecisionAssert.Denied(decision, [("VmInterfaceChangedWhileRunning", IfaceAt(1))]);
        Assert.Contains("from bridge to sriov", DecisionAssert.MessageOf(decision, "VmInterfaceChangedWhileRunning"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""","model":"e1000" """, "model")]
    [InlineData(""","macAddress":"02:00:00:aa:bb:01" """, "macAddress")]
    [InlineData(""","pciAddress":"0000:81:11.1" """, "pciAddress")]
    public async Task Rejects_model_mac_or_pci_change_of_an_existing_interface(string extra, string field)
    {
        DecisionAssert.Denied(await EditPluggedAsync(Bridge("dyniface1", extra)), [("VmInterfaceChangedWhileRunning", IfaceAt(1, field))]);
    }

    [Fact]
    public async Task Admits_the_same_mac_in_another_notation_and_explicit_empty_model()
    {
        var old = Vm([DefaultIface, Bridge("dyniface1", ""","macAddress":"02:00:00:aa:bb:01" """)], [DefaultNet, Multus("dyniface1")]);
        var current = Vm([DefaultIface, Bridge("dyniface1", ""","macAddress":"02-00-00-AA-BB-01","model":"","state":"down" """)], [DefaultNet, Multus("dyniface1")]);
        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(old, current)));
    }

    [Fact]
    public async Task Admits_any_change_while_the_vm_is_stopped()
    {
        DecisionAssert.Allowed(await EditPluggedAsync(Bridge("dyniface1", ""","model":"e1000" """), runStrategy: "Halted"));
    }

    [Fact]
    public async Task Exempt_users_may_change_existing_interfaces()
    {
        DecisionAssert.Allowed(await EditPluggedAsync(Bridge("dyniface1", ""","model":"e1000" """), user: Exempt));
    }

    [Fact]
    public async Task Warns_about_a_new_nad_for_an_existing_network_which_kubevirt_1_9_applies_live()
    {
        // KubeVirt user guide hotplug/nad_reference.md: edit networkName of a running VM; other/attachnet has its Subnet.
        var current = Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "other/attachnet")]);
        var decision = await _harness.ValidateAsync(Update(Plugged(), current));
        DecisionAssert.AllowedWithWarnings(decision, ("VmNetworkReferenceChanged", NetAt(1, "multus.networkName")));
        Assert.Contains("other/attachnet", DecisionAssert.MessageOf(decision, "VmNetworkReferenceChanged"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missingnet", "VmHotplugNadMissing")]
    [InlineData("nosubnet", "VmHotplugSubnetMissing")]
    public async Task The_new_nad_of_an_existing_network_gets_the_hotplug_checks(string nad, string code)
    {
        var current = Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", nad)]);
        DecisionAssert.Denied(await _harness.ValidateAsync(Update(Plugged(), current)), [(code, NetAt(1, "multus.networkName"))], "VmNetworkReferenceChanged");
    }

    [Fact]
    public async Task A_new_nad_for_a_network_of_a_stopped_vm_is_a_plain_template_edit()
    {
        var current = Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "missingnet")], "Halted");
        DecisionAssert.AllowedWithWarnings(await _harness.ValidateAsync(Update(Plugged(runStrategy: "Halted"), current)), ("VmNadMissing", NetAt(1, "multus.networkName")));
    }

    [Fact]
    public async Task Admits_qualifying_the_same_nad_with_its_namespace()
    {
        var current = Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "default/attachnet")]);
        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(Plugged(), current)));
    }

    [Fact]
    public async Task Rejects_a_source_change_of_an_existing_network()
    {
        var current = Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, """{"name":"dyniface1","pod":{}}"""]);
        DecisionAssert.Denied(await _harness.ValidateAsync(Update(Plugged(), current)),
            [("VmInterfaceChangedWhileRunning", NetAt(1)), ("VmNetworkSourceInvalid", NetAt(1, "pod"))]);
    }

    [Fact]
    public async Task Rejects_bringing_back_an_interface_being_unplugged()
    {
        var old = Plugged(""","state":"absent" """);
        var decision = await _harness.ValidateAsync(Update(old, Plugged()));
        DecisionAssert.Denied(decision, [("VmUnplugReverted", IfaceAt(1, "state"))]);
        Assert.Contains("keep state: absent", DecisionAssert.MessageOf(decision, "VmUnplugReverted"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admits_bringing_back_an_absent_interface_on_a_stopped_vm()
    {
        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(Plugged(""","state":"absent" """, runStrategy: "Halted"), Plugged(runStrategy: "Halted"))));
    }

    [Fact]
    public async Task Rejects_removing_a_plugged_bridge_interface_outright_when_it_arrives_unrepaired()
    {
        var decision = await _harness.ValidateAsync(Update(Plugged(), Seed()));
        DecisionAssert.Denied(decision, [("VmInterfaceRemovedWithoutUnplug", Interfaces)]);
        Assert.Contains("set state: absent on interface \"dyniface1\" instead of removing it", DecisionAssert.MessageOf(decision, "VmInterfaceRemovedWithoutUnplug"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_removing_only_the_interface_with_both_causes()
    {
        var current = Vm([DefaultIface], [DefaultNet, Multus("dyniface1")]);
        DecisionAssert.Denied(await _harness.ValidateAsync(Update(Plugged(), current)),
            [("VmInterfaceRemovedWithoutUnplug", Interfaces), ("VmNetworkWithoutInterface", NetAt(1, "name"))]);
    }

    [Fact]
    public async Task Admits_the_clean_up_of_an_absent_interface_and_its_network()
    {
        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(Plugged(""","state":"absent" """), Seed())));
    }

    [Fact]
    public async Task Admits_the_kubevirt_controller_removing_a_plugged_interface()
    {
        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(Plugged(), Seed(), Exempt)));
    }

    [Fact]
    public async Task Admits_removing_a_bridge_interface_from_a_stopped_vm()
    {
        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(Plugged(runStrategy: "Halted"), Seed("Halted"))));
    }

    [Fact]
    public async Task Warns_that_a_removed_sriov_interface_stays_until_restart()
    {
        var old = Vm([DefaultIface, Sriov("dynsriov1")], [DefaultNet, Multus("dynsriov1", "sriov-attachnet")]);
        var decision = await _harness.ValidateAsync(Update(old, Seed()));
        DecisionAssert.AllowedWithWarnings(decision, ("VmRemovalNeedsRestart", Interfaces));
        Assert.True(DecisionAssert.MessageOf(decision, "VmRemovalNeedsRestart").Length + "VmRemovalNeedsRestart: ".Length <= 120);
    }

    [Fact]
    public async Task Warns_that_a_removed_bridge_on_the_pod_network_stays_until_restart()
    {
        var old = Vm([Bridge("defaultnetwork"), Bridge("dyniface1")], [DefaultNet, Multus("dyniface1")]);
        var current = Vm([Bridge("dyniface1")], [Multus("dyniface1")]);
        DecisionAssert.AllowedWithWarnings(await _harness.ValidateAsync(Update(old, current)), ("VmRemovalNeedsRestart", Interfaces));
    }

    [Fact]
    public async Task Does_not_warn_about_removing_an_absent_interface()
    {
        var old = Vm([DefaultIface, Bridge("dyniface1", ""","state":"absent" """), Sriov("s")], [DefaultNet, Multus("dyniface1"), Multus("s", "sriov-attachnet")]);
        var current = Vm([DefaultIface, Sriov("s")], [DefaultNet, Multus("s", "sriov-attachnet")]);
        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(old, current)));
    }
}
