using System.Buffers;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// Collects a list's items and hands them out as an array of exactly their count: the first few on the stack (an
/// ordinary VM's lists have a handful, and the pool's rent and return cost a thread-static lookup each), the rest in a
/// pooled buffer (a growing list left up to half its capacity unused: a 6,000-interface VM's lists grew through
/// fourteen arrays).
/// </summary>
internal struct ItemBuffer<T>
{
    /// <summary>How many items are kept on the stack before a pooled buffer takes them.</summary>
    public const int InlineCount = 8;

    private InlineItems<T> _inline;
    private T[]? _items;
    private int _count;

    /// <summary>How many items were added since the buffer was last emptied.</summary>
    public readonly int Count => _count;

    /// <summary>The item at <paramref name="index"/> (below <see cref="Count"/>).</summary>
    public readonly T this[int index] => _items is null ? _inline[index] : _items[index];

    public void Add(T item)
    {
        if (_items is null)
        {
            if (_count < InlineCount)
            {
                _inline[_count++] = item;
                return;
            }
            _items = ArrayPool<T>.Shared.Rent(InlineCount * 2);
            ((Span<T>)_inline).CopyTo(_items);
            ((Span<T>)_inline).Clear();
        }
        else if (_count == _items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(_count * 2);
            _items.AsSpan(0, _count).CopyTo(larger);
            ArrayPool<T>.Shared.Return(_items, clearArray: true);
            _items = larger;
        }
        _items[_count++] = item;
    }

    /// <summary>The items as an array of their own; a pooled buffer goes back to the pool.</summary>
    public T[] ToArray()
    {
        if (_items is null)
        {
            var kept = ((ReadOnlySpan<T>)_inline)[.._count].ToArray();
            ((Span<T>)_inline).Clear();
            _count = 0;
            return kept;
        }
        var result = _items.AsSpan(0, _count).ToArray();
        ArrayPool<T>.Shared.Return(_items, clearArray: true);
        _items = null;
        _count = 0;
        return result;
    }

    /// <summary>Starts over, keeping any pooled buffer for the items added next.</summary>
    public void Clear() => _count = 0;

    /// <summary>Lets go of the items; a pooled buffer goes back to the pool.</summary>
    public void Dispose()
    {
        if (_items is not null)
        {
            ArrayPool<T>.Shared.Return(_items, clearArray: true);
            _items = null;
        }
        ((Span<T>)_inline).Clear();
        _count = 0;
    }
}
