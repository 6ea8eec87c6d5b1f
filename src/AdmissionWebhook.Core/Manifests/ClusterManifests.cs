using System.Text.Json;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;

namespace AdmissionWebhook.Manifests;

/// <summary>Builds a cluster view from manifests: NADs and Subnets count, every other kind is ignored.</summary>
public static class ClusterManifests
{
    public static ClusterSnapshot ToSnapshot(IEnumerable<ManifestDocument> documents)
    {
        var nads = new List<NetworkAttachmentDefinition>();
        var subnets = new List<Subnet>();
        foreach (var document in documents)
        {
            if (Is(document, NetworkAttachmentDefinition.Descriptor))
            {
                nads.Add(Decode(document, NetworkAttachmentDefinition.Descriptor));
            }
            else if (Is(document, Subnet.Descriptor))
            {
                subnets.Add(Decode(document, Subnet.Descriptor));
            }
        }
        return ClusterSnapshot.From(nads, subnets);
    }

    /// <summary>True when the document is an object of the described kind.</summary>
    public static bool Is<T>(ManifestDocument document, ResourceDescriptor<T> descriptor) =>
        document.Kind == descriptor.Kind && document.ApiVersion?.StartsWith(descriptor.Group + "/", StringComparison.Ordinal) == true;

    /// <summary>Decodes a document into its typed model; a namespaced object without namespace lands in "default".</summary>
    public static T Decode<T>(ManifestDocument document, ResourceDescriptor<T> descriptor) where T : class, IAdmissionResource
    {
        // The webhook's own decode, so a manifest reads as a review's object would.
        if (!ResourceDecoding.TryDecode(ManifestReader.ToElement(document.Object), descriptor, out var value, out var failure))
        {
            failure ??= new DecodeFailure(string.Empty, "expected an object");
            var (line, column) = document.PositionOf(DecodeFailure.PointerOf(failure.FieldPath));
            throw new ManifestException(document.Source, line, column, $"not a valid {descriptor.Kind}: {failure}");
        }
        if (value?.Metadata?.Name is not { Length: > 0 })
        {
            throw new ManifestException(document.Source, document.Line, $"{descriptor.Kind} has no metadata.name");
        }
        if (descriptor.Namespaced && string.IsNullOrEmpty(value.Metadata.Namespace))
        {
            value = WithNamespace(value, "default");
        }
        return value;
    }

    private static T WithNamespace<T>(T value, string ns) where T : class, IAdmissionResource => value switch
    {
        NetworkAttachmentDefinition nad => (T)(object)(nad with { Metadata = nad.Metadata! with { Namespace = ns } }),
        VirtualMachine vm => (T)(object)(vm with { Metadata = vm.Metadata! with { Namespace = ns } }),
        _ => value,
    };
}
