using System.Text;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Admission;

/// <summary>
/// The envelope strings every review repeats (the AdmissionReview's own apiVersion and kind, the reviewed resources'
/// group, version, kind and plural, the operation, the usual groups), handed out as one shared instance each instead
/// of a new string per review: they were most of what reading the envelope allocated. A lookup compares bytes of
/// equal length only, so other strings cost one length check.
/// </summary>
internal static class KnownText
{
    private static readonly Dictionary<int, (byte[] Utf8, string Text)[]> ByLength = Build(
        AdmissionReview.V1ApiVersion, AdmissionReview.ReviewKind, "meta.k8s.io/v1",
        "CREATE", "UPDATE", "DELETE", "CONNECT", "status",
        "system:authenticated", "system:serviceaccounts", "system:masters", "system:nodes",
        VirtualMachine.Descriptor.Group, VirtualMachine.Descriptor.Version, VirtualMachine.Descriptor.Kind, VirtualMachine.Descriptor.Plural,
        NetworkAttachmentDefinition.Descriptor.Group, NetworkAttachmentDefinition.Descriptor.Kind, NetworkAttachmentDefinition.Descriptor.Plural,
        Subnet.Descriptor.Group, Subnet.Descriptor.Kind, Subnet.Descriptor.Plural);

    /// <summary>The shared instance of the string whose UTF-8 text (unescaped) is <paramref name="utf8"/>; false for any other.</summary>
    public static bool TryGet(ReadOnlySpan<byte> utf8, out string text)
    {
        if (ByLength.TryGetValue(utf8.Length, out var candidates))
        {
            foreach (var (bytes, known) in candidates)
            {
                if (utf8.SequenceEqual(bytes))
                {
                    text = known;
                    return true;
                }
            }
        }
        text = string.Empty;
        return false;
    }

    private static Dictionary<int, (byte[], string)[]> Build(params string[] texts) =>
        texts.Distinct(StringComparer.Ordinal)
            .Select(text => (Utf8: Encoding.UTF8.GetBytes(text), Text: text))
            .GroupBy(entry => entry.Utf8.Length)
            .ToDictionary(group => group.Key, group => group.ToArray());
}
