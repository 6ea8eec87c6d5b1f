using System.Buffers;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// Collects a list's items in a pooled buffer and hands them out as an array of exactly their count: a growing list
/// left up to half its capacity unused (a 6,000-interface VM's lists grew through fourteen arrays).
/// </summary>
internal struct ItemBuffer<T>
{
    private T[]? _items;
    private int _count;

    public void Add(T item)
    {
        if (_items is null || _count == _items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(Math.Max(8, _count * 2));
            if (_items is not null)
            {
                _items.AsSpan(0, _count).CopyTo(larger);
                ArrayPool<T>.Shared.Return(_items, clearArray: true);
            }
            _items = larger;
        }
        _items[_count++] = item;
    }

    /// <summary>The items as an array of their own; the buffer goes back to the pool.</summary>
    public T[] ToArray()
    {
        if (_items is null)
        {
            return [];
        }
        var result = _items.AsSpan(0, _count).ToArray();
        ArrayPool<T>.Shared.Return(_items, clearArray: true);
        _items = null;
        _count = 0;
        return result;
    }
}
