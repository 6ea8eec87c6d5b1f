using System.Buffers;
using System.Text;

namespace AdmissionWebhook.Patching;

/// <summary>
/// A growable UTF-8 text buffer rented from the shared array pool. The patch of a large VM is written here straight as
/// the bytes sent: a patch of thousands of operations used to exist first as UTF-16 chunks (twice its size) plus one
/// string per raw token copied, then as bytes. Only <see cref="ToArray"/> allocates; dispose returns the buffer.
/// </summary>
internal sealed class Utf8TextBuffer : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public Utf8TextBuffer(int initialCapacity = 256) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public void Write(byte value)
    {
        Reserve(1)[0] = value;
        _length++;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
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

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(checked(_length + count), _buffer.Length * 2));
            WrittenSpan.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        return _buffer.AsSpan(_length);
    }
}
