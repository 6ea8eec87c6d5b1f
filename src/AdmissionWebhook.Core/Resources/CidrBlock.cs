using System.Net;
using System.Net.Sockets;

namespace AdmissionWebhook.Resources;

/// <summary>
/// A Subnet's <c>cidrBlock</c>: one IPv4 or IPv6 network, or a dual-stack <c>v4,v6</c> pair (one of each). Parsed
/// with Kube-OVN's checks (<c>util.ValidateSubnet</c>); host bits are cleared as <c>net.ParseCIDR</c> does.
/// </summary>
internal sealed record CidrBlock(IReadOnlyList<IPNetwork> Networks)
{
    /// <summary>Ranges no Subnet may overlap (kube-ovn <c>util.ValidateSubnet</c> CIDRUnicast check).</summary>
    private static readonly (IPNetwork Network, string Name)[] Reserved =
    [
        (IPNetwork.Parse("255.255.255.255/32"), "the IPv4 broadcast address"),
        (IPNetwork.Parse("224.0.0.0/4"), "the IPv4 multicast range"),
        (IPNetwork.Parse("127.0.0.0/8"), "the IPv4 loopback range"),
        (IPNetwork.Parse("0.0.0.0/32"), "the IPv4 unspecified address"),
        (IPNetwork.Parse("169.254.0.0/16"), "the IPv4 link-local range"),
        (IPNetwork.Parse("::/128"), "the IPv6 unspecified address"),
        (IPNetwork.Parse("::1/128"), "the IPv6 loopback address"),
        (IPNetwork.Parse("ff00::/8"), "the IPv6 multicast range"),
        (IPNetwork.Parse("fe80::/10"), "the IPv6 link-local range"),
    ];

    public IPNetwork? V4 => First(AddressFamily.InterNetwork);

    public IPNetwork? V6 => First(AddressFamily.InterNetworkV6);

    /// <summary><c>IPv4</c>, <c>IPv6</c> or <c>Dual</c>: the Subnet protocol this block implies.</summary>
    public string Protocol => Networks.Count == 2 ? "Dual" : IpText.FamilyName(Networks[0].BaseAddress.AddressFamily);

    public IPNetwork? For(AddressFamily family) => family == AddressFamily.InterNetwork ? V4 : V6;

    private IPNetwork? First(AddressFamily family)
    {
        for (var i = 0; i < Networks.Count; i++)
        {
            if (Networks[i].BaseAddress.AddressFamily == family)
            {
                return Networks[i];
            }
        }
        return null;
    }

    /// <summary>The pairs of same-family networks of two blocks that share addresses.</summary>
    public IEnumerable<(IPNetwork Mine, IPNetwork Theirs)> OverlapsWith(CidrBlock other) =>
        from mine in Networks
        from theirs in other.Networks
        where Overlap(mine, theirs)
        select (mine, theirs);

    /// <summary>True when any same-family networks share addresses. Allocation-free: the overlap rule asks this of
    /// every Subnet in the cluster, and only enumerates the pairs of the few that overlap.</summary>
    public bool Overlaps(CidrBlock other)
    {
        for (var i = 0; i < Networks.Count; i++)
        {
            for (var j = 0; j < other.Networks.Count; j++)
            {
                if (Overlap(Networks[i], other.Networks[j]))
                {
                    return true;
                }
            }
        }
        return false;
    }

    public static bool Overlap(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));

    /// <summary>Parses a cidrBlock; on failure <paramref name="error"/> says what is wrong, in words for a person.</summary>
    public static bool TryParse(string? text, out CidrBlock block, out string error)
    {
        block = new CidrBlock([]);
        error = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            error = "is empty";
            return false;
        }
        if (IpText.HasUpperCase(text))
        {
            error = "contains upper case (write IPv6 hex digits in lower case)";
            return false;
        }
        var parts = text.Split(',');
        if (parts.Length > 2)
        {
            error = "has more than two networks (dual stack is one IPv4 and one IPv6 network)";
            return false;
        }
        var networks = new List<IPNetwork>();
        foreach (var part in parts)
        {
            if (!TryParseNetwork(part, out var network, out var problem))
            {
                // A dual-stack block names the failing half; a single one is already quoted by the caller.
                error = parts.Length == 1 ? problem : $"has \"{part}\", which {problem}";
                return false;
            }
            networks.Add(network);
        }
        if (networks.Count == 2 && networks[0].BaseAddress.AddressFamily == networks[1].BaseAddress.AddressFamily)
        {
            error = "has two networks of one family (dual stack is one IPv4 and one IPv6 network)";
            return false;
        }
        block = new CidrBlock(networks);
        return true;
    }

    private static bool TryParseNetwork(string part, out IPNetwork network, out string error)
    {
        network = default;
        error = string.Empty;
        var slash = part.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IpText.TryParse(part[..slash], out var address))
        {
            error = "is not an address/prefix network";
            return false;
        }
        var prefixText = part[(slash + 1)..];
        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefixText.Length is 0 or > 3 || !IpText.IsAsciiDigits(prefixText)
            || !int.TryParse(prefixText, System.Globalization.CultureInfo.InvariantCulture, out var prefix) || prefix > maxPrefix)
        {
            error = $"has no valid prefix length (0 to {maxPrefix})";
            return false;
        }
        if (prefix == maxPrefix)
        {
            error = $"is a single address (/{maxPrefix}), not a network";
            return false;
        }
        network = new IPNetwork(Mask(address, prefix), prefix);
        foreach (var (reserved, name) in Reserved)
        {
            if (Overlap(network, reserved))
            {
                error = $"overlaps {name} {reserved}";
                return false;
            }
        }
        return true;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
