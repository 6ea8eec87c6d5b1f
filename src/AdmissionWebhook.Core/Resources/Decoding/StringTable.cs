using System.Runtime.InteropServices;
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
    // Each candidate's first bytes (up to eight) are compared as one number before the rest.
    private readonly (ulong Head, byte[] Utf8, string Text)[][] _byLength;

    public StringTable(params string[] texts)
    {
        var entries = texts.Distinct(StringComparer.Ordinal)
            .Select(text => Encoding.UTF8.GetBytes(text) is var utf8 ? (Head: Head(utf8), Utf8: utf8, Text: text) : default)
            .ToArray();
        _byLength = new (ulong Head, byte[] Utf8, string Text)[entries.Length == 0 ? 0 : entries.Max(entry => entry.Utf8.Length) + 1][];
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
            var head = Head(utf8);
            foreach (var (candidateHead, bytes, known) in byLength[utf8.Length])
            {
                if (candidateHead == head && (utf8.Length <= sizeof(ulong) || utf8[sizeof(ulong)..].SequenceEqual(bytes.AsSpan(sizeof(ulong)))))
                {
                    text = known;
                    return true;
                }
            }
        }
        text = string.Empty;
        return false;
    }

    /// <summary>The first eight bytes (fewer, zero-padded, in a shorter text) as one number.</summary>
    private static ulong Head(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length >= sizeof(ulong))
        {
            return MemoryMarshal.Read<ulong>(utf8);
        }
        // A shorter text's bytes one by one (only texts of one length are compared, so the two ways never meet).
        var head = 0UL;
        for (var i = 0; i < utf8.Length; i++)
        {
            head |= (ulong)utf8[i] << (8 * i);
        }
        return head;
    }
}
