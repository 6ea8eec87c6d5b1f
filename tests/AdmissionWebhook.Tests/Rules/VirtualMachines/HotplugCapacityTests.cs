using AdmissionWebhook.Rules.VirtualMachines;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// VmHotplugCapacity counts against the PCI slots KubeVirt reserved at boot: four minus the interfaces the VM booted
/// with, never fewer than none. A VM that booted with more interfaces than that has no slot left, which must not turn
/// an UPDATE that hot-plugs nothing into a warning.
/// </summary>
public sealed class HotplugCapacityTests
{
    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    /// <summary>A running VM with the pod interface, <paramref name="bridges"/> boot bridges and <paramref name="plugged"/> new ones.</summary>
    private static (string[] Interfaces, string[] Networks) Booted(int bridges, int plugged = 0)
    {
        var names = Enumerable.Range(0, bridges).Select(i => $"boot{i}").Concat(Enumerable.Range(0, plugged).Select(i => $"dyn{i}")).ToArray();
        return ([DefaultIface, .. names.Select(n => Bridge(n))], [DefaultNet, .. names.Select(n => Multus(n))]);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public async Task An_update_that_hot_plugs_nothing_on_a_vm_booted_with_five_or_more_interfaces_is_not_warned(int bootBridges)
    {
        var (interfaces, networks) = Booted(bootBridges);
        Assert.True(interfaces.Length > HotplugRules.ReservedInterfaces);
        var old = Vm(interfaces, networks);
        var current = Vm(interfaces, networks);
        current["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { ["team"] = "net" };

        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(old, current)));
    }

    [Fact]
    public async Task One_hot_plug_on_a_vm_booted_with_five_interfaces_finds_no_reserved_slot()
    {
        var (oldInterfaces, oldNetworks) = Booted(4);
        var (interfaces, networks) = Booted(4, plugged: 1);

        var decision = await _harness.ValidateAsync(Update(Vm(oldInterfaces, oldNetworks), Vm(interfaces, networks)));

        DecisionAssert.AllowedWithWarnings(decision, ("VmHotplugCapacity", Interfaces));
        Assert.StartsWith("1 NICs hot-plugged, 0 PCI slots reserved:", DecisionAssert.MessageOf(decision, "VmHotplugCapacity"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 1, null)]
    [InlineData(2, 2, "2 NICs hot-plugged, 1 PCI slots reserved:")]
    [InlineData(3, 1, "1 NICs hot-plugged, 0 PCI slots reserved:")]
    [InlineData(0, 3, null)]
    [InlineData(0, 4, "4 NICs hot-plugged, 3 PCI slots reserved:")]
    public async Task The_count_compares_new_interfaces_with_the_slots_left_after_boot(int bootBridges, int plugged, string? warning)
    {
        var (oldInterfaces, oldNetworks) = Booted(bootBridges);
        var (interfaces, networks) = Booted(bootBridges, plugged);

        var decision = await _harness.ValidateAsync(Update(Vm(oldInterfaces, oldNetworks), Vm(interfaces, networks)));

        if (warning is null)
        {
            DecisionAssert.Allowed(decision);
        }
        else
        {
            DecisionAssert.AllowedWithWarnings(decision, ("VmHotplugCapacity", Interfaces));
            Assert.StartsWith(warning, DecisionAssert.MessageOf(decision, "VmHotplugCapacity"), StringComparison.Ordinal);
        }
    }
}
