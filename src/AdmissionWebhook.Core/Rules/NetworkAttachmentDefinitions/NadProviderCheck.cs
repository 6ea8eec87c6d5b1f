using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Rules.NetworkAttachmentDefinitions;

/// <summary>The judgements the NAD validator and mutator share, so what one repairs the other accepts.</summary>
internal static class NadProviderCheck
{
    /// <summary>A dotted name makes the canonical provider unparseable for Kube-OVN; its provider is not judged.</summary>
    public static bool NameHasDot(NetworkAttachmentDefinition nad) => nad.Name.Contains('.', StringComparison.Ordinal);

    /// <summary>The kube-ovn plugin dials the socket as a Unix path: it must be an absolute one.</summary>
    public static bool IsAbsolutePath(CniConfig cni) => cni.ServerSocket is { Length: > 1 } socket && socket[0] == '/';

    /// <summary>The provider rule that governs the config's flavour.</summary>
    public static AdmissionRule ProviderRule(CniConfig cni) =>
        cni.Flavour == CniFlavour.Ovn ? NadRules.ProviderMismatch : NadRules.IpamProviderMismatch;
}
