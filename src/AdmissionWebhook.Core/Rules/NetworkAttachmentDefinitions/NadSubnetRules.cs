using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.NetworkAttachmentDefinitions;

/// <summary>
/// A Kube-OVN NAD and the Subnet that carries its provider: warn while none does (CREATE, UPDATE), and keep the NAD
/// while one does (DELETE, and an UPDATE that changes its flavour or provider).
/// </summary>
public sealed class NadSubnetRules : AbstractValidator<NetworkAttachmentDefinition>
{
    public NadSubnetRules(ISubnetLookup subnets)
    {
        RuleFor(nad => nad).Custom((nad, context) =>
        {
            var canonical = nad.CanonicalProvider;
            if (canonical is not { } provider || NadProviderCheck.NameHasDot(nad) || subnets.FindSubnetsByProvider(provider.ToString()).Count > 0)
            {
                return;
            }
            // Warnings are cut at 120 characters: name the provider, the one thing to copy.
            context.Report(NadRules.WithoutSubnet, NadFields.Config,
                $"create a Subnet with spec.provider \"{provider}\": no Subnet carries it yet, so attachments fail");
        });

        RuleSet(RuleSets.Update, () =>
        {
            RuleFor(nad => nad).Custom((nad, context) =>
            {
                var canonical = nad.CanonicalProvider;
                var old = context.OldObject();
                if (old?.CanonicalProvider is not { } oldProvider || !ReleasesProvider(old, nad))
                {
                    return;
                }
                var users = subnets.FindSubnetsByProvider(oldProvider.ToString());
                if (users.Count > 0)
                {
                    var change = canonical is { } newProvider && newProvider != oldProvider
                        ? $"changes its provider from \"{oldProvider}\" to \"{newProvider}\""
                        : canonical is null ? "makes it no Kube-OVN NAD" : $"moves its provider away from \"{oldProvider}\"";
                    context.Report(NadRules.InUseBySubnet, NadFields.Config,
                        $"this edit of {nad.Namespace}/{nad.Name} {change} while Subnet {Names(users)} carries \"{oldProvider}\": " +
                        "delete or re-point the Subnet first, or keep the provider");
                }
            });
        });

        RuleSet(RuleSets.Delete, () =>
        {
            RuleFor(nad => nad).Custom((nad, context) =>
            {
                var canonical = nad.CanonicalProvider;
                if (canonical is not { } provider)
                {
                    return;
                }
                var users = subnets.FindSubnetsByProvider(provider.ToString());
                if (users.Count > 0)
                {
                    context.Report(NadRules.InUseBySubnet, NadFields.Name,
                        $"NetworkAttachmentDefinition {nad.Namespace}/{nad.Name} is still used by Subnet {Names(users)} (spec.provider \"{provider}\"): " +
                        "delete that Subnet or change its spec.provider first");
                }
            });
        });
    }

    /// <summary>
    /// True when the edit takes the provider away from Subnets that carry it: the flavour (hence the canonical
    /// provider) changes, or a config that wrote the canonical provider now writes something else.
    /// </summary>
    private static bool ReleasesProvider(NetworkAttachmentDefinition old, NetworkAttachmentDefinition current)
    {
        if (old.CanonicalProvider != current.CanonicalProvider)
        {
            return true;
        }
        var oldProvider = old.CanonicalProvider!.Value;
        return oldProvider.Match(old.Cni.ProviderText) == ProviderMatch.Canonical
            && oldProvider.Match(current.Cni.ProviderText) != ProviderMatch.Canonical;
    }

    private static string Names(IReadOnlyList<SubnetInfo> subnets) => string.Join(", ", subnets.Select(s => s.Name));
}
