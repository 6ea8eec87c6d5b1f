namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// The entries of one list (interfaces or networks) of the object decoded first, each with where its text lies, so
/// that the other object's entries written the same reuse the same model instead of decoding it again. Equal text
/// decodes to an equal model (an entry's decode depends on its text alone), and models are read-only, so sharing one
/// changes nothing a rule can see. On an UPDATE most entries of <c>object</c> and <c>oldObject</c> are the same.
/// </summary>
internal struct EntryRecord<T> where T : class
{
    // The first entries inline, the rest pooled, as any decoded list's items (an ordinary VM has a handful).
    private ItemBuffer<Entry> _entries;

    public readonly int Count => _entries.Count;

    /// <summary>Starts over: a repeated list member replaces the one before it.</summary>
    public void Clear() => _entries.Clear();

    /// <summary>Records an entry whose text is <c>[start, end)</c> in the first object's text (an empty range: not shareable).</summary>
    public void Add(int start, int end, T? item) => _entries.Add(new Entry(start, end, item));

    /// <summary>
    /// The recorded entry at <paramref name="index"/> when <paramref name="text"/> (the other object's text from its entry
    /// on) starts with that entry's text: a complete JSON object is self-delimiting, so the entries are the same.
    /// </summary>
    public readonly bool TryMatch(ReadOnlySpan<byte> first, ReadOnlySpan<byte> text, int index, out T? item)
    {
        item = null;
        if ((uint)index >= (uint)Count)
        {
            return false;
        }
        var entry = _entries[index];
        if (entry.End <= entry.Start || !text.StartsWith(first[entry.Start..entry.End]))
        {
            return false;
        }
        item = entry.Item;
        return true;
    }

    public void Dispose() => _entries.Dispose();

    private readonly record struct Entry(int Start, int End, T? Item);
}
