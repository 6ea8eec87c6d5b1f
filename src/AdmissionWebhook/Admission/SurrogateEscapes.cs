namespace AdmissionWebhook.Admission;

/// <summary>
/// Finds a <c>\u</c> escape of a UTF-16 surrogate without its partner (<c>"\ud800"</c>) anywhere in a JSON text.
/// Such a string is no Unicode text: .NET refuses to decode it and Go replaces it with U+FFFD.
/// The API server never sends one (Go's encoder writes valid UTF-8), so a body with one is refused as a whole,
/// which answers every field alike instead of failing wherever a rule happens to read it.
/// </summary>
internal static class SurrogateEscapes
{
    /// <summary>True when <paramref name="json"/> (valid UTF-8) escapes a lone surrogate in some string.</summary>
    public static bool ContainsLone(ReadOnlySpan<byte> json)
    {
        var i = 0;
        while (true)
        {
            var next = json[i..].IndexOf((byte)'\\');
            if (next < 0)
            {
                return false;
            }
            i += next;
            // A backslash in valid JSON starts an escape; the byte after it says which.
            if (i + 1 >= json.Length)
            {
                return false;
            }
            if (json[i + 1] != (byte)'u')
            {
                i += 2;
                continue;
            }
            if (CodeUnit(json, i) is not { } unit)
            {
                i += 2;
                continue;
            }
            if (char.IsLowSurrogate(unit))
            {
                return true;
            }
            if (!char.IsHighSurrogate(unit))
            {
                i += 6;
                continue;
            }
            if (i + 7 >= json.Length || json[i + 6] != (byte)'\\' || json[i + 7] != (byte)'u'
                || CodeUnit(json, i + 6) is not { } low || !char.IsLowSurrogate(low))
            {
                return true;
            }
            i += 12;
        }
    }

    /// <summary>The code unit of the <c>\uXXXX</c> escape at <paramref name="at"/>; null when it is not one.</summary>
    private static char? CodeUnit(ReadOnlySpan<byte> json, int at)
    {
        if (at + 6 > json.Length)
        {
            return null;
        }
        var value = 0;
        for (var k = at + 2; k < at + 6; k++)
        {
            var digit = HexValue(json[k]);
            if (digit < 0)
            {
                return null;
            }
            value = (value << 4) | digit;
        }
        return (char)value;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
