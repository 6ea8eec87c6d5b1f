using AdmissionWebhook.Admission;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Tests.Deployment;

/// <summary>What the code says about one reviewed resource (its <c>ResourceDescriptor</c>), without the type parameter.</summary>
internal sealed record ReviewedResource(
    string Group,
    string Version,
    string Plural,
    bool Namespaced,
    string ValidatePath,
    string MutatePath,
    IReadOnlySet<AdmissionOperation> ValidateOperations,
    IReadOnlySet<AdmissionOperation> MutateOperations)
{
    /// <summary>Every resource the webhook reviews, in the order of the webhooks in deploy/base.</summary>
    public static IReadOnlyList<ReviewedResource> All { get; } =
    [
        From(VirtualMachine.Descriptor),
        From(NetworkAttachmentDefinition.Descriptor),
        From(Subnet.Descriptor),
    ];

    public string PathFor(WebhookKind kind) => kind == WebhookKind.Validate ? ValidatePath : MutatePath;

    public IReadOnlySet<AdmissionOperation> OperationsFor(WebhookKind kind) =>
        kind == WebhookKind.Validate ? ValidateOperations : MutateOperations;

    private static ReviewedResource From<T>(ResourceDescriptor<T> d) =>
        new(d.Group, d.Version, d.Plural, d.Namespaced, d.ValidatePath, d.MutatePath, d.ValidateOperations, d.MutateOperations);
}
