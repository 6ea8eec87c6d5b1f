using System.Net;
using System.Net.Sockets;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>
/// The gateway (one address, or <c>v4,v6</c> for dual stack) lies inside cidrBlock. CREATE and UPDATE. When cidrBlock
/// itself is invalid only SubnetCidrInvalid reports: the gateway cannot be judged against it.
/// </summary>
public sealed class SubnetGatewayRules : AbstractValidator<Subnet>
{
    public SubnetGatewayRules()
    {
        RuleFor(subnet => subnet).Custom((subnet, context) =>
        {
            var gateway = subnet.Spec?.Gateway;
            if (string.IsNullOrEmpty(gateway))
            {
                return;
            }
            if (subnet.IsMacOnly)
            {
                context.Report(SubnetRules.GatewayInvalid, SubnetFields.Gateway,
                    $"gateway \"{gateway}\" is set on Subnet {subnet.Name}, an underlay subnet without cidrBlock: remove the gateway or add a cidrBlock");
                return;
            }
            if (SubnetReading.Of(context) is not { HasCidr: true, Cidr: var block })
            {
                return;
            }
            if (Problem(gateway, block) is { } problem)
            {
                context.Report(SubnetRules.GatewayInvalid, SubnetFields.Gateway,
                    $"gateway \"{gateway}\" of Subnet {subnet.Name} {problem}: use a host address inside cidrBlock \"{subnet.Spec!.CidrBlock}\", such as {FirstHost(block)}, or leave it empty");
            }
        });
    }

    private static string? Problem(string gateway, CidrBlock block)
    {
        if (!IpText.TryParseList(gateway, out var addresses, out var error))
        {
            return error;
        }
        foreach (var address in addresses)
        {
            if (block.For(address.AddressFamily) is not { } network || !network.Contains(address))
            {
                return $"is not in cidr \"{string.Join(',', block.Networks)}\"";
            }
            if (address.AddressFamily == AddressFamily.InterNetwork && network.PrefixLength >= 31)
            {
                // A /31 is a point-to-point link: both addresses are hosts (RFC 3021; kube-ovn ValidPTPSubnet).
                continue;
            }
            if (address.Equals(network.BaseAddress))
            {
                return $"is the network number of {network}";
            }
            if (address.AddressFamily == AddressFamily.InterNetwork && IpText.ToNumber(address) == Broadcast(network))
            {
                return $"is the broadcast address of {network}";
            }
        }
        return null;
    }

    private static UInt128 Broadcast(IPNetwork network) =>
        IpText.ToNumber(network.BaseAddress) | (((UInt128)1 << (32 - network.PrefixLength)) - 1);

    private static string FirstHost(CidrBlock block) => string.Join(',', block.Networks.Select(n =>
    {
        var bytes = n.BaseAddress.GetAddressBytes();
        bytes[^1] |= 1;
        return new IPAddress(bytes).ToString();
    }));
}
