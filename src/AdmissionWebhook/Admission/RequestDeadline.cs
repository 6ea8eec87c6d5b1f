using System.Globalization;

namespace AdmissionWebhook.Admission;

/// <summary>
/// The API server appends <c>?timeout=10s</c> (Go duration syntax, the remaining time rounded up to whole seconds)
/// whenever its call has a deadline. We stop working a little before it: an answer after it is never read.
/// </summary>
internal static class RequestDeadline
{
    /// <summary>Parses a Go duration such as <c>10s</c>, <c>1m30s</c> or <c>500ms</c>.</summary>
    public static bool TryParseGoDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var span = text.AsSpan();
        var total = 0.0;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }
            if (numberLength == 0 || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }
            span = span[numberLength..];
            var unitLength = 0;
            while (unitLength < span.Length && !char.IsAsciiDigit(span[unitLength]) && span[unitLength] != '.')
            {
                unitLength++;
            }
            double? unit = span[..unitLength] switch
            {
                "h" => 3_600_000,
                "m" => 60_000,
                "s" => 1_000,
                "ms" => 1,
                "us" or "µs" => 0.001,
                "ns" => 0.000_001,
                _ => null,
            };
            if (unit is null)
            {
                return false;
            }
            total += number * unit.Value;
            span = span[unitLength..];
        }
        // A duration beyond TimeSpan's range is no deadline anyone means (and would throw below).
        if (!double.IsFinite(total) || total >= TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }
        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }
}
