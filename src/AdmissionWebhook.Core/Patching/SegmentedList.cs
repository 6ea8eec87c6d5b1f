using System.Collections;

namespace AdmissionWebhook.Patching;

/// <summary>
/// A list kept in fixed-size segments, so no array of it reaches the large-object heap (85,000 bytes): a listing of a
/// 6,000-element array as one <c>List&lt;T&gt;</c> was an array there, and every such allocation brings the next full
/// (generation 2) collection closer, which is what most of a large review's collector time was. Indexing is O(1);
/// an insertion moves the elements after it, segment by segment, as <c>List&lt;T&gt;.Insert</c> moves them.
/// </summary>
internal sealed class SegmentedList<T> : IReadOnlyList<T>
{
    /// <summary>Elements per segment: a power of two that keeps a segment of 40-byte structs far below the large-object threshold.</summary>
    private const int SegmentShift = 10;
    private const int SegmentLength = 1 << SegmentShift;
    private const int SegmentMask = SegmentLength - 1;

    private readonly List<T[]> _segments = [];

    public SegmentedList()
    {
    }

    public SegmentedList(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            Add(item);
        }
    }

    public int Count { get; private set; }

    public T this[int index]
    {
        get => (uint)index < (uint)Count ? _segments[index >> SegmentShift][index & SegmentMask] : throw new ArgumentOutOfRangeException(nameof(index));
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            _segments[index >> SegmentShift][index & SegmentMask] = value;
        }
    }

    public void Add(T item)
    {
        if ((Count & SegmentMask) == 0 && Count >> SegmentShift == _segments.Count)
        {
            // A short list stays short: the first segment grows as a list's array does, up to the segment length.
            _segments.Add(new T[Count == 0 ? 4 : SegmentLength]);
        }
        var segment = _segments[Count >> SegmentShift];
        if ((Count & SegmentMask) == segment.Length)
        {
            Array.Resize(ref segment, Math.Min(segment.Length * 2, SegmentLength));
            _segments[Count >> SegmentShift] = segment;
        }
        segment[Count & SegmentMask] = item;
        Count++;
    }

    /// <summary>Inserts at <paramref name="index"/> (0 to <see cref="Count"/>), moving the elements after it one place on.</summary>
    public void Insert(int index, T item)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)Count, nameof(index));
        if (index == Count)
        {
            Add(item);
            return;
        }
        var lastSource = Count - 1;
        Add(this[lastSource]);
        // Move [index, lastSource) one place on, from the last segment back: each segment first carries its last element
        // into the next segment's first place (already moved on), then moves the rest within itself.
        for (var segment = lastSource >> SegmentShift; segment >= index >> SegmentShift; segment--)
        {
            var items = _segments[segment];
            var start = segment << SegmentShift;
            if (start + SegmentMask < lastSource && start + SegmentMask >= index)
            {
                _segments[segment + 1][0] = items[SegmentMask];
            }
            var from = Math.Max(index, start) - start;
            var to = Math.Min(lastSource - 1, start + SegmentMask - 1) - start;
            if (to >= from)
            {
                Array.Copy(items, from, items, from + 1, to - from + 1);
            }
        }
        this[index] = item;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
