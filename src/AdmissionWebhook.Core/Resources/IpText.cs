using System.Net;
using System.Net.Sockets;

namespace AdmissionWebhook.Resources;

/// <summary>
/// IP addresses as Kube-OVN reads them (Go's <c>net.ParseIP</c>): a dotted quad without leading zeros, or IPv6
/// without a zone. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone would accept <c>10.1</c> or <c>010.0.0.1</c>.
/// </summary>
internal static class IpText
{
    public static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (text.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }
            address = v6;
            return true;
        }
        // Four dot-separated parts, read in place (this runs for every address of every Subnet review).
        Span<byte> bytes = stackalloc byte[4];
        var rest = text.AsSpan();
        for (var i = 0; i < 4; i++)
        {
            var dot = rest.IndexOf('.');
            if ((i < 3) != (dot >= 0))
            {
                return false;
            }
            var part = i < 3 ? rest[..dot] : rest;
            rest = i < 3 ? rest[(dot + 1)..] : default;
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !IsAsciiDigits(part))
            {
                return false;
            }
            var value = int.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return false;
            }
            bytes[i] = (byte)value;
        }
        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>
    /// A comma-separated address list such as a dual-stack gateway (<c>v4,v6</c>): at most one address per family.
    /// </summary>
    public static bool TryParseList(string text, out IReadOnlyList<IPAddress> addresses, out string error)
    {
        addresses = [];
        error = string.Empty;
        if (HasUpperCase(text))
        {
            error = "contains upper case";
            return false;
        }
        var parsed = new List<IPAddress>();
        foreach (var part in text.Split(','))
        {
            if (!TryParse(part, out var address))
            {
                error = $"has \"{part}\", which is not an IP address";
                return false;
            }
            if (parsed.Any(other => other.AddressFamily == address.AddressFamily))
            {
                error = $"has two {FamilyName(address.AddressFamily)} addresses";
                return false;
            }
            parsed.Add(address);
        }
        addresses = parsed;
        return true;
    }

    /// <summary>Kube-OVN rejects upper-case IPv6 hex digits ("can not contain upper case").</summary>
    public static bool HasUpperCase(string text)
    {
        foreach (var c in text)
        {
            if (char.IsUpper(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when every character is an ASCII digit (and, for an empty span, vacuously).</summary>
    public static bool IsAsciiDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');

    /// <summary>The address as a number, to order the ends of a range.</summary>
    public static UInt128 ToNumber(IPAddress address)
    {
        UInt128 value = 0;
        foreach (var b in address.GetAddressBytes())
        {
            value = (value << 8) | b;
        }
        return value;
    }

    public static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
}
