using System.Buffers;

namespace AdmissionWebhook.Patching;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over pooled segments of <see cref="Utf8TextBuffer.SegmentBytes"/>, for an answer too
/// large to leave in the response pipe: it is written here whole (its length becomes the Content-Length) and sent segment
/// by segment, never held in one array. One array of the answer (2.5-4 MB for a 6,000-interface patch) landed on the
/// large-object heap, and a whole-answer buffer rented from the shared pool was kept per thread after the review.
/// </summary>
public sealed class SegmentedBufferWriter : IBufferWriter<byte>, IDisposable
{
    private readonly List<PatchPayload.Segment> _sealed = [];
    private byte[] _current = [];
    private int _used;

    /// <summary>Bytes written so far.</summary>
    public long WrittenCount { get; private set; }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _current.Length - _used)
        {
            throw new InvalidOperationException("advanced past the memory handed out");
        }
        _used += count;
        WrittenCount += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsMemory(_used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsSpan(_used);
    }

    /// <summary>The written bytes in order, segment by segment.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Segments
    {
        get
        {
            foreach (var segment in _sealed)
            {
                yield return segment.Array.AsMemory(0, segment.Length);
            }
            if (_used > 0)
            {
                yield return _current.AsMemory(0, _used);
            }
        }
    }

    /// <summary>Writes every byte to <paramref name="stream"/> in slices of at most <paramref name="sliceBytes"/>.</summary>
    public async Task CopyToAsync(Stream stream, int sliceBytes, CancellationToken cancellationToken)
    {
        foreach (var segment in Segments)
        {
            for (var offset = 0; offset < segment.Length; offset += sliceBytes)
            {
                await stream.WriteAsync(segment.Slice(offset, Math.Min(sliceBytes, segment.Length - offset)), cancellationToken);
            }
        }
    }

    public byte[] ToArray()
    {
        var result = new byte[checked((int)WrittenCount)];
        var offset = 0;
        foreach (var segment in Segments)
        {
            segment.Span.CopyTo(result.AsSpan(offset));
            offset += segment.Length;
        }
        return result;
    }

    public void Dispose()
    {
        foreach (var segment in _sealed)
        {
            ArrayPool<byte>.Shared.Return(segment.Array);
        }
        _sealed.Clear();
        if (_current.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_current);
        }
        _current = [];
        _used = 0;
        WrittenCount = 0;
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current.Length - _used >= needed)
        {
            return;
        }
        if (_used > 0)
        {
            _sealed.Add(new PatchPayload.Segment(_current, _used));
        }
        else if (_current.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_current);
        }
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Utf8TextBuffer.SegmentBytes));
        _used = 0;
    }
}
