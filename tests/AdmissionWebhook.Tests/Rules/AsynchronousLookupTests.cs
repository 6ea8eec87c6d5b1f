using FluentValidation;
using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Rules.NetworkAttachmentDefinitions;
using AdmissionWebhook.Rules.Subnets;
using AdmissionWebhook.Rules.VirtualMachines;
using AdmissionWebhook.Tests.TestSupport;
using static AdmissionWebhook.Tests.Rules.NetworkAttachmentDefinitions.KubeOvnObjects;
using static AdmissionWebhook.Tests.Rules.VirtualMachines.VmTestData;

namespace AdmissionWebhook.Tests.Rules;

/// <summary>
/// The rules are synchronous and read what the cluster view answers from memory; a NAD only an asynchronous lookup can
/// answer (the live cache's fallback GET) is asked for before they run, and the rules decide exactly as with the answer
/// in memory.
/// </summary>
public sealed class AsynchronousLookupTests
{
    [Fact]
    public async Task A_hot_plug_whose_nad_must_be_asked_for_is_judged_on_the_answer()
    {
        var cluster = new AskingClusterSource(SeedCluster);
        var harness = new RuleHarness<VirtualMachine>(new VirtualMachineValidator(cluster, cluster), new VirtualMachineMutator(SeedCluster));

        var existing = await harness.ValidateAsync(Update(Seed(), Plugged()));
        var missing = await harness.ValidateAsync(Update(Seed(), Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "nosuchnad")])));
        var withoutSubnet = await harness.ValidateAsync(Update(Seed(), Vm([DefaultIface, Bridge("dyniface1")], [DefaultNet, Multus("dyniface1", "nosubnet")])));

        DecisionAssert.Allowed(existing);
        DecisionAssert.Denied(missing, [("VmHotplugNadMissing", NetAt(1, "multus.networkName"))]);
        DecisionAssert.Denied(withoutSubnet, [("VmHotplugSubnetMissing", NetAt(1, "multus.networkName"))]);
        Assert.Equal(3, cluster.Asked);
    }

    [Fact]
    public async Task A_subnet_whose_provider_nad_must_be_asked_for_is_judged_on_the_answer()
    {
        var snapshot = ClusterOf([Nad("attachnet", OvnConfig("attachnet.default.ovn")), .. DefaultSubnets]);
        var cluster = new AskingClusterSource(snapshot);
        var harness = new RuleHarness<Subnet>(new SubnetValidator(cluster, cluster), new SubnetMutator(snapshot));

        var existing = await harness.ValidateAsync(RuleHarness<Subnet>.Request("CREATE", Subnet("attach-subnet", "attachnet.default.ovn", "172.17.0.0/16"), null));
        var missing = await harness.ValidateAsync(RuleHarness<Subnet>.Request("CREATE", Subnet("missing-subnet", "missingnet.default.ovn", "172.18.0.0/16"), null));

        DecisionAssert.Allowed(existing);
        DecisionAssert.AllowedWithWarnings(missing, ("SubnetProviderNadMissing", "spec.provider"));
        Assert.Equal(2, cluster.Asked);
    }

    [Fact]
    public async Task A_subnet_delete_asks_for_no_nad()
    {
        var cluster = new AskingClusterSource(ClusterOf([.. DefaultSubnets]));
        var harness = new RuleHarness<Subnet>(new SubnetValidator(cluster, cluster), new SubnetMutator(cluster.Snapshot));

        DecisionAssert.Allowed(await harness.ValidateAsync(RuleHarness<Subnet>.Request("DELETE", null, Subnet("gone", "gonenet.default.ovn", "172.18.0.0/16"))));
        Assert.Equal(0, cluster.Asked);
    }

    [Fact]
    public void Synchronous_validation_refuses_rather_than_blocks_when_a_nad_must_be_asked_for()
    {
        var cluster = new AskingClusterSource(SeedCluster);
        var validator = new VirtualMachineValidator(cluster, cluster);
        var context = OperationRuleSelector.ContextFor(new VirtualMachine
        {
            Metadata = new ObjectMeta { Name = "vm", Namespace = "default" },
            Spec = new VirtualMachineSpec
            {
                Template = new VmTemplate
                {
                    Spec = new VmiSpec { Networks = [new VmNetwork { Name = "net", Multus = new VmMultusNetwork { NetworkName = "attachnet" } }] },
                },
            },
        }, AdmissionOperation.Create);
        context.SetAdmission(new AdmissionAttributes(AdmissionOperation.Create, null, "default", "vm", new UserInfo(), false, AdmissionPolicy.Default));

        var refusal = Assert.Throws<InvalidOperationException>(() => validator.Validate(context));
        Assert.Equal("VirtualMachineValidator needs a lookup only ValidateAsync can make", refusal.Message);
        Assert.Equal(0, cluster.Asked);
    }

    [Fact]
    public async Task A_validator_that_reads_everything_from_memory_validates_synchronously_as_asynchronously()
    {
        // The NAD validator has nothing to ask for: its synchronous Validate must run the rules, not refuse.
        var validator = new NadValidator(SeedCluster);
        ValidationContext<NetworkAttachmentDefinition> NadContext()
        {
            var nad = new NetworkAttachmentDefinition { Metadata = new ObjectMeta { Name = "attachnet", Namespace = "default" }, Spec = new NetworkAttachmentDefinitionSpec { Config = "{" } };
            var context = OperationRuleSelector.ContextFor(nad, AdmissionOperation.Create);
            context.SetAdmission(new AdmissionAttributes(AdmissionOperation.Create, null, "default", "attachnet", new UserInfo(), false, AdmissionPolicy.Default));
            return context;
        }

        var synchronous = validator.Validate(NadContext());
        var asynchronous = await validator.ValidateAsync(NadContext(), TestContext.Current.CancellationToken);

        Assert.NotEmpty(synchronous.Errors);
        Assert.Equal(asynchronous.Errors.Select(e => (e.ErrorCode, e.PropertyName)), synchronous.Errors.Select(e => (e.ErrorCode, e.PropertyName)));
    }

    [Fact]
    public async Task A_null_context_is_an_argument_error_on_both_paths()
    {
        var validator = new VirtualMachineValidator(SeedCluster, SeedCluster);

        Assert.Throws<ArgumentNullException>(() => validator.Validate((ValidationContext<VirtualMachine>)null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => validator.ValidateAsync((ValidationContext<VirtualMachine>)null!, TestContext.Current.CancellationToken));
    }
}
