using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.NetworkAttachmentDefinitions;

/// <summary>
/// What a Kube-OVN NAD (either flavour) must carry for Kube-OVN to serve it: a dot-free name, the canonical
/// provider, a server socket and a supported CNI version. CREATE and UPDATE; other NADs are not looked at.
/// </summary>
public sealed class NadKubeOvnRules : AbstractValidator<NetworkAttachmentDefinition>
{
    public NadKubeOvnRules()
    {
        // A plain test rather than When(...): FluentValidation caches every When condition in a dictionary per review.
        RuleFor(nad => nad).Custom((nad, context) =>
        {
            var cni = nad.Cni;
            if (!cni.IsKubeOvn)
            {
                return;
            }
            if (NadProviderCheck.NameHasDot(nad))
            {
                context.Report(NadRules.NameHasDot, NadFields.Name,
                    $"NetworkAttachmentDefinition name \"{nad.Name}\" contains a dot, so its Kube-OVN provider \"{nad.CanonicalProvider}\" " +
                    "can never match a Subnet: recreate it under a name without dots");
            }
            else
            {
                ReportProvider(context, nad, cni);
            }
            ReportServerSocket(context, nad, cni);
            ReportCniVersion(context, nad, cni);
        });
    }

    private static void ReportProvider(ValidationContext<NetworkAttachmentDefinition> context, NetworkAttachmentDefinition nad, CniConfig cni)
    {
        var canonical = nad.CanonicalProvider!.Value;
        var written = cni.ProviderText;
        var match = canonical.Match(written);
        if (match == ProviderMatch.Canonical)
        {
            return;
        }
        var rule = cni.Flavour == CniFlavour.Ovn ? NadRules.ProviderMismatch : NadRules.IpamProviderMismatch;
        var field = cni.DescribeKubeOvnField(CniConfig.ProviderKey);
        var flavour = cni.Flavour == CniFlavour.Ovn ? "a kube-ovn NAD" : "a NAD using Kube-OVN IPAM";
        var message = match switch
        {
            ProviderMatch.Missing =>
                $"{field} of {nad.Namespace}/{nad.Name} is missing, so its NIC would be served from the primary network: " +
                $"set it to \"{canonical}\"",
            ProviderMatch.OtherNad =>
                $"{field} \"{written}\" of {nad.Namespace}/{nad.Name} names another NetworkAttachmentDefinition: " +
                $"set it to \"{canonical}\" and give that network its own NAD and Subnet",
            ProviderMatch.DefaultNetwork =>
                $"{field} \"{written}\" of {nad.Namespace}/{nad.Name} is the default network's provider: set it to \"{canonical}\"",
            ProviderMatch.Malformed =>
                $"{field} \"{written}\" of {nad.Namespace}/{nad.Name} is not a Kube-OVN provider: set it to \"{canonical}\"",
            _ => $"{field} \"{written}\" should be \"{canonical}\" for {flavour} ({nad.Namespace}/{nad.Name})",
        };
        context.Report(rule, NadFields.Config, message);
    }

    private static void ReportServerSocket(ValidationContext<NetworkAttachmentDefinition> context, NetworkAttachmentDefinition nad, CniConfig cni)
    {
        var socket = cni.ServerSocketText;
        var field = cni.DescribeKubeOvnField(CniConfig.ServerSocketKey);
        var defaultSocket = context.Admission().Policy.DefaultServerSocket;
        if (string.IsNullOrEmpty(socket))
        {
            context.Report(NadRules.ServerSocketMissing, NadFields.Config,
                $"{field} of {nad.Namespace}/{nad.Name} is missing and the kube-ovn CNI plugin has no default: set it to \"{defaultSocket}\"");
        }
        else if (!NadProviderCheck.IsAbsolutePath(cni))
        {
            context.Report(NadRules.ServerSocketMissing, NadFields.Config,
                $"{field} \"{socket}\" of {nad.Namespace}/{nad.Name} is not an absolute path: set it to the kube-ovn-daemon socket, usually \"{defaultSocket}\"");
        }
    }

    private static void ReportCniVersion(ValidationContext<NetworkAttachmentDefinition> context, NetworkAttachmentDefinition nad, CniConfig cni)
    {
        var version = cni.CniVersionText;
        if (version is null || (cni.CniVersion is { } text && CniConfig.SupportedCniVersions.Contains(text)))
        {
            return;
        }
        context.Report(NadRules.CniVersionUnsupported, NadFields.Config,
            $"cniVersion \"{version}\" of {nad.Namespace}/{nad.Name} is not supported by the kube-ovn plugin: " +
            "use one of 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0 (0.3.1 is usual)");
    }
}
