using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>cidrBlock and protocol of a Subnet. CREATE and UPDATE; MAC-only subnets have no CIDR to check.</summary>
public sealed class SubnetCidrRules : AbstractValidator<Subnet>
{
    private static readonly string[] Protocols = ["", "IPv4", "IPv6", "Dual", "Mac"];

    public SubnetCidrRules()
    {
        // One rule, one Custom component per check: the accessor (interpreted under Native AOT) runs once for all of them.
        RuleFor(subnet => subnet).Custom((subnet, context) =>
        {
            if (subnet.IsMacOnly)
            {
                return;
            }
            var cidr = subnet.Spec?.CidrBlock;
            var reading = SubnetReading.Of(context);
            if (!reading.HasCidr)
            {
                var error = reading.CidrError;
                // kubeovn/docs non-primary-mode writes "cidr:", which the API server prunes: say so.
                var misnamed = subnet.Spec?.MisnamedCidr is not null && string.IsNullOrEmpty(cidr)
                    ? " (the field is cidrBlock, not cidr)"
                    : string.Empty;
                context.Report(SubnetRules.CidrInvalid, SubnetFields.CidrBlock,
                    $"cidrBlock \"{cidr}\" of Subnet {subnet.Name} {error}{misnamed}: write it as a network such as 10.16.0.0/16, or v4,v6 for dual stack");
            }
        })
        .Custom((subnet, context) =>
        {
            var protocol = subnet.Spec?.Protocol ?? string.Empty;
            if (Array.IndexOf(Protocols, protocol) < 0)
            {
                var fix = Protocols.FirstOrDefault(p => p.Length > 0 && string.Equals(p, protocol, StringComparison.OrdinalIgnoreCase));
                context.Report(SubnetRules.ProtocolInvalid, SubnetFields.Protocol,
                    $"protocol \"{protocol}\" of Subnet {subnet.Name} is not a valid protocol type: " +
                    (fix is null ? "use IPv4, IPv6, Dual or Mac (exactly so), or leave it empty" : $"write \"{fix}\" (values are case-sensitive)"));
                return;
            }
            if (protocol.Length == 0 || subnet.IsMacOnly || SubnetReading.Of(context) is not { HasCidr: true, Cidr: var block })
            {
                return;
            }
            if (protocol != block.Protocol)
            {
                context.Report(SubnetRules.ProtocolInvalid, SubnetFields.Protocol,
                    $"protocol \"{protocol}\" of Subnet {subnet.Name} does not match cidrBlock \"{subnet.Spec!.CidrBlock}\": " +
                    $"set it to \"{block.Protocol}\" or leave it empty");
            }
        });
    }
}
