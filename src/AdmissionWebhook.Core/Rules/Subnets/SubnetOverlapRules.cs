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
            // One pass with cheap string comparisons first; only Subnets of the same scope are parsed, and only
            // those are sorted (by name, so the causes come in a stable order).
            var sameScope = new List<SubnetInfo>();
            foreach (var other in subnets.AllSubnets())
            {
                if (other.Name != subnet.Name && SubnetScope.Of(other.Provider, other.Vpc, other.Vlan) == scope)
                {
                    sameScope.Add(other);
                }
            }
            sameScope.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var other in sameScope)
            {
                if (!CidrBlock.TryParse(other.CidrBlock, out var otherBlock, out _))
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
