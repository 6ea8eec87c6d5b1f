using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
using AdmissionWebhook.Rules.NetworkAttachmentDefinitions;
using AdmissionWebhook.Rules.Subnets;
using AdmissionWebhook.Rules.VirtualMachines;
using AdmissionWebhook.Tests.TestSupport;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace AdmissionWebhook.Tests.Admission;

/// <summary>The DI graph builds (ValidateOnBuild, ValidateScopes) and serves one reviewer per resource and path.</summary>
public sealed class CompositionTests
{
    [Fact]
    public void Every_validator_mutator_and_reviewer_resolves()
    {
        using var services = TestServices.Build();

        // GetRequiredService throws rather than return null: what is worth asserting is which implementation it is.
        Assert.IsType<VirtualMachineValidator>(services.GetRequiredService<IValidator<VirtualMachine>>());
        Assert.IsType<NadValidator>(services.GetRequiredService<IValidator<NetworkAttachmentDefinition>>());
        Assert.IsType<SubnetValidator>(services.GetRequiredService<IValidator<Subnet>>());
        Assert.IsType<VirtualMachineMutator>(services.GetRequiredService<IAdmissionMutator<VirtualMachine>>());
        Assert.IsType<NadMutator>(services.GetRequiredService<IAdmissionMutator<NetworkAttachmentDefinition>>());
        Assert.IsType<SubnetMutator>(services.GetRequiredService<IAdmissionMutator<Subnet>>());
        var paths = services.GetServices<IAdmissionReviewer>().SelectMany(r => new[] { r.PathFor(WebhookKind.Validate), r.PathFor(WebhookKind.Mutate) });
        Assert.Equal(
            [
                "/mutate-k8s-cni-cncf-io-v1-networkattachmentdefinition",
                "/mutate-kubeovn-io-v1-subnet",
                "/mutate-kubevirt-io-v1-virtualmachine",
                "/validate-k8s-cni-cncf-io-v1-networkattachmentdefinition",
                "/validate-kubeovn-io-v1-subnet",
                "/validate-kubevirt-io-v1-virtualmachine",
            ],
            paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validators_are_singletons_built_once()
    {
        using var services = TestServices.Build();
        Assert.Same(services.GetRequiredService<IValidator<VirtualMachine>>(), services.GetRequiredService<IValidator<VirtualMachine>>());
    }
}
