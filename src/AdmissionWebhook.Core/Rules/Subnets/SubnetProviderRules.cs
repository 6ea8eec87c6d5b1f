using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>
/// spec.provider ties a Subnet to one NAD: it must parse, name an existing NAD of the matching flavour, and be
/// carried by no other Subnet. CREATE and UPDATE.
/// </summary>
public sealed class SubnetProviderRules : AbstractValidator<Subnet>
{
    public SubnetProviderRules(INadLookup nads, ISubnetLookup subnets)
    {
        RuleFor(subnet => subnet).CustomAsync(async (subnet, context, cancellationToken) =>
        {
            var text = subnet.Spec?.Provider;
            if (!ProviderName.TryParse(text, out var parsed))
            {
                context.Report(SubnetRules.ProviderFormat, SubnetFields.Provider,
                    $"provider \"{text}\" of Subnet {subnet.Name} is not a Kube-OVN provider: " +
                    "use <nad>.<namespace>.ovn for a kube-ovn NAD, <nad>.<namespace> for Kube-OVN IPAM, or ovn for the default network");
                return;
            }
            var provider = parsed.Value;
            if (provider.IsDefault)
            {
                return;
            }

            var others = subnets.FindSubnetsByProvider(text!).Where(other => other.Name != subnet.Name).Select(other => other.Name).ToList();
            if (others.Count > 0)
            {
                context.Report(SubnetRules.ProviderDuplicate, SubnetFields.Provider,
                    $"provider \"{text}\" of Subnet {subnet.Name} is already carried by Subnet {string.Join(", ", others)}: " +
                    "Kube-OVN would pick either; give this Subnet its own NetworkAttachmentDefinition and provider");
            }

            var nad = await nads.FindNadAsync(provider.Nad, cancellationToken);
            if (nad is null)
            {
                // "x.ovn" has two fields, so Kube-OVN reads it as NAD x in namespace ovn: the namespace is missing.
                var hint = provider.Kind == ProviderKind.Ipam && provider.NadNamespace == ProviderName.OvnSuffix
                    ? $" (a kube-ovn NAD's provider is {provider.NadName}.<namespace>.ovn)"
                    : string.Empty;
                context.Report(SubnetRules.ProviderNadMissing, SubnetFields.Provider,
                    $"provider \"{text}\" of Subnet {subnet.Name} names NetworkAttachmentDefinition {provider.Nad}, which does not exist{hint}: " +
                    "create it first, or correct the NAD name or namespace");
                return;
            }
            if (nad.CanonicalProvider is not { } canonical)
            {
                context.Report(SubnetRules.ProviderFlavourMismatch, SubnetFields.Provider,
                    $"provider \"{text}\" of Subnet {subnet.Name} names {provider.Nad}, which is no Kube-OVN NAD (neither type kube-ovn nor ipam type kube-ovn): " +
                    "point the Subnet at a Kube-OVN NAD, or make that NAD use Kube-OVN");
            }
            else if (canonical != provider)
            {
                var flavour = nad.Flavour == CniFlavour.Ovn ? "a kube-ovn NAD" : "a NAD using Kube-OVN IPAM";
                context.Report(SubnetRules.ProviderFlavourMismatch, SubnetFields.Provider,
                    $"provider \"{text}\" of Subnet {subnet.Name} should be \"{canonical}\" for {flavour} ({provider.Nad})");
            }
        });
    }
}
