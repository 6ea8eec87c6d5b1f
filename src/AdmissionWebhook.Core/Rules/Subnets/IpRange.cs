using System.Net;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Rules.Subnets;

/// <summary>
/// One <c>excludeIps</c> entry: an address, or <c>first..last</c> of one family with first &lt;= last
/// (kube-ovn <c>util.ValidateSubnet</c> and <c>util.ExpandExcludeIPs</c>).
/// </summary>
internal sealed record IpRange(IPAddress First, IPAddress Last)
{
    private const string Separator = "..";

    /// <summary>Parses an entry; on failure <paramref name="error"/> says what is wrong and how to write it.</summary>
    public static bool TryParse(string entry, out IpRange range, out string error)
    {
        range = new IpRange(IPAddress.None, IPAddress.None);
        error = string.Empty;
        if (IpText.HasUpperCase(entry))
        {
            error = "contains upper case: write IPv6 hex digits in lower case";
            return false;
        }
        var ends = entry.Split(Separator);
        if (ends.Length > 2)
        {
            error = "is not a valid ip range: write one address or first..last";
            return false;
        }
        var addresses = new IPAddress[ends.Length];
        for (var i = 0; i < ends.Length; i++)
        {
            if (!IpText.TryParse(ends[i], out addresses[i]))
            {
                error = $"has \"{ends[i]}\", which is not a valid address: write one address or first..last";
                return false;
            }
        }
        var first = addresses[0];
        var last = addresses[^1];
        if (first.AddressFamily != last.AddressFamily)
        {
            error = "mixes IPv4 and IPv6: both ends of a range must be one family";
            return false;
        }
        if (IpText.ToNumber(first) > IpText.ToNumber(last))
        {
            error = $"is not a valid ip range (start after end): write \"{last}..{first}\"";
            return false;
        }
        range = new IpRange(first, last);
        return true;
    }
}
