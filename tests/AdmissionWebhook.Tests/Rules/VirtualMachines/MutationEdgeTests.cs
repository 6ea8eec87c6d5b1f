using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.MutationAssertions;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// The VM mutations on the shapes of the lists that the ordinary cases never have: a list set to null or emptied, an
/// element without a name, a VM whose only interface is the one to repair, several elements restored at the end, a
/// parent that cannot take the list, and a review cancelled half-way. Each states the exact patch (applied by both
/// appliers and re-mutated for idempotence by the harness) or the exact decision.
/// </summary>
public sealed class MutationEdgeTests
{
    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    private static JsonObject Devices(JsonObject vm) => vm["spec"]!["template"]!["spec"]!["domain"]!["devices"]!.AsObject();

    private static RuleHarness<AdmissionWebhook.Resources.VirtualMachine> WithoutDefaultBridge() =>
        HarnessWithout("VmHotplugDefaultBridge");

    [Fact]
    public async Task Interfaces_set_to_null_are_tested_as_null_before_the_list_is_added_back()
    {
        // The edit nulls the list (plugged interface gone, its network kept): the guard states the null the API
        // server will find, so a concurrent writer that filled the list in between fails the patch.
        var current = Plugged();
        Devices(current)["interfaces"] = null;
        var (operations, codes, patched) = await _harness.MutateAndApplyAsync(Update(Plugged(), current));

        AssertPatch("""
            [
              {"op":"test","path":"IFACES","value":null},
              {"op":"add","path":"IFACES","value":[{"name":"dyniface1","bridge":{},"state":"absent"}]}
            ]
            """, operations);
        DecisionAssert.MutationCodes(codes, "VmInterfaceRemovedWithoutUnplug");
        AssertJson(Vm([Bridge("dyniface1", ""","state":"absent" """)], [DefaultNet, Multus("dyniface1")]), patched);
    }

    [Fact]
    public async Task Emptied_lists_are_tested_as_empty_and_the_restored_elements_appended()
    {
        var old = Vm([Bridge("a")], [Multus("a")]);
        var (operations, codes, patched) = await _harness.MutateAndApplyAsync(Update(old, Vm([], [])));

        AssertPatch("""
            [
              {"op":"test","path":"IFACES","value":[]},
              {"op":"add","path":"IFACES/-","value":{"name":"a","bridge":{},"state":"absent"}},
              {"op":"test","path":"NETS","value":[]},
              {"op":"add","path":"NETS/-","value":{"name":"a","multus":{"networkName":"attachnet"}}}
            ]
            """, operations);
        DecisionAssert.MutationCodes(codes, "VmInterfaceRemovedWithoutUnplug");
        AssertJson(Vm([Bridge("a", ""","state":"absent" """)], [Multus("a")]), patched);
    }

    [Fact]
    public async Task A_nameless_element_pushed_back_by_a_restore_is_tested_whole()
    {
        // Nothing to test by name: the whole element is the guard. (The validator denies the nameless interface.)
        var old = Vm([Bridge("a"), DefaultIface], [Multus("a"), DefaultNet]);
        var current = Vm(["""{"masquerade":{}}""", DefaultIface], [Multus("a"), DefaultNet]);
        var (operations, codes, _) = await _harness.MutateAndApplyAsync(Update(old, current));

        AssertPatch("""
            [
              {"op":"test","path":"IFACES/0","value":{"masquerade":{}}},
              {"op":"add","path":"IFACES/0","value":{"name":"a","bridge":{},"state":"absent"}}
            ]
            """, operations);
        DecisionAssert.MutationCodes(codes, "VmInterfaceRemovedWithoutUnplug");
    }

    [Fact]
    public async Task Two_interfaces_restored_at_the_end_guard_each_by_the_element_before_it()
    {
        // The second append lands after the first: its guard names the interface restored just before it.
        var old = Vm([DefaultIface, Bridge("a"), Bridge("b")], [DefaultNet, Multus("a"), Multus("b")]);
        var current = Vm([DefaultIface], [DefaultNet, Multus("a"), Multus("b")]);
        var (operations, codes, patched) = await _harness.MutateAndApplyAsync(Update(old, current));

        AssertPatch("""
            [
              {"op":"test","path":"IFACES/0/name","value":"defaultnetwork"},
              {"op":"add","path":"IFACES/-","value":{"name":"a","bridge":{},"state":"absent"}},
              {"op":"test","path":"IFACES/1/name","value":"a"},
              {"op":"add","path":"IFACES/-","value":{"name":"b","bridge":{},"state":"absent"}}
            ]
            """, operations);
        DecisionAssert.MutationCodes(codes, "VmInterfaceRemovedWithoutUnplug");
        AssertJson(Vm([DefaultIface, Bridge("a", ""","state":"absent" """), Bridge("b", ""","state":"absent" """)],
            [DefaultNet, Multus("a"), Multus("b")]), patched);
    }

    [Fact]
    public async Task The_only_interface_hot_plugged_without_binding_gets_a_bridge()
    {
        var current = Vm(["""{"name":"a"}"""], [Multus("a")]);
        var (operations, codes, patched) = await _harness.MutateAndApplyAsync(Update(Vm([], []), current));

        AssertPatch("""
            [
              {"op":"test","path":"IFACES/0/name","value":"a"},
              {"op":"add","path":"IFACES/0/bridge","value":{}}
            ]
            """, operations);
        DecisionAssert.MutationCodes(codes, "VmHotplugDefaultBridge");
        AssertJson(Vm([Bridge("a")], [Multus("a")]), patched);
    }

    [Fact]
    public async Task The_only_interface_set_absent_gets_its_network_back_in_an_emptied_list()
    {
        var old = Vm([Bridge("a")], [Multus("a")]);
        var current = Vm([Bridge("a", ""","state":"absent" """)], []);
        var (operations, codes, patched) = await _harness.MutateAndApplyAsync(Update(old, current));

        AssertPatch("""
            [
              {"op":"test","path":"NETS","value":[]},
              {"op":"add","path":"NETS/-","value":{"name":"a","multus":{"networkName":"attachnet"}}}
            ]
            """, operations);
        DecisionAssert.MutationCodes(codes, "VmAbsentNetworkRestored");
        AssertJson(Vm([Bridge("a", ""","state":"absent" """)], [Multus("a")]), patched);
    }

    [Fact]
    public async Task A_removal_under_devices_that_is_null_is_left_to_the_validator_with_no_patch()
    {
        // No list can be added under a null parent: the API server would refuse such a patch, so none is sent.
        var current = Plugged();
        current["spec"]!["template"]!["spec"]!["domain"]!.AsObject()["devices"] = null;
        var decision = await _harness.MutateAsync(Update(Plugged(), current));

        Assert.Equal(AdmissionDecision.Allowed, decision);
    }

    [Fact]
    public async Task A_networks_member_that_is_not_a_list_is_a_bad_request_before_any_mutation()
    {
        // Why the mutator never meets a networks list it cannot insert into once the interfaces can take one.
        var current = Vm([DefaultIface], [DefaultNet]);
        current["spec"]!["template"]!["spec"]!["networks"] = new JsonObject { ["name"] = "dyniface1" };
        var decision = await _harness.MutateAsync(Update(Plugged(), current));

        Assert.Equal(400, Assert.IsType<AdmissionDecision.Error>(decision).Code);
    }

    [Fact]
    public async Task A_cancelled_review_stops_while_restoring_removed_interfaces()
    {
        // The default-bridge pass (which also watches the token) is off, so the token is first read while restoring.
        var harness = WithoutDefaultBridge();
        var request = Update(Vm([DefaultIface, Bridge("a")], [DefaultNet, Multus("a")]), Vm([DefaultIface], [DefaultNet, Multus("a")]));
        Assert.IsType<AdmissionDecision.Patch>(await harness.MutateAsync(request));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.MutateUnderAsync(request, cancelled.Token));
    }

    [Fact]
    public async Task A_cancelled_review_stops_while_restoring_networks()
    {
        var harness = WithoutDefaultBridge();
        var request = Update(Plugged(), Vm([DefaultIface, Bridge("dyniface1", ""","state":"absent" """)], [DefaultNet]));
        Assert.IsType<AdmissionDecision.Patch>(await harness.MutateAsync(request));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.MutateUnderAsync(request, cancelled.Token));
    }
}
