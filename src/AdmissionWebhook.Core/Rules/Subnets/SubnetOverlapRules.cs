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
    public SubnetOverlapRules(ISubnetLookup subnets)
    {
        RuleFor(subnet => subnet).Custom((subnet, context) =>
        {
            if (subnet.IsMacOnly || !CidrBlock.TryParse(subnet.Spec?.CidrBlock, out var block, out _))
            {
                return;
            }
            var scope = SubnetScope.Of(subnet.Spec?.Provider, subnet.Spec?.Vpc, subnet.Spec?.Vlan);
            foreach (var other in subnets.AllSubnets().OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                if (other.Name == subnet.Name || SubnetScope.Of(other.Provider, other.Vpc, other.Vlan) != scope
                    || !CidrBlock.TryParse(other.CidrBlock, out var otherBlock, out _))
                {
                    continue;
                }
                foreach (var (mine, theirs) in block.OverlapsWith(otherBlock))
                {
                    context.Report(SubnetRules.CidrOverlap, SubnetFields.CidrBlock,
                        $"cidr {mine} of Subnet {subnet.Name} overlaps cidr {theirs} of Subnet {other.Name} ({scope}): choose a range no other Subnet of the VPC uses");
                }
            }
        });
    }
}
