using System.Text;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// Strings that every object or review repeats (an apiVersion, a kind, a run strategy), handed out as one shared
/// instance each instead of a new string per read. A lookup compares bytes of equal length only, so any other string
/// costs one length check; a string written with escapes is not matched (none of these has one) and is read as usual.
/// </summary>
internal sealed class StringTable
{
    private readonly Dictionary<int, (byte[] Utf8, string Text)[]> _byLength;

    public StringTable(params string[] texts) =>
        _byLength = texts.Distinct(StringComparer.Ordinal)
            .Select(text => (Utf8: Encoding.UTF8.GetBytes(text), Text: text))
            .GroupBy(entry => entry.Utf8.Length)
            .ToDictionary(group => group.Key, group => group.ToArray());

    /// <summary>The shared instance of the string whose UTF-8 text is <paramref name="utf8"/>; false for any other.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string text)
    {
        if (_byLength.TryGetValue(utf8.Length, out var candidates))
        {
            foreach (var (bytes, known) in candidates)
            {
                if (utf8.SequenceEqual(bytes))
                {
                    text = known;
                    return true;
                }
            }
        }
        text = string.Empty;
        return false;
    }
}
