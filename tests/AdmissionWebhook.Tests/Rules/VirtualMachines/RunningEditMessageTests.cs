using AdmissionWebhook.Admission;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// What a running VM's owner reads when an edit of an existing interface or network is refused or warned about: the
/// message names the interface, the old and the new value as written (or "unset"/"none"), and the way out.
/// </summary>
public sealed class RunningEditMessageTests
{
    private const string Changed = "VmInterfaceChangedWhileRunning";

    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    private Task<AdmissionDecision> EditAsync(string oldIface, string newIface, string nad = "attachnet") =>
        _harness.ValidateAsync(Update(
            Vm([DefaultIface, oldIface], [DefaultNet, Multus("dyniface1", nad)]),
            Vm([DefaultIface, newIface], [DefaultNet, Multus("dyniface1", nad)])));

    [Fact]
    public async Task A_model_set_on_a_running_interface_is_a_change_from_unset()
    {
        var decision = await EditAsync(Bridge("dyniface1"), Bridge("dyniface1", ""","model":"e1000" """));
        DecisionAssert.Denied(decision, [(Changed, IfaceAt(1, "model"))]);
        Assert.Equal(
            "interface \"dyniface1\" changed model from unset to \"e1000\" while the VM runs: revert it, or stop the VM, edit it and start it again",
            DecisionAssert.MessageOf(decision, Changed));
    }

    [Fact]
    public async Task A_model_removed_from_a_running_interface_is_a_change_to_unset()
    {
        var decision = await EditAsync(Bridge("dyniface1", ""","model":"e1000" """), Bridge("dyniface1"));
        DecisionAssert.Denied(decision, [(Changed, IfaceAt(1, "model"))]);
        Assert.Contains("changed model from \"e1000\" to unset", DecisionAssert.MessageOf(decision, Changed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mac_replacing_one_that_does_not_parse_is_a_change()
    {
        // The stored VM may predate the webhook; a MAC that does not parse is compared as written.
        var decision = await EditAsync(Bridge("dyniface1", ""","macAddress":"not-a-mac" """), Bridge("dyniface1", ""","macAddress":"02:00:00:aa:bb:01" """));
        DecisionAssert.Denied(decision, [(Changed, IfaceAt(1, "macAddress"))]);
        Assert.Contains("changed macAddress from \"not-a-mac\" to \"02:00:00:aa:bb:01\"", DecisionAssert.MessageOf(decision, Changed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pci_address_rewritten_in_other_letter_case_is_no_change()
    {
        DecisionAssert.Allowed(await EditAsync(Bridge("dyniface1", ""","pciAddress":"0000:81:0a.1" """), Bridge("dyniface1", ""","pciAddress":"0000:81:0A.1" """)));
    }

    [Fact]
    public async Task A_pci_address_removed_from_a_running_interface_is_a_change_to_unset()
    {
        var decision = await EditAsync(Bridge("dyniface1", ""","pciAddress":"0000:81:0a.1" """), Bridge("dyniface1"));
        DecisionAssert.Denied(decision, [(Changed, IfaceAt(1, "pciAddress"))]);
        Assert.Contains("changed pciAddress from \"0000:81:0a.1\" to unset", DecisionAssert.MessageOf(decision, Changed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binding_change_names_both_bindings()
    {
        var decision = await EditAsync(Bridge("dyniface1"), Sriov("dyniface1"));
        DecisionAssert.Denied(decision, [(Changed, IfaceAt(1))]);
        Assert.Equal(
            "interface \"dyniface1\" changed binding from bridge to sriov while the VM runs: revert it, or stop the VM, edit it and start it again",
            DecisionAssert.MessageOf(decision, Changed));
    }

    [Fact]
    public async Task A_network_source_change_names_both_sources()
    {
        var old = Plugged();
        var current = Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, """{"name":"dyniface1","pod":{}}"""]);
        var decision = await _harness.ValidateAsync(Update(old, current));
        Assert.Equal(
            "network \"dyniface1\" changed its source from multus to pod while the VM runs: revert it, or stop the VM to change it",
            DecisionAssert.MessageOf(decision, Changed));
    }

    [Fact]
    public async Task A_new_nad_reference_names_the_new_nad_and_when_it_applies()
    {
        var current = Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "other/attachnet")]);
        var decision = await _harness.ValidateAsync(Update(Plugged(), current));
        Assert.Equal(
            "network \"dyniface1\" now names other/attachnet: live on KubeVirt v1.9+, else after a restart",
            DecisionAssert.MessageOf(decision, "VmNetworkReferenceChanged"));
    }

    [Fact]
    public async Task Reverting_an_unplug_says_how_to_plug_the_interface_again()
    {
        var decision = await _harness.ValidateAsync(Update(Plugged(""","state":"absent" """), Plugged()));
        Assert.Equal(
            "interface \"dyniface1\" is being unplugged: keep state: absent; once KubeVirt has removed it, hot-plug it again as a new interface",
            DecisionAssert.MessageOf(decision, "VmUnplugReverted"));
    }

    [Fact]
    public async Task Removing_a_plugged_interface_outright_says_to_unplug_it_instead()
    {
        var decision = await _harness.ValidateAsync(Update(Plugged(), Seed()));
        Assert.Equal(
            "interface \"dyniface1\" is plugged into the running VM and removing it unplugs nothing: set state: absent on interface \"dyniface1\" instead of removing it, and keep its network",
            DecisionAssert.MessageOf(decision, "VmInterfaceRemovedWithoutUnplug"));
    }

    [Fact]
    public async Task Removing_an_sriov_interface_names_its_binding_and_the_restart()
    {
        var old = Vm([DefaultIface, Sriov("dynsriov1")], [DefaultNet, Multus("dynsriov1", "sriov-attachnet")]);
        var decision = await _harness.ValidateAsync(Update(old, Seed()));
        Assert.Equal("interface \"dynsriov1\" (sriov) stays in the guest until the VM restarts", DecisionAssert.MessageOf(decision, "VmRemovalNeedsRestart"));
    }
}
