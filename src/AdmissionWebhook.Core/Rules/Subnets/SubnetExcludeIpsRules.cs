using System.Net;
using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>
/// Every excludeIps entry is an address or a range <c>a..b</c>, ordered, of one family, inside cidrBlock. CREATE and
/// UPDATE. A MAC-only subnet has no addresses to exclude.
/// </summary>
public sealed class SubnetExcludeIpsRules : AbstractValidator<Subnet>
{
    private const string RangeSeparator = "..";

    public SubnetExcludeIpsRules()
    {
        RuleFor(subnet => subnet).Custom((subnet, context) =>
        {
            var entries = subnet.Spec?.ExcludeIps ?? [];
            if (entries.Count == 0)
            {
                return;
            }
            if (subnet.IsMacOnly)
            {
                context.Report(SubnetRules.ExcludeIpsInvalid, SubnetFields.ExcludeIps,
                    $"excludeIps is set on Subnet {subnet.Name}, an underlay subnet without cidrBlock: remove excludeIps or add a cidrBlock");
                return;
            }
            // Without a valid CIDR only the syntax can be judged; SubnetCidrInvalid reports the CIDR itself.
            var block = CidrBlock.TryParse(subnet.Spec?.CidrBlock, out var parsed, out _) ? parsed : null;
            for (var i = 0; i < entries.Count; i++)
            {
                if (Problem(entries[i], block) is { } problem)
                {
                    context.Report(SubnetRules.ExcludeIpsInvalid, FieldPathResolver.Index(SubnetFields.ExcludeIps, i),
                        $"excludeIps entry \"{entries[i]}\" of Subnet {subnet.Name} {problem}");
                }
            }
        });
    }

    private static string? Problem(string entry, CidrBlock? block)
    {
        if (IpText.HasUpperCase(entry))
        {
            return "contains upper case: write IPv6 hex digits in lower case";
        }
        var ends = entry.Split(RangeSeparator);
        if (ends.Length > 2)
        {
            return "is not a valid ip range: write one address or first..last";
        }
        var addresses = new List<IPAddress>();
        foreach (var end in ends)
        {
            if (!IpText.TryParse(end, out var address))
            {
                return $"has \"{end}\", which is not a valid address: write one address or first..last";
            }
            addresses.Add(address);
        }
        if (addresses.Count == 2)
        {
            if (addresses[0].AddressFamily != addresses[1].AddressFamily)
            {
                return "mixes IPv4 and IPv6: both ends of a range must be one family";
            }
            if (IpText.ToNumber(addresses[0]) > IpText.ToNumber(addresses[1]))
            {
                return $"is not a valid ip range (start after end): write \"{addresses[1]}..{addresses[0]}\"";
            }
        }
        if (block is not null)
        {
            foreach (var address in addresses)
            {
                if (block.For(address.AddressFamily) is not { } network || !network.Contains(address))
                {
                    return $"is not inside cidrBlock \"{string.Join(',', block.Networks)}\": exclude addresses of the Subnet only";
                }
            }
        }
        return null;
    }
}
