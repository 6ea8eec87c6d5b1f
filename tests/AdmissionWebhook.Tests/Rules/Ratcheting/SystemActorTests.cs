using System.Text.Json.Nodes;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules.Ratcheting;

/// <summary>docs/rules.md "System actors": the cluster's own controllers get warnings at most, for every resource.</summary>
public sealed class SystemActorTests
{
    private const string NamespaceController = "system:serviceaccount:kube-system:namespace-controller";
    private const string GarbageCollector = "system:serviceaccount:kube-system:generic-garbage-collector";
    private const string KubeOvnController = "system:serviceaccount:kube-system:ovn";

    private static readonly JsonObject AttachNad = Nad("attachnet", OvnConfig("attachnet.default.ovn"));
    private static readonly JsonObject AttachSubnet = Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/16", v4Using: 2);

    [Theory]
    [InlineData(NamespaceController)]
    [InlineData(GarbageCollector)]
    public async Task Deleting_a_namespace_deletes_its_nad_even_while_a_subnet_carries_it(string user)
    {
        var harness = NadHarness(ClusterOf([AttachNad, AttachSubnet]));
        var decision = await harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("DELETE", null, AttachNad, user));
        DecisionAssert.AllowedWithWarnings(decision, ("NadInUseBySubnet", "metadata.name"));
        Assert.StartsWith(AdmissionReviewer<NetworkAttachmentDefinition>.SystemActorPrefix, DecisionAssert.MessageOf(decision, "NadInUseBySubnet"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_deleting_the_same_nad_is_still_denied()
    {
        var harness = NadHarness(ClusterOf([AttachNad, AttachSubnet]));
        DecisionAssert.Denied(await harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("DELETE", null, AttachNad)), [("NadInUseBySubnet", "metadata.name")]);
    }

    [Fact]
    public async Task Kube_ovn_controller_writes_its_subnets_unrefused_and_unmutated()
    {
        // A provider whose suffix disagrees with the NAD, changed while in use: denied and mutated for a person.
        var cluster = ClusterOf([AttachNad, AttachSubnet, .. DefaultSubnets]);
        var harness = SubnetHarness(cluster);
        var changed = Subnet("attach-subnet", "attachnet.default", "172.17.0.0/16", v4Using: 2);
        var asController = RuleHarness<Subnet>.Request("UPDATE", changed, AttachSubnet, KubeOvnController);

        var decision = await harness.ValidateAsync(asController);
        Assert.IsType<AdmissionDecision.Allow>(decision);
        Assert.Contains(((AdmissionDecision.Allow)decision).Warnings, w => w.Code == "SubnetChangeWhileInUse");
        Assert.IsType<AdmissionDecision.Allow>(await harness.MutateAsync(asController));

        var asPerson = asController with { UserInfo = new UserInfo { Username = "alice" } };
        Assert.IsType<AdmissionDecision.Deny>(await harness.ValidateAsync(asPerson));
        Assert.IsType<AdmissionDecision.Patch>(await harness.MutateAsync(asPerson));
    }

    [Fact]
    public async Task System_actors_are_never_denied_a_vm_edit_either()
    {
        var removed = Seed();
        var harness = Harness();
        var decision = await harness.ValidateAsync(Update(Plugged(), removed, GarbageCollector));
        DecisionAssert.Allowed(decision, "VmInterfaceRemovedWithoutUnplug");
        Assert.IsType<AdmissionDecision.Allow>(await harness.MutateAsync(Update(Plugged(), removed, GarbageCollector)));
    }

    [Fact]
    public async Task The_system_users_are_configurable_and_exempt_users_keep_their_narrower_meaning()
    {
        var policy = new AdmissionPolicy(systemUsers: ["system:serviceaccount:ops:cleaner"]);
        var harness = NadHarness(ClusterOf([AttachNad, AttachSubnet]), policy);
        DecisionAssert.Allowed(await harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("DELETE", null, AttachNad, "system:serviceaccount:ops:cleaner")), "NadInUseBySubnet");
        DecisionAssert.Denied(await harness.ValidateAsync(RuleHarness<NetworkAttachmentDefinition>.Request("DELETE", null, AttachNad, NamespaceController)), [("NadInUseBySubnet", "metadata.name")]);

        // KubeVirt's controller is exempt from the running-VM rules only: a static failure still denies it.
        var vmHarness = Harness();
        var badModel = Vm([DefaultIface, Bridge("dyniface1", ""","model":"rtl9000" """)], [DefaultNet, Multus("dyniface1")]);
        DecisionAssert.Denied(await vmHarness.ValidateAsync(Update(Plugged(), badModel, Exempt)), [("VmModelInvalid", IfaceAt(1, "model"))]);
    }
}
