using System.Buffers;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// The entries of one list (interfaces or networks) of the object decoded first, each with where its text lies, so
/// that the other object's entries written the same reuse the same model instead of decoding it again. Equal text
/// decodes to an equal model (an entry's decode depends on its text alone), and models are read-only, so sharing one
/// changes nothing a rule can see. On an UPDATE most entries of <c>object</c> and <c>oldObject</c> are the same.
/// </summary>
internal struct EntryRecord<T> where T : class
{
    // The first entries are kept in the record (an ordinary VM has a handful: the pool's rent and return cost a
    // thread-static lookup each), the rest in pooled arrays, which then hold all of them.
    private InlineBounds _inlineBounds;
    private InlineItems<T?> _inlineItems;
    private int[]? _bounds;
    private T?[]? _items;

    public int Count { get; private set; }

    /// <summary>Starts over: a repeated list member replaces the one before it.</summary>
    public void Clear() => Count = 0;

    /// <summary>Records an entry whose text is <c>[start, end)</c> in the first object's text (an empty range: not shareable).</summary>
    public void Add(int start, int end, T? item)
    {
        if (_items is null)
        {
            if (Count < ItemBuffer<T>.InlineCount)
            {
                _inlineBounds[Count * 2] = start;
                _inlineBounds[(Count * 2) + 1] = end;
                _inlineItems[Count++] = item;
                return;
            }
            _bounds = ArrayPool<int>.Shared.Rent(Count * 4);
            _items = ArrayPool<T?>.Shared.Rent(Count * 2);
            ((ReadOnlySpan<int>)_inlineBounds).CopyTo(_bounds);
            ((ReadOnlySpan<T?>)_inlineItems).CopyTo(_items);
            ((Span<T?>)_inlineItems).Clear();
        }
        // The pool may hand out longer arrays than asked for, each by its own rounding: the shorter one is the limit.
        else if (Count == Math.Min(_items.Length, _bounds!.Length / 2))
        {
            var bounds = ArrayPool<int>.Shared.Rent(Count * 4);
            var items = ArrayPool<T?>.Shared.Rent(Count * 2);
            _bounds.AsSpan(0, Count * 2).CopyTo(bounds);
            _items.AsSpan(0, Count).CopyTo(items);
            Return();
            _bounds = bounds;
            _items = items;
        }
        _bounds![Count * 2] = start;
        _bounds[(Count * 2) + 1] = end;
        _items[Count++] = item;
    }

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
        ReadOnlySpan<int> bounds = _bounds ?? (ReadOnlySpan<int>)_inlineBounds;
        var start = bounds[index * 2];
        var end = bounds[(index * 2) + 1];
        if (end <= start || !text.StartsWith(first[start..end]))
        {
            return false;
        }
        item = _items is null ? _inlineItems[index] : _items[index];
        return true;
    }

    public void Dispose()
    {
        Return();
        ((Span<T?>)_inlineItems).Clear();
        _bounds = null;
        _items = null;
        Count = 0;
    }

    private readonly void Return()
    {
        if (_items is not null)
        {
            ArrayPool<int>.Shared.Return(_bounds!);
            ArrayPool<T?>.Shared.Return(_items, clearArray: true);
        }
    }
}
