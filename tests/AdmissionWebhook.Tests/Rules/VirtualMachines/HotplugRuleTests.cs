using AdmissionWebhook.Admission;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>Rules for an interface added to a running VM (the validating endpoint, as it sees the object).</summary>
public sealed class HotplugRuleTests
{
    private readonly RuleHarness<AdmissionWebhook.Resources.VirtualMachine> _harness = Harness();

    private Task<AdmissionDecision> HotplugAsync(string iface, string network, string? runStrategy = "Always", string? status = null, string user = "alice") =>
        _harness.ValidateAsync(Update(Seed(runStrategy, status), Vm([DefaultIface, iface], [DefaultNet, network], runStrategy, status), user));

    [Fact]
    public async Task Admits_the_seed_hotplug_of_a_bridge_interface()
    {
        DecisionAssert.Allowed(await HotplugAsync(Bridge("dyniface1"), Multus("dyniface1")));
    }

    [Fact]
    public async Task Rejects_sriov_hotplug_by_default()
    {
        var decision = await HotplugAsync(Sriov("dynsriov1"), Multus("dynsriov1", "sriov-attachnet"));
        DecisionAssert.Denied(decision, [("VmHotplugBindingUnsupported", IfaceAt(1, "sriov"))]);
        Assert.Contains("use bridge: {}", DecisionAssert.MessageOf(decision, "VmHotplugBindingUnsupported"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_masquerade_hotplug_on_a_second_pod_interface_alongside_the_static_failures()
    {
        var decision = await HotplugAsync("""{"name":"dyniface1","masquerade":{}}""", Multus("dyniface1"));
        DecisionAssert.Denied(decision, [("VmBindingInvalid", IfaceAt(1, "masquerade")), ("VmHotplugBindingUnsupported", IfaceAt(1, "masquerade"))]);
    }

    [Fact]
    public async Task Admits_sriov_hotplug_when_the_cluster_allows_it()
    {
        var harness = Harness(policy: new AdmissionPolicy(allowedHotplugBindings: ["bridge", "sriov"]));
        var decision = await harness.ValidateAsync(Update(Seed(), Vm([DefaultIface, Sriov("dynsriov1")], [DefaultNet, Multus("dynsriov1", "sriov-attachnet")])));
        DecisionAssert.Allowed(decision);
    }

    [Fact]
    public async Task Admits_sriov_added_to_a_stopped_vm()
    {
        DecisionAssert.Allowed(await HotplugAsync(Sriov("dynsriov1"), Multus("dynsriov1", "sriov-attachnet"), runStrategy: "Halted"));
    }

    [Fact]
    public async Task Exempt_users_skip_the_hotplug_rules()
    {
        DecisionAssert.Allowed(await HotplugAsync(Sriov("dynsriov1"), Multus("dynsriov1", "sriov-attachnet"), user: Exempt));
    }

    [Fact]
    public async Task Rejects_non_virtio_model_on_hotplug()
    {
        DecisionAssert.Denied(await HotplugAsync(Bridge("dyniface1", ""","model":"e1000" """), Multus("dyniface1")),
            [("VmHotplugModelUnsupported", IfaceAt(1, "model"))]);
    }

    [Fact]
    public async Task Rejects_unknown_model_on_hotplug_twice()
    {
        DecisionAssert.Denied(await HotplugAsync(Bridge("dyniface1", ""","model":"virtio-net" """), Multus("dyniface1")),
            [("VmModelInvalid", IfaceAt(1, "model")), ("VmHotplugModelUnsupported", IfaceAt(1, "model"))]);
    }

    [Fact]
    public async Task Admits_virtio_model_on_hotplug_and_keeps_an_existing_e1000()
    {
        var old = Vm([DefaultIface, Bridge("boot1", ""","model":"e1000" """)], [DefaultNet, Multus("boot1")]);
        var current = Vm([DefaultIface, Bridge("boot1", ""","model":"e1000" """), Bridge("dyniface1", ""","model":"virtio" """)],
            [DefaultNet, Multus("boot1"), Multus("dyniface1")]);
        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(old, current)));
    }

    [Fact]
    public async Task Rejects_new_interface_that_starts_absent()
    {
        DecisionAssert.Denied(await HotplugAsync(Bridge("dyniface1", ""","state":"absent" """), Multus("dyniface1")),
            [("VmHotplugNewInterfaceAbsent", IfaceAt(1, "state"))]);
    }

    [Fact]
    public async Task Admits_an_absent_interface_on_a_stopped_vm()
    {
        DecisionAssert.Allowed(await HotplugAsync(Bridge("dyniface1", ""","state":"absent" """), Multus("dyniface1"), runStrategy: "Halted"));
    }

    [Fact]
    public async Task Rejects_hotplug_onto_a_missing_nad_without_also_warning()
    {
        var decision = await HotplugAsync(Bridge("dyniface1"), Multus("dyniface1", "missingnet"));
        DecisionAssert.Denied(decision, [("VmHotplugNadMissing", NetAt(1, "multus.networkName"))]);
        Assert.Contains("default/missingnet", DecisionAssert.MessageOf(decision, "VmHotplugNadMissing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warns_instead_of_denying_when_the_hotplug_nad_rule_is_switched_off()
    {
        var harness = Harness(policy: new AdmissionPolicy(new Dictionary<string, RuleAction> { ["VmHotplugNadMissing"] = RuleAction.Off }));
        var decision = await harness.ValidateAsync(Update(Seed(), Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "missingnet")])));
        DecisionAssert.AllowedWithWarnings(decision, ("VmNadMissing", NetAt(1, "multus.networkName")));
    }

    [Fact]
    public async Task Rejects_hotplug_onto_a_kube_ovn_nad_without_subnet()
    {
        var decision = await HotplugAsync(Bridge("dyniface1"), Multus("dyniface1", "nosubnet"));
        DecisionAssert.Denied(decision, [("VmHotplugSubnetMissing", NetAt(1, "multus.networkName"))]);
        Assert.Contains("\"nosubnet.default.ovn\"", DecisionAssert.MessageOf(decision, "VmHotplugSubnetMissing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admits_hotplug_onto_an_ipam_flavour_nad_whose_subnet_exists()
    {
        DecisionAssert.Allowed(await HotplugAsync(Bridge("dyniface1"), Multus("dyniface1", "macvlan-ipam")));
    }

    [Fact]
    public async Task Admits_hotplug_onto_a_qualified_nad_in_another_namespace_with_its_subnet()
    {
        DecisionAssert.Allowed(await HotplugAsync(Bridge("dyniface1"), Multus("dyniface1", "other/attachnet")));
    }

    [Fact]
    public async Task Needs_no_subnet_for_a_nad_that_is_not_kube_ovn()
    {
        var harness = Harness(policy: new AdmissionPolicy(allowedHotplugBindings: ["bridge", "sriov"]));
        var decision = await harness.ValidateAsync(Update(Seed(), Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "sriov-attachnet")])));
        DecisionAssert.Allowed(decision);
    }

    [Fact]
    public async Task Warns_when_hotplugs_exceed_the_reserved_slots()
    {
        // Booted with 1 interface: 3 slots reserved, 4 hot-plugged.
        var names = new[] { "a", "b", "c", "d" };
        var current = Vm([DefaultIface, .. names.Select(n => Bridge(n))], [DefaultNet, .. names.Select(n => Multus(n))]);
        var decision = await _harness.ValidateAsync(Update(Seed(), current));
        DecisionAssert.AllowedWithWarnings(decision, ("VmHotplugCapacity", Interfaces));
    }

    [Fact]
    public async Task Does_not_warn_when_hotplugs_fit_the_reserved_slots()
    {
        var names = new[] { "a", "b", "c" };
        var current = Vm([DefaultIface, .. names.Select(n => Bridge(n))], [DefaultNet, .. names.Select(n => Multus(n))]);
        DecisionAssert.Allowed(await _harness.ValidateAsync(Update(Seed(), current)));
    }

    [Fact]
    public async Task Create_runs_no_hotplug_rule()
    {
        var decision = await _harness.ValidateAsync(VmTestData.Create(Vm([DefaultIface, Sriov("s"), Bridge("b", ""","model":"e1000","state":"absent" """)],
            [DefaultNet, Multus("s", "sriov-attachnet"), Multus("b", "nosubnet")])));
        // The Subnet-less Kube-OVN network is only a warning on CREATE (VmSubnetMissing); its hot-plug is denied.
        DecisionAssert.Allowed(decision, "VmSubnetMissing");
    }

    [Theory]
    [InlineData("Always", null, true)]
    [InlineData("RerunOnFailure", null, true)]
    [InlineData("Once", null, true)]
    [InlineData("Halted", null, false)]
    [InlineData("Manual", null, false)]
    [InlineData(null, null, false)]
    [InlineData("Halted", """{"created":true}""", true)]
    [InlineData("Halted", """{"printableStatus":"Migrating"}""", true)]
    [InlineData("Halted", """{"printableStatus":"Paused"}""", true)]
    [InlineData("Always", """{"printableStatus":"Stopped"}""", false)]
    [InlineData("Always", """{"created":false,"printableStatus":"Provisioning"}""", false)]
    [InlineData("Always", """{"ready":false}""", true)]
    public async Task Running_is_read_from_the_old_objects_status_first_then_its_run_strategy(string? runStrategy, string? status, bool running)
    {
        var decision = await HotplugAsync(Sriov("dynsriov1"), Multus("dynsriov1", "sriov-attachnet"), runStrategy, status);
        if (running)
        {
            DecisionAssert.Denied(decision, [("VmHotplugBindingUnsupported", IfaceAt(1, "sriov"))]);
        }
        else
        {
            DecisionAssert.Allowed(decision);
        }
    }

    [Fact]
    public async Task Deprecated_spec_running_true_counts_as_running()
    {
        var old = Seed(runStrategy: null);
        old["spec"]!.AsObject()["running"] = true;
        var current = Vm([DefaultIface, Sriov("dynsriov1")], [DefaultNet, Multus("dynsriov1", "sriov-attachnet")], runStrategy: null);
        current["spec"]!.AsObject()["running"] = false;
        DecisionAssert.Denied(await _harness.ValidateAsync(Update(old, current)), [("VmHotplugBindingUnsupported", IfaceAt(1, "sriov"))]);
    }
}
