using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>
/// spec.provider ties a Subnet to one NAD: it must parse, fit that NAD's flavour (a missing NAD is only warned about), and be
/// carried by no other Subnet. CREATE and UPDATE.
/// </summary>
public sealed class SubnetProviderRules : AbstractValidator<Subnet>
{
    public SubnetProviderRules(ISubnetLookup subnets)
    {
        RuleFor(subnet => subnet).Custom((subnet, context) =>
        {
            var text = subnet.Spec?.Provider;
            var reading = SubnetReading.Of(context);
            if (reading.Provider is not { } provider)
            {
                context.Report(SubnetRules.ProviderFormat, SubnetFields.Provider,
                    $"provider \"{text}\" of Subnet {subnet.Name} is not a Kube-OVN provider: " +
                    "use <nad>.<namespace>.ovn for a kube-ovn NAD, <nad>.<namespace> for Kube-OVN IPAM, or ovn for the default network");
                return;
            }
            if (provider.IsDefault)
            {
                return;
            }

            if (OthersCarrying(subnets.FindSubnetsByProvider(text!), subnet.Name) is { } others)
            {
                context.Report(SubnetRules.ProviderDuplicate, SubnetFields.Provider,
                    $"provider \"{text}\" of Subnet {subnet.Name} is already carried by Subnet {string.Join(", ", others)}: " +
                    "Kube-OVN would pick either; give this Subnet its own NetworkAttachmentDefinition and provider");
            }

            var nad = reading.ProviderNad;
            if (nad is null)
            {
                // Only a warning: GitOps tools and the Kube-OVN docs create the Subnet first, and it serves nothing until
                // the NAD exists. "x.ovn" has two fields, so Kube-OVN reads it as NAD x in namespace ovn.
                var hint = provider.Kind == ProviderKind.Ipam && provider.NadNamespace == ProviderName.OvnSuffix
                    ? $" (for a kube-ovn NAD write {provider.NadName}.<namespace>.ovn)"
                    : ": create it, or fix spec.provider";
                context.Report(SubnetRules.ProviderNadMissing, SubnetFields.Provider, $"NAD {provider.Nad} does not exist yet{hint}");
                return;
            }
            ReportFlavour(context, subnet, text!, provider, nad);
        });
    }

    /// <summary>The names of the other Subnets carrying the provider; null (and nothing allocated) when there are none.</summary>
    private static List<string>? OthersCarrying(IReadOnlyList<SubnetInfo> carriers, string name)
    {
        List<string>? others = null;
        for (var i = 0; i < carriers.Count; i++)
        {
            if (carriers[i].Name != name)
            {
                (others ??= []).Add(carriers[i].Name);
            }
        }
        return others;
    }

    /// <summary>
    /// A Kube-OVN NAD's flavour decides the suffix (the mutating webhook repairs it). A NAD that is not Kube-OVN's may
    /// still take a suffix-less provider when it has no IPAM at all: Kube-OVN then hands out its addresses (the VPC
    /// NAT gateway's external network, LoadBalancer services). With an IPAM of its own, or with <c>.ovn</c>, it may not.
    /// </summary>
    private static void ReportFlavour(ValidationContext<Subnet> context, Subnet subnet, string text, ProviderName provider, NadInfo nad)
    {
        if (nad.CanonicalProvider is { } canonical)
        {
            if (canonical != provider)
            {
                var flavour = nad.Flavour == CniFlavour.Ovn ? "a kube-ovn NAD" : "a NAD using Kube-OVN IPAM";
                context.Report(SubnetRules.ProviderFlavourMismatch, SubnetFields.Provider,
                    $"provider \"{text}\" of Subnet {subnet.Name} should be \"{canonical}\" for {flavour} ({provider.Nad})");
            }
            return;
        }
        if (provider.Kind == ProviderKind.Ovn)
        {
            context.Report(SubnetRules.ProviderFlavourMismatch, SubnetFields.Provider,
                $"provider \"{text}\" of Subnet {subnet.Name} ends in .ovn, but {provider.Nad} is not of type kube-ovn: " +
                $"use \"{provider.WithKind(ProviderKind.Ipam)}\" for a NAD without ipam, or make that NAD type kube-ovn");
        }
        else if (nad.HasOwnIpam)
        {
            context.Report(SubnetRules.ProviderFlavourMismatch, SubnetFields.Provider,
                $"provider \"{text}\" of Subnet {subnet.Name} names {provider.Nad}, whose config has an ipam of its own: two address managers " +
                "would hand out the same range; set its ipam type to kube-ovn, or remove its ipam section");
        }
    }
}
