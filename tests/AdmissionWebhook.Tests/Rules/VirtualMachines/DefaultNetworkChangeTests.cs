using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// Which Multus network is the VM's default (<c>multus.default: true</c>, in place of the pod network) on a running VM.
/// The revised rule reference (docs/rules.md) has VmInterfaceChangedWhileRunning guard an existing network's source
/// kind only, so moving the default is admitted without a finding; these cases pin that, so a change of contract shows.
/// </summary>
public sealed class DefaultNetworkChangeTests
{
    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    private static string MultusDefault(string name, string nad = "attachnet") =>
        $"{{\"name\":\"{name}\",\"multus\":{{\"networkName\":\"{nad}\",\"default\":true}}}}";

    private static readonly string[] BothBridges = [Bridge("first"), Bridge("second")];

    [Fact]
    public async Task Moving_default_true_to_another_multus_network_on_a_running_vm_is_admitted()
    {
        var old = Vm(BothBridges, [MultusDefault("first"), Multus("second")]);
        var current = Vm(BothBridges, [Multus("first"), MultusDefault("second")]);

        var decision = await _harness.ValidateAsync(Update(old, current));

        DecisionAssert.Allowed(decision);
    }

    [Fact]
    public async Task Setting_default_true_on_a_running_vm_is_admitted()
    {
        var old = Vm(BothBridges, [Multus("first"), Multus("second")]);
        var current = Vm(BothBridges, [MultusDefault("first"), Multus("second")]);

        var decision = await _harness.ValidateAsync(Update(old, current));

        DecisionAssert.Allowed(decision);
    }

    [Fact]
    public async Task Moving_the_default_network_on_a_stopped_vm_is_allowed()
    {
        var old = Vm(BothBridges, [MultusDefault("first"), Multus("second")], runStrategy: "Halted");
        var current = Vm(BothBridges, [Multus("first"), MultusDefault("second")], runStrategy: "Halted");

        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(old, current)));
    }

    [Fact]
    public async Task Keeping_the_default_network_while_hot_plugging_another_is_allowed()
    {
        var old = Vm([Bridge("first")], [MultusDefault("first")]);
        var current = Vm([Bridge("first"), Bridge("dyniface1")], [MultusDefault("first"), Multus("dyniface1")]);

        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(old, current)));
    }
}
