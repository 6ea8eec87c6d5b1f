using System.Buffers;
using System.Text;

namespace AdmissionWebhook.Patching;

/// <summary>
/// A growable UTF-8 text buffer rented from the shared array pool. The patch of a large VM is written here straight as
/// the bytes sent: a patch of thousands of operations used to exist first as UTF-16 chunks (twice its size) plus one
/// string per raw token copied, then as bytes. Past <see cref="SegmentBytes"/> it goes on in further segments of that
/// size instead of one doubling array: a 1.7 MB patch rented 2 MiB arrays and was then copied whole into a 1.7 MB
/// array on the large-object heap, and each such allocation brings the next full (generation 2) collection closer.
/// <see cref="TakePayload"/> hands the segments over without a copy; dispose returns what is still held. As an
/// <see cref="IBufferWriter{T}"/> it also holds an answer too large to leave in the response pipe (its length becomes
/// the Content-Length, and it is sent segment by segment, never as one array).
/// </summary>
internal sealed class Utf8TextBuffer : IBufferWriter<byte>, IDisposable
{
    /// <summary>A segment's size: a pool bucket's size (a power of two) below the large-object threshold (85,000 bytes).</summary>
    internal const int SegmentBytes = 64 * 1024;

    private List<PatchPayload.Segment>? _sealed;
    private byte[] _current;
    private int _length;

    public Utf8TextBuffer(int initialCapacity = 256) => _current = ArrayPool<byte>.Shared.Rent(Math.Min(initialCapacity, SegmentBytes));

    /// <summary>Bytes written in all segments.</summary>
    public long Length
    {
        get
        {
            long total = _length;
            foreach (var segment in _sealed ?? [])
            {
                total += segment.Length;
            }
            return total;
        }
    }

    public void Write(byte value)
    {
        Reserve(1)[0] = value;
        _length++;
    }

    /// <summary>Copies <paramref name="bytes"/>, across segments when they do not fit in the current one.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var free = _current.Length - _length;
            var target = free >= bytes.Length || (free > 0 && _current.Length >= SegmentBytes)
                ? _current.AsSpan(_length)
                : Reserve(Math.Min(bytes.Length, SegmentBytes));
            var count = Math.Min(target.Length, bytes.Length);
            bytes[..count].CopyTo(target);
            _length += count;
            bytes = bytes[count..];
        }
    }

    /// <summary>Encodes <paramref name="chars"/> as UTF-8; the callers pass only text without lone surrogates.</summary>
    public void WriteChars(ReadOnlySpan<char> chars)
    {
        var target = Reserve(Encoding.UTF8.GetMaxByteCount(chars.Length));
        _length += Encoding.UTF8.GetBytes(chars, target);
    }

    /// <summary>Encodes one scalar value (a BMP character or a surrogate pair's code point).</summary>
    public void Write(Rune rune) => _length += rune.EncodeToUtf8(Reserve(4));

    /// <summary>The invariant decimal text of <paramref name="value"/> (an array index in a pointer), no string built.</summary>
    public void WriteInt32(int value)
    {
        value.TryFormat(Reserve(11), out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
    }

    public byte[] ToArray()
    {
        var result = new byte[checked((int)Length)];
        var offset = 0;
        foreach (var segment in Segments)
        {
            segment.Span.CopyTo(result.AsSpan(offset));
            offset += segment.Length;
        }
        return result;
    }

    /// <summary>The written bytes in order, segment by segment.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Segments
    {
        get
        {
            foreach (var segment in _sealed ?? [])
            {
                yield return segment.Array.AsMemory(0, segment.Length);
            }
            if (_length > 0)
            {
                yield return _current.AsMemory(0, _length);
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

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _current.Length - _length)
        {
            throw new InvalidOperationException("advanced past the memory handed out");
        }
        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(Math.Max(sizeHint, 1));
        return _current.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(Math.Max(sizeHint, 1));

    /// <summary>The text as a string (a test or a message; the wire takes the bytes).</summary>
    public string ToUtf8String() => _sealed is null ? Encoding.UTF8.GetString(_current, 0, _length) : Encoding.UTF8.GetString(ToArray());

    /// <summary>Hands the written segments to a <see cref="PatchPayload"/>, which returns them to the pool; this buffer is left empty.</summary>
    public PatchPayload TakePayload()
    {
        var segments = _sealed ?? [];
        segments.Add(new PatchPayload.Segment(_current, _length));
        _sealed = null;
        _current = [];
        _length = 0;
        return new PatchPayload(segments, pooled: true);
    }

    public void Dispose()
    {
        foreach (var segment in _sealed ?? [])
        {
            ArrayPool<byte>.Shared.Return(segment.Array);
        }
        _sealed = null;
        var buffer = _current;
        _current = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Room for <paramref name="count"/> contiguous bytes: the current array while it has it; below
    /// <see cref="SegmentBytes"/> a doubled array (a small text stays in one piece); beyond, a new segment.
    /// </summary>
    private Span<byte> Reserve(int count)
    {
        if (_current.Length - _length >= count)
        {
            return _current.AsSpan(_length);
        }
        if (_sealed is null && checked(_length + count) <= SegmentBytes)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(SegmentBytes, Math.Max(_length + count, _current.Length * 2)));
            _current.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_current);
            _current = larger;
            return _current.AsSpan(_length);
        }
        if (_length > 0)
        {
            (_sealed ??= []).Add(new PatchPayload.Segment(_current, _length));
        }
        else
        {
            ArrayPool<byte>.Shared.Return(_current);
        }
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(count, SegmentBytes));
        _length = 0;
        return _current;
    }
}
