using System.Buffers;

namespace AdmissionWebhook.Admission;

/// <summary>
/// A request body read into a pooled buffer. The review read from it keeps slices of this memory (the objects' text),
/// so dispose it after the answer is written. The pool is the webhook's own and bounded: ordinary reviews (a few KiB) reuse its buffers, while a
/// body above <see cref="MaxPooledBytes"/> gets a buffer of its own that the collector reclaims after the review. The
/// shared pool would keep such buffers per thread and per core after their review, memory outside any budget (a near-limit
/// series held tens of MiB of them).
/// </summary>
internal sealed class PooledBody : IDisposable
{
    /// <summary>The largest body served from the pool; buffers of up to this size are kept for reuse.</summary>
    public const int MaxPooledBytes = 256 * 1024;

    /// <summary>At most 16 buffers per size, so the pool keeps at most about 8 MiB (16 x (256 + 128 + ... + 4 KiB)).</summary>
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(MaxPooledBytes, 16);

    private byte[] _buffer = Pool.Rent(4096);

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public async Task ReadAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        if (contentLength is > 0 and <= WebhookOptions.MaxRequestBodyBytes && contentLength > _buffer.Length)
        {
            Grow((int)contentLength.Value);
        }
        while (true)
        {
            if (Length == _buffer.Length)
            {
                Grow(_buffer.Length * 2);
            }
            var read = await body.ReadAsync(_buffer.AsMemory(Length), cancellationToken);
            if (read == 0)
            {
                return;
            }
            Length += read;
        }
    }

    private void Grow(int size)
    {
        var larger = Pool.Rent(size);
        _buffer.AsSpan(0, Length).CopyTo(larger);
        Pool.Return(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        Pool.Return(_buffer);
        _buffer = [];
    }
}
