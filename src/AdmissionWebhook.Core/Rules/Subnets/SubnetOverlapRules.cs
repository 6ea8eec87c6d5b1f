using System.Net;
using System.Runtime.CompilerServices;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>
/// The CIDR overlaps no other Subnet in the same VPC and vlan. CREATE and UPDATE; the Subnet's own stored version
/// (in the cluster view on UPDATE) is skipped by name.
/// </summary>
public sealed class SubnetOverlapRules : AbstractValidator<Subnet>
{
    /// <summary>
    /// Each cluster Subnet's scope and parsed CIDR, computed once per SubnetInfo instance (the cluster view keeps
    /// instances until their object changes), so a review walks the Subnets without re-parsing every CIDR.
    /// </summary>
    private static readonly ConditionalWeakTable<SubnetInfo, ParsedSubnet> Parsed = new();

    private static readonly ConditionalWeakTable<SubnetInfo, ParsedSubnet>.CreateValueCallback ParseOnce = ParsedSubnet.Of;

    public SubnetOverlapRules(ISubnetLookup subnets)
    {
        RuleFor(subnet => subnet).Custom((subnet, context) =>
        {
            if (subnet.IsMacOnly || SubnetReading.Of(context) is not { HasCidr: true, Cidr: var block })
            {
                return;
            }
            List<(string Name, IPNetwork Mine, IPNetwork Theirs)>? overlapping = null;
            // The cluster view's CIDR index answers the same-scope overlaps without walking every Subnet.
            foreach (var other in subnets.FindOverlappingSubnets(SubnetInfo.From(subnet)))
            {
                var parsed = Parsed.GetValue(other, ParseOnce);
                if (other.Name == subnet.Name || parsed.Block is null)
                {
                    continue;
                }
                foreach (var (mine, theirs) in block.OverlapsWith(parsed.Block))
                {
                    (overlapping ??= []).Add((other.Name, mine, theirs));
                }
            }
            if (overlapping is null)
            {
                return;
            }
            var scope = SubnetScope.Of(subnet.Spec?.Provider, subnet.Spec?.Vpc, subnet.Spec?.Vlan);
            // By name, so the causes come in a stable order whatever the cluster view's order.
            foreach (var (name, mine, theirs) in overlapping.OrderBy(o => o.Name, StringComparer.Ordinal))
            {
                context.Report(SubnetRules.CidrOverlap, SubnetFields.CidrBlock,
                    $"cidr {mine} of Subnet {subnet.Name} overlaps cidr {theirs} of Subnet {name} ({scope}): choose a range no other Subnet of the VPC uses");
            }
        });
    }

    private sealed record ParsedSubnet(SubnetScope Scope, CidrBlock? Block)
    {
        public static ParsedSubnet Of(SubnetInfo subnet) => new(
            SubnetScope.Of(subnet.Provider, subnet.Vpc, subnet.Vlan),
            CidrBlock.TryParse(subnet.CidrBlock, out var block, out _) ? block : null);
    }
}
