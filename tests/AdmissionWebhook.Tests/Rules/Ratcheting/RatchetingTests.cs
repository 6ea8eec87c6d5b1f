using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.Ratcheting;

/// <summary>
/// docs/rules.md "Ratcheting": an UPDATE is denied only for what it breaks. The stored VM here is the user-guide Fedora VM
/// with two bridge NICs sharing one MAC, as KubeVirt accepts it and as it may sit in a cluster from before the webhook.
/// </summary>
public sealed class RatchetingTests
{
    private const string SharedMac = ""","macAddress":"02:00:00:aa:bb:01" """;
    private static readonly string SecondMac = IfaceAt(2, "macAddress");

    private readonly RuleHarness<VirtualMachine> _harness = Harness();

    private static JsonObject DuplicateMacVm(string? runStrategy) =>
        Vm([DefaultIface, Bridge("nic1", SharedMac), Bridge("nic2", SharedMac)], [DefaultNet, Multus("nic1"), Multus("nic2")], runStrategy);

    private static JsonObject WithLabel(JsonObject vm)
    {
        var copy = (JsonObject)vm.DeepClone();
        copy["metadata"]!["labels"] = new JsonObject { ["team"] = "db" };
        return copy;
    }

    [Fact]
    public async Task A_stored_duplicate_mac_is_denied_on_create_but_only_warned_about_when_the_vm_is_labelled()
    {
        DecisionAssert.Denied(await _harness.ValidateAsync(Create(DuplicateMacVm("Always"))), [("VmMacInvalid", SecondMac)]);

        var decision = await _harness.ValidateAsync(Update(DuplicateMacVm("Always"), WithLabel(DuplicateMacVm("Always"))));
        DecisionAssert.AllowedWithWarnings(decision, ("VmMacInvalid", SecondMac));
        Assert.StartsWith(UpdateRatchet.WarningPrefix, DecisionAssert.MessageOf(decision, "VmMacInvalid"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Halted", "Always")] // virtctl start: virt-api changes spec.runStrategy
    [InlineData("Always", "Halted")] // virtctl stop
    public async Task The_same_vm_can_be_started_and_stopped_by_virt_api(string before, string after)
    {
        const string virtApi = "system:serviceaccount:kubevirt:kubevirt-apiserver";
        var decision = await _harness.ValidateAsync(Update(DuplicateMacVm(before), DuplicateMacVm(after), virtApi));
        DecisionAssert.AllowedWithWarnings(decision, ("VmMacInvalid", SecondMac));
    }

    [Fact]
    public async Task Spec_running_true_is_a_start_too()
    {
        var stopped = DuplicateMacVm(null);
        stopped["spec"]!["running"] = false;
        var started = DuplicateMacVm(null);
        started["spec"]!["running"] = true;
        DecisionAssert.AllowedWithWarnings(await _harness.ValidateAsync(Update(stopped, started)), ("VmMacInvalid", SecondMac));
    }

    [Fact]
    public async Task Changing_the_field_that_holds_the_old_violation_gets_the_full_check()
    {
        var edited = DuplicateMacVm("Halted");
        edited["spec"]!["template"]!["spec"]!["domain"]!["devices"]!["interfaces"]![2]!["macAddress"] = "02:00:00:aa:bb:02";
        var fixedMac = await _harness.ValidateAsync(Update(DuplicateMacVm("Halted"), edited));
        DecisionAssert.Allowed(fixedMac);

        var stillShared = DuplicateMacVm("Halted");
        stillShared["spec"]!["template"]!["spec"]!["domain"]!["devices"]!["interfaces"]![2]!["macAddress"] = "02-00-00-AA-BB-01";
        DecisionAssert.Denied(await _harness.ValidateAsync(Update(DuplicateMacVm("Halted"), stillShared)), [("VmMacInvalid", SecondMac)]);
    }

    [Fact]
    public async Task A_new_violation_next_to_an_old_one_is_denied_and_the_old_one_stays_a_warning()
    {
        var edited = DuplicateMacVm("Halted");
        edited["spec"]!["template"]!["spec"]!["domain"]!["devices"]!["interfaces"]![1]!["model"] = "rtl9000";
        var decision = await _harness.ValidateAsync(Update(DuplicateMacVm("Halted"), edited));
        DecisionAssert.Denied(decision, [("VmModelInvalid", IfaceAt(1, "model"))], "VmMacInvalid");
    }

    [Fact]
    public async Task Inserting_an_interface_moves_old_violations_to_new_paths_which_then_count_as_new()
    {
        // The field path is the identity of a failure, as in Kubernetes' ratcheting of lists without keys.
        var edited = Vm([DefaultIface, Bridge("nic0"), Bridge("nic1", SharedMac), Bridge("nic2", SharedMac)],
            [DefaultNet, Multus("nic0"), Multus("nic1"), Multus("nic2")], "Halted");
        DecisionAssert.Denied(await _harness.ValidateAsync(Update(DuplicateMacVm("Halted"), edited)), [("VmMacInvalid", IfaceAt(3, "macAddress"))]);
    }

    [Fact]
    public async Task Update_only_rules_are_never_ratcheted_away()
    {
        // The old object checked as a CREATE has no running-VM findings; this edit's own are denied in full.
        var old = DuplicateMacVm("Always");
        var edited = DuplicateMacVm("Always");
        edited["spec"]!["template"]!["spec"]!["domain"]!["devices"]!["interfaces"]![1]!["sriov"] = new JsonObject();
        edited["spec"]!["template"]!["spec"]!["domain"]!["devices"]!["interfaces"]![1]!.AsObject().Remove("bridge");
        var decision = await _harness.ValidateAsync(Update(old, edited));
        DecisionAssert.Denied(decision, [("VmInterfaceChangedWhileRunning", IfaceAt(1))], "VmMacInvalid");
    }

    [Fact]
    public async Task Ratcheting_leaves_mutations_alone()
    {
        // Removing nic2 outright from the running VM is still turned into an unplug, old duplicate MAC or not.
        var removed = Vm([DefaultIface, Bridge("nic1", SharedMac)], [DefaultNet, Multus("nic1")]);
        var (_, codes, patched) = await _harness.MutateAndApplyAsync(Update(DuplicateMacVm("Always"), removed));
        Assert.Equal(["VmInterfaceRemovedWithoutUnplug"], codes);
        Assert.Equal("absent", patched!["spec"]!["template"]!["spec"]!["domain"]!["devices"]!["interfaces"]![2]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_subnet_stored_with_a_duplicate_provider_takes_label_edits_and_kube_ovn_finalizers()
    {
        var first = Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/16");
        var second = Subnet("attach-subnet-2", "attachnet.default.ovn", "172.18.0.0/16");
        var cluster = ClusterOf([Nad("attachnet", OvnConfig("attachnet.default.ovn")), first, second, .. DefaultSubnets]);
        var harness = SubnetHarness(cluster);

        var labelled = (JsonObject)second.DeepClone();
        labelled["metadata"]!["labels"] = new JsonObject { ["env"] = "prod" };
        DecisionAssert.AllowedWithWarnings(await harness.ValidateAsync(RuleHarness<Subnet>.Request("UPDATE", labelled, second)), ("SubnetProviderDuplicate", "spec.provider"));

        var finalized = (JsonObject)second.DeepClone();
        finalized["metadata"]!["finalizers"] = new JsonArray("kube-ovn-controller");
        DecisionAssert.AllowedWithWarnings(await harness.ValidateAsync(RuleHarness<Subnet>.Request("UPDATE", finalized, second)), ("SubnetProviderDuplicate", "spec.provider"));

        var repointed = Subnet("attach-subnet-2", "attachnet.default.ovn", "172.19.0.0/16");
        var untouched = await harness.ValidateAsync(RuleHarness<Subnet>.Request("UPDATE", repointed, second));
        DecisionAssert.AllowedWithWarnings(untouched, ("SubnetProviderDuplicate", "spec.provider"));
    }

    [Fact]
    public async Task A_nad_config_edit_rechecks_every_config_rule_since_the_config_is_one_string()
    {
        var old = Nad("attachnet", OvnConfig("attachnet.default.ovn", cniVersion: "9.9.9"));
        var harness = NadHarness(ClusterOf([old, Subnet("attach-subnet", "attachnet.default.ovn")]));
        var labelled = (JsonObject)old.DeepClone();
        labelled["metadata"]!["labels"] = new JsonObject { ["a"] = "b" };
        DecisionAssert.AllowedWithWarnings(await harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("UPDATE", labelled, old)),
            ("NadCniVersionUnsupported", "spec.config"));

        var edited = Nad("attachnet", OvnConfig("attachnet.default.ovn", cniVersion: "9.9.9").Replace("}", ",\"mtu\":1400}", StringComparison.Ordinal));
        DecisionAssert.Denied(await harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("UPDATE", edited, old)),
            [("NadCniVersionUnsupported", "spec.config")]);
    }
}
