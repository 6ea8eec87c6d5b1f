using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>
/// A Subnet with allocated addresses keeps its addressing (UPDATE) and its existence (DELETE). The in-use figures
/// come from the stored object's status, which a spec update cannot change.
/// </summary>
public sealed class SubnetInUseRules : AbstractValidator<Subnet>
{
    public SubnetInUseRules()
    {
        RuleSet(RuleSets.Update, () =>
        {
            RuleFor(subnet => subnet).Custom((subnet, context) =>
            {
                var old = context.OldObject();
                if (old is null || !(old.HasIpsInUse || subnet.HasIpsInUse))
                {
                    return;
                }
                var inUse = InUse(old.HasIpsInUse ? old : subnet);
                var changes = SubnetChange.Between(old, subnet).ToList();
                // A new cidrBlock takes its gateway along (the old one lies outside it): Kube-OVN's procedure edits
                // cidrBlock, gateway and excludeIps together, so the gateway is part of the CIDR change.
                var cidrChanged = changes.Any(change => change.Field == SubnetFields.CidrBlock);
                foreach (var (field, name, before, after) in changes)
                {
                    if (cidrChanged && field == SubnetFields.Gateway)
                    {
                        continue;
                    }
                    if (field == SubnetFields.CidrBlock)
                    {
                        // Kube-OVN's ops/change-default-subnet procedure does exactly this: allowed, with what it implies.
                        context.Report(SubnetRules.CidrChangeWhileInUse, field,
                            "addresses in use keep the old cidrBlock until their pods and VMs are recreated");
                        continue;
                    }
                    context.Report(SubnetRules.ChangeWhileInUse, field,
                        $"can't change {name} of Subnet {subnet.Name} from \"{before}\" to \"{after}\" while {inUse}: " +
                        $"keep \"{before}\", or release the addresses first");
                }
            });
        });

        RuleSet(RuleSets.Delete, () =>
        {
            RuleFor(subnet => subnet).Custom((subnet, context) =>
            {
                if (!subnet.HasIpsInUse)
                {
                    return;
                }
                var field = (subnet.Status?.V4UsingIps ?? 0) != 0 ? SubnetFields.V4UsingIps : SubnetFields.V6UsingIps;
                context.Report(SubnetRules.DeleteWhileInUse, field,
                    $"can't delete Subnet {subnet.Name} while {InUse(subnet)}: stop or move the pods and VMs holding them first");
            });
        });
    }

    private static string InUse(Subnet subnet) =>
        $"{subnet.Status?.V4UsingIps ?? 0} IPv4 and {subnet.Status?.V6UsingIps ?? 0} IPv6 addresses are in use";
}
