using System.Buffers;

namespace AdmissionWebhook.Admission;

/// <summary>
/// A request body read into a pooled buffer (reviews are a few KiB to 7 MiB; renting avoids a large-object-heap
/// allocation per big review). The parsed JsonDocument reads this memory in place, so dispose it after the document.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);

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
        var larger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
