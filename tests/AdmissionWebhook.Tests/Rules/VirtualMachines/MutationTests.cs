using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.MutationAssertions;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// The VM mutations: the exact patch, the object after applying it with the strict applier, idempotence (the harness
/// re-mutates the patched object), and what the validating webhook then says about the patched object.
/// </summary>
public sealed class MutationTests
{
    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    [Fact]
    public async Task Turns_removal_of_a_plugged_bridge_interface_and_its_network_into_an_unplug()
    {
        var request = Update(Plugged(), Seed());
        var (operations, codes, patched) = await _harness.MutateAndApplyAsync(request);

        AssertPatch("""
            [
              {"op":"test","path":"IFACES/0/name","value":"defaultnetwork"},
              {"op":"add","path":"IFACES/-","value":{"name":"dyniface1","bridge":{},"state":"absent"}},
              {"op":"test","path":"NETS/0/name","value":"defaultnetwork"},
              {"op":"add","path":"NETS/-","value":{"name":"dyniface1","multus":{"networkName":"attachnet"}}}
            ]
            """, operations);
        DecisionAssert.MutationCodes(codes, "VmInterfaceRemovedWithoutUnplug");
        AssertJson(Plugged(""","state":"absent" """), patched);
        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(Plugged(), patched!.AsObject())));
    }

    [Fact]
    public async Task Re_adds_a_removed_interface_at_its_old_index_keeping_fields_the_model_does_not_know()
    {
        var extra = ""","model":"virtio","macAddress":"02:00:00:aa:bb:01","tag":"kept","dhcpOptions":{"bootFileName":"x"},"state":"up" """;
        var old = Vm([DefaultIface, Bridge("a", extra), Bridge("b")], [DefaultNet, Multus("a"), Multus("b")]);
        var current = Vm([DefaultIface, Bridge("b")], [DefaultNet, Multus("a"), Multus("b")]);
        var (operations, codes, patched) = await _harness.MutateAndApplyAsync(Update(old, current));

        AssertPatch("""
            [
              {"op":"test","path":"IFACES/1/name","value":"b"},
              {"op":"add","path":"IFACES/1","value":{"name":"a","bridge":{},"model":"virtio","macAddress":"02:00:00:aa:bb:01","tag":"kept","dhcpOptions":{"bootFileName":"x"},"state":"absent"}}
            ]
            """, operations);
        DecisionAssert.MutationCodes(codes, "VmInterfaceRemovedWithoutUnplug");
        AssertJson(Vm([DefaultIface, Bridge("a", extra.Replace("\"up\"", "\"absent\"", StringComparison.Ordinal)), Bridge("b")], [DefaultNet, Multus("a"), Multus("b")]), patched);
    }

    [Fact]
    public async Task Re_adds_several_removals_in_the_old_order_next_to_a_hotplug()
    {
        var old = Vm([DefaultIface, Bridge("a"), Bridge("b")], [DefaultNet, Multus("a"), Multus("b")]);
        var current = Vm([DefaultIface, Bridge("c")], [DefaultNet, Multus("c")]);
        var (_, codes, patched) = await _harness.MutateAndApplyAsync(Update(old, current));

        DecisionAssert.MutationCodes(codes, "VmInterfaceRemovedWithoutUnplug");
        AssertJson(Vm([DefaultIface, Bridge("a", ""","state":"absent" """), Bridge("b", ""","state":"absent" """), Bridge("c")],
            [DefaultNet, Multus("a"), Multus("b"), Multus("c")]), patched);
    }

    [Fact]
    public async Task Restores_the_network_of_an_interface_set_absent()
    {
        var current = Vm([DefaultIface, Bridge("dyniface1", ""","state":"absent" """)], [DefaultNet]);
        var (operations, codes, patched) = await _harness.MutateAndApplyAsync(Update(Plugged(), current));

        AssertPatch("""
            [
              {"op":"test","path":"NETS/0/name","value":"defaultnetwork"},
              {"op":"add","path":"NETS/-","value":{"name":"dyniface1","multus":{"networkName":"attachnet"}}}
            ]
            """, operations);
        DecisionAssert.MutationCodes(codes, "VmAbsentNetworkRestored");
        AssertJson(Plugged(""","state":"absent" """), patched);
    }

    [Fact]
    public async Task Restores_a_network_at_its_old_index_before_later_networks()
    {
        var old = Vm([DefaultIface, Bridge("a"), Bridge("b")], [DefaultNet, Multus("a"), Multus("b")]);
        var current = Vm([DefaultIface, Bridge("a", ""","state":"absent" """), Bridge("b")], [DefaultNet, Multus("b")]);
        var (operations, _, patched) = await _harness.MutateAndApplyAsync(Update(old, current));

        AssertPatch("""
            [
              {"op":"test","path":"NETS/1/name","value":"b"},
              {"op":"add","path":"NETS/1","value":{"name":"a","multus":{"networkName":"attachnet"}}}
            ]
            """, operations);
        AssertJson(Vm([DefaultIface, Bridge("a", ""","state":"absent" """), Bridge("b")], [DefaultNet, Multus("a"), Multus("b")]), patched);
    }

    [Fact]
    public async Task Gives_a_hot_plugged_interface_without_binding_a_bridge_on_a_kube_ovn_nad()
    {
        var current = Vm([DefaultIface, """{"name":"dyniface1"}"""], [DefaultNet, Multus("dyniface1")]);
        var (operations, codes, patched) = await _harness.MutateAndApplyAsync(Update(Seed(), current));

        AssertPatch("""
            [
              {"op":"test","path":"IFACES/1/name","value":"dyniface1"},
              {"op":"add","path":"IFACES/1/bridge","value":{}}
            ]
            """, operations);
        DecisionAssert.MutationCodes(codes, "VmHotplugDefaultBridge");
        AssertJson(Plugged(), patched);
        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(Seed(), patched!.AsObject())));
    }

    [Theory]
    [InlineData("sriov-attachnet")]
    [InlineData("missingnet")]
    public async Task Leaves_an_interface_without_binding_alone_unless_its_nad_is_kube_ovn(string nad)
    {
        var current = Vm([DefaultIface, """{"name":"dyniface1"}"""], [DefaultNet, Multus("dyniface1", nad)]);
        var (operations, _, _) = await _harness.MutateAndApplyAsync(Update(Seed(), current));
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Combines_a_default_bridge_and_a_repaired_removal_in_one_patch()
    {
        var current = Vm([DefaultIface, """{"name":"dyniface2"}"""], [DefaultNet, Multus("dyniface2")]);
        var (operations, codes, patched) = await _harness.MutateAndApplyAsync(Update(Plugged(), current));

        AssertPatch("""
            [
              {"op":"test","path":"IFACES/1/name","value":"dyniface2"},
              {"op":"add","path":"IFACES/1/bridge","value":{}},
              {"op":"test","path":"IFACES/1/name","value":"dyniface2"},
              {"op":"add","path":"IFACES/1","value":{"name":"dyniface1","bridge":{},"state":"absent"}},
              {"op":"test","path":"NETS/1/name","value":"dyniface2"},
              {"op":"add","path":"NETS/1","value":{"name":"dyniface1","multus":{"networkName":"attachnet"}}}
            ]
            """, operations);
        DecisionAssert.MutationCodes(codes, "VmHotplugDefaultBridge", "VmInterfaceRemovedWithoutUnplug");
        AssertJson(Vm([DefaultIface, Bridge("dyniface1", ""","state":"absent" """), """{"name":"dyniface2","bridge":{}}"""],
            [DefaultNet, Multus("dyniface1"), Multus("dyniface2")]), patched);
    }

    [Fact]
    public async Task Re_creates_the_interface_and_network_lists_when_the_edit_deleted_them()
    {
        var current = Plugged();
        var template = current["spec"]!["template"]!["spec"]!.AsObject();
        template["domain"]!["devices"]!.AsObject().Remove("interfaces");
        template.Remove("networks");
        var (operations, _, patched) = await _harness.MutateAndApplyAsync(Update(Plugged(), current));

        AssertPatch("""
            [
              {"op":"add","path":"IFACES","value":[{"name":"dyniface1","bridge":{},"state":"absent"}]},
              {"op":"add","path":"NETS","value":[{"name":"dyniface1","multus":{"networkName":"attachnet"}}]}
            ]
            """, operations);
        AssertJson(Vm([Bridge("dyniface1", ""","state":"absent" """)], [Multus("dyniface1")]), patched);
        DecisionAssert.AllowedWithWarnings(await _harness.ValidateAsync(Update(Plugged(), patched!.AsObject())),
            ("VmRemovalNeedsRestart", Interfaces));
    }

    [Fact]
    public async Task Fails_the_patch_when_the_list_changed_under_it()
    {
        var decision = await _harness.MutateAsync(Update(Plugged(), Seed()));
        var patch = Assert.IsType<AdmissionWebhook.Admission.AdmissionDecision.Patch>(decision);
        var concurrent = Vm([Bridge("other"), DefaultIface], [DefaultNet, Multus("other")]);
        Assert.Throws<JsonPatchException>(() => JsonPatchApplier.Apply(concurrent, patch.Operations));
        // The API server's library refuses it too: the guards work where it matters.
        var (_, error) = ApiServerJsonPatch.Apply(concurrent, JsonPatchSerializer.ToJson(patch.Operations));
        Assert.Contains("test", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaves_the_clean_up_of_an_absent_interface_untouched()
    {
        var (operations, _, _) = await _harness.MutateAndApplyAsync(Update(Plugged(""","state":"absent" """), Seed()));
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Leaves_a_removed_sriov_interface_alone()
    {
        var old = Vm([DefaultIface, Sriov("s")], [DefaultNet, Multus("s", "sriov-attachnet")]);
        var (operations, _, _) = await _harness.MutateAndApplyAsync(Update(old, Seed()));
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Does_not_mutate_for_the_kubevirt_controller()
    {
        var (operations, _, _) = await _harness.MutateAndApplyAsync(Update(Plugged(), Seed(), Exempt));
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Does_not_mutate_a_stopped_vm()
    {
        var (operations, _, _) = await _harness.MutateAndApplyAsync(Update(Plugged(runStrategy: "Halted"), Seed("Halted")));
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Does_not_mutate_on_create()
    {
        var (operations, _, _) = await _harness.MutateAndApplyAsync(VmTestData.Create(Vm([DefaultIface, """{"name":"dyniface1"}"""], [DefaultNet, Multus("dyniface1")])));
        Assert.Empty(operations);
    }

    [Theory]
    [InlineData("VmInterfaceRemovedWithoutUnplug")]
    [InlineData("VmHotplugDefaultBridge")]
    [InlineData("VmAbsentNetworkRestored")]
    public async Task Does_not_apply_a_mutation_switched_off(string code)
    {
        var harness = HarnessWithout(code);
        var request = code switch
        {
            "VmInterfaceRemovedWithoutUnplug" => Update(Plugged(), Seed()),
            "VmHotplugDefaultBridge" => Update(Seed(), Vm([DefaultIface, """{"name":"dyniface1"}"""], [DefaultNet, Multus("dyniface1")])),
            _ => Update(Plugged(), Vm([DefaultIface, Bridge("dyniface1", ""","state":"absent" """)], [DefaultNet])),
        };
        var (operations, _, _) = await harness.MutateAndApplyAsync(request);
        Assert.Empty(operations);
    }

    [Fact]
    public async Task Validator_denies_what_arrives_unrepaired_when_the_mutation_is_off()
    {
        var harness = HarnessWithout("VmHotplugDefaultBridge");
        var current = Vm([DefaultIface, """{"name":"dyniface1"}"""], [DefaultNet, Multus("dyniface1")]);
        DecisionAssert.Denied(await harness.ValidateAsync(Update(Seed(), current)), [("VmBindingInvalid", IfaceAt(1))]);
    }
}
