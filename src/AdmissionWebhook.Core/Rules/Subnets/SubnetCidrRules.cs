using System.Net;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>Address checks of a Subnet. CREATE and UPDATE.</summary>
public sealed class SubnetCidrRules : AbstractValidator<Subnet>
{
    public SubnetCidrRules()
    {
        RuleFor(subnet => subnet.Spec!.CidrBlock).Custom((cidr, context) =>
        {
            var subnet = context.InstanceToValidate;
            var macOnly = string.IsNullOrEmpty(cidr) && !string.IsNullOrEmpty(subnet.Spec?.Vlan);
            if (macOnly)
            {
                return;
            }
            var parts = (cidr ?? string.Empty).Split(',');
            var valid = parts.Length is 1 or 2 && parts.All(p => IPNetwork.TryParse(p, out _));
            if (!valid)
            {
                context.Report(SubnetRules.CidrInvalid, "spec.cidrBlock",
                    $"cidrBlock \"{cidr}\" of subnet {subnet.Name} is not a valid CIDR: write it as 10.16.0.0/16 or v4,v6");
            }
        }).When(subnet => subnet.Spec is not null);
    }
}
