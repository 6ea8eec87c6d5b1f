using System.Text;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// Strings that every object or review repeats (an apiVersion, a kind, a run strategy), handed out as one shared
/// instance each instead of a new string per read. A lookup compares bytes of equal length only, so any other string
/// costs one length check; a string written with escapes is not matched (none of these has one) and is read as usual.
/// </summary>
internal sealed class StringTable
{
    // The candidates of each UTF-8 length, indexed by it (the texts are short): an array index instead of a hash lookup.
    private readonly (byte[] Utf8, string Text)[][] _byLength;

    public StringTable(params string[] texts)
    {
        var entries = texts.Distinct(StringComparer.Ordinal).Select(text => (Utf8: Encoding.UTF8.GetBytes(text), Text: text)).ToArray();
        _byLength = new (byte[] Utf8, string Text)[entries.Length == 0 ? 0 : entries.Max(entry => entry.Utf8.Length) + 1][];
        for (var length = 0; length < _byLength.Length; length++)
        {
            _byLength[length] = entries.Where(entry => entry.Utf8.Length == length).ToArray();
        }
    }

    /// <summary>The shared instance of the string whose UTF-8 text is <paramref name="utf8"/>; false for any other.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string text)
    {
        var byLength = _byLength;
        if ((uint)utf8.Length < (uint)byLength.Length)
        {
            foreach (var (bytes, known) in byLength[utf8.Length])
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
