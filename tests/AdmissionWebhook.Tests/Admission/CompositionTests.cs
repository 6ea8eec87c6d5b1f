using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Rules;
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

        Assert.NotNull(services.GetRequiredService<IValidator<VirtualMachine>>());
        Assert.NotNull(services.GetRequiredService<IValidator<NetworkAttachmentDefinition>>());
        Assert.NotNull(services.GetRequiredService<IValidator<Subnet>>());
        Assert.NotNull(services.GetRequiredService<IAdmissionMutator<VirtualMachine>>());
        Assert.NotNull(services.GetRequiredService<IAdmissionMutator<NetworkAttachmentDefinition>>());
        Assert.NotNull(services.GetRequiredService<IAdmissionMutator<Subnet>>());
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
