using AdmissionWebhook.Resources;
using FluentValidation;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>
/// Every excludeIps entry is an address or a range <c>a..b</c>, ordered, of one family, inside cidrBlock. CREATE and
/// UPDATE. A MAC-only subnet has no addresses to exclude.
/// </summary>
public sealed class SubnetExcludeIpsRules : AbstractValidator<Subnet>
{
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
            var reading = SubnetReading.Of(context);
            var block = reading.HasCidr ? reading.Cidr : null;
            for (var i = 0; i < entries.Count; i++)
            {
                if (Problem(entries[i], block) is { } problem)
                {
                    context.Report(SubnetRules.ExcludeIpsInvalid, FieldPathResolver.Index(SubnetFields.ExcludeIps, i),
                        $"excludeIps entry {(entries[i] is { } entry ? $"\"{entry}\"" : "null")} of Subnet {subnet.Name} {problem}");
                }
            }
        });
    }

    private static bool Inside(CidrBlock block, System.Net.IPAddress address) =>
        block.For(address.AddressFamily) is { } network && network.Contains(address);

    private static string? Problem(string? entry, CidrBlock? block)
    {
        if (entry is null)
        {
            return "is no address (Kube-OVN reads null as an empty string): remove it or write an address or a range a..b";
        }
        if (!IpRange.TryParse(entry, out var range, out var error))
        {
            return error;
        }
        if (block is not null && (!Inside(block, range.First) || !Inside(block, range.Last)))
        {
            return $"is not inside cidrBlock \"{string.Join(',', block.Networks)}\": exclude addresses of the Subnet only";
        }
        return null;
    }
}
