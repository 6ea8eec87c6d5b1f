using System.Buffers;
using System.Text.Json;

namespace AdmissionWebhook.Patching;

/// <summary>
/// The UTF-8 bytes of a JSON patch as the answer carries them (base64-encoded), held in the segments they were written
/// into (pooled arrays below the large-object threshold), never copied into one array: the patch of a 6,000-interface
/// hot-plug (1.1-1.7 MB) was an array on the large-object heap, and its base64 in the answer (2.5-4 MB) another, each
/// provoking a full collection with the image's GC settings. <see cref="WriteBase64"/> encodes it segment by segment
/// into the JSON writer, so the answer's text never exists whole either. Dispose (the transport does, once the answer
/// is written) returns pooled segments; a payload never disposed only costs the pool its arrays.
/// </summary>
public sealed class PatchPayload : IDisposable
{
    /// <summary>
    /// Bytes handed to the JSON writer per call: a multiple of 3 (whole base64 groups) whose encoding (16 KiB) the
    /// writer asks of its output at once, so a response pipe serves it from its small blocks.
    /// </summary>
    internal const int Base64ChunkBytes = 12 * 1024;

    private List<Segment>? _segments;
    private readonly bool _pooled;

    internal PatchPayload(List<Segment> segments, bool pooled)
    {
        _segments = segments;
        _pooled = pooled;
        foreach (var segment in segments)
        {
            Length += segment.Length;
        }
    }

    /// <summary>A payload over bytes the caller owns (a parsed answer, a test).</summary>
    public static PatchPayload FromBytes(byte[] bytes) => new([new Segment(bytes, bytes.Length)], pooled: false);

    /// <summary>The patch's length in bytes (before base64).</summary>
    public long Length { get; }

    /// <summary>The whole patch in one new array (tests and the offline commands; the wire never needs it).</summary>
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

    /// <summary>
    /// Writes the patch as one base64 JSON string value, in chunks of whole base64 groups: the same text
    /// <see cref="Utf8JsonWriter.WriteBase64StringValue"/> writes for the whole array (a test holds them equal).
    /// </summary>
    public void WriteBase64(Utf8JsonWriter writer)
    {
        // A group of three bytes may straddle two segments: the bytes left over from one segment are carried into the
        // next chunk through this small buffer, so every chunk but the last is a multiple of 3.
        Span<byte> carry = stackalloc byte[3];
        var carried = 0;
        foreach (var segment in Segments)
        {
            var bytes = segment.Span;
            if (carried > 0)
            {
                var take = Math.Min(3 - carried, bytes.Length);
                bytes[..take].CopyTo(carry[carried..]);
                carried += take;
                bytes = bytes[take..];
                if (carried < 3)
                {
                    continue;
                }
                writer.WriteBase64StringSegment(carry, isFinalSegment: false);
                carried = 0;
            }
            while (bytes.Length >= 3)
            {
                var chunk = Math.Min(Base64ChunkBytes, bytes.Length - (bytes.Length % 3));
                writer.WriteBase64StringSegment(bytes[..chunk], isFinalSegment: false);
                bytes = bytes[chunk..];
            }
            bytes.CopyTo(carry);
            carried = bytes.Length;
        }
        writer.WriteBase64StringSegment(carry[..carried], isFinalSegment: true);
    }

    public void Dispose()
    {
        var segments = _segments;
        _segments = null;
        if (_pooled && segments is not null)
        {
            foreach (var segment in segments)
            {
                if (segment.Array.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(segment.Array);
                }
            }
        }
    }

    private List<Segment> Segments => _segments ?? throw new ObjectDisposedException(nameof(PatchPayload));

    /// <summary>The first <paramref name="Length"/> bytes of <paramref name="Array"/>.</summary>
    internal readonly record struct Segment(byte[] Array, int Length)
    {
        public ReadOnlySpan<byte> Span => Array.AsSpan(0, Length);
    }
}
