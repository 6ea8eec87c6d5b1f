using AdmissionWebhook.Manifests;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Offline;

/// <summary>The API identity of a kind the webhook reviews, taken from its resource descriptor.</summary>
public sealed record ReviewedKind(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    /// <summary>VirtualMachine, NetworkAttachmentDefinition and Subnet: every kind with a reviewer.</summary>
    public static IReadOnlyList<ReviewedKind> All { get; } =
    [
        From(VirtualMachine.Descriptor),
        From(NetworkAttachmentDefinition.Descriptor),
        From(Subnet.Descriptor),
    ];

    /// <summary>The reviewed kind of a manifest document (any version of the group, as the reader takes it), or null.</summary>
    public static ReviewedKind? Of(ManifestDocument document) =>
        All.FirstOrDefault(k => document.Kind == k.Kind && document.ApiVersion?.StartsWith(k.Group + "/", StringComparison.Ordinal) == true);

    private static ReviewedKind From<T>(ResourceDescriptor<T> descriptor) =>
        new(descriptor.Group, descriptor.Version, descriptor.Kind, descriptor.Plural, descriptor.Namespaced);
}
