using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// A 6-byte (EUI-48) MAC address in one of the forms Go's <c>net.ParseMAC</c> reads and KubeVirt accepts:
/// <c>02:00:00:aa:bb:01</c>, <c>02-00-00-AA-BB-01</c> or <c>0200.00aa.bb01</c>, any letter case.
/// </summary>
public readonly record struct MacAddress(ulong Value)
{
    /// <summary>The address of the in-pod bridge for masquerade (KubeVirt <c>link.IsReserved</c>).</summary>
    public static MacAddress ReservedForMasquerade { get; } = new(0x02_00_00_00_00_00);

    public static bool TryParse(string? text, [NotNullWhen(true)] out MacAddress? mac)
    {
        mac = null;
        if (text is null)
        {
            return false;
        }
        string hex;
        if (text.Length == 17 && (text[2] == ':' || text[2] == '-'))
        {
            var separator = text[2];
            for (var i = 2; i < 17; i += 3)
            {
                if (text[i] != separator)
                {
                    return false;
                }
            }
            hex = string.Concat(Enumerable.Range(0, 6).Select(i => text.Substring(i * 3, 2)));
        }
        else if (text.Length == 14 && text[4] == '.' && text[9] == '.')
        {
            hex = string.Concat(text.AsSpan(0, 4), text.AsSpan(5, 4), text.AsSpan(10, 4));
        }
        else
        {
            return false;
        }
        if (!hex.All(Uri.IsHexDigit) || !ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        mac = new MacAddress(value);
        return true;
    }

    public override string ToString()
    {
        var value = Value;
        return string.Join(':', Enumerable.Range(0, 6).Select(i => ((value >> (8 * (5 - i))) & 0xFF).ToString("x2", CultureInfo.InvariantCulture)));
    }
}
