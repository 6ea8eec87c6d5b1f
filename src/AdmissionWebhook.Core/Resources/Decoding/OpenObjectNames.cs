using System.Buffers;
using System.Text.Json;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// The member names of every object still open in one forward pass over a request body, as (offset, length) pairs in
/// the body, and where each open object's names start: the transport refuses a duplicate name at any depth, and this
/// checks each name against the earlier names of its object without a set per object. The transport's envelope read
/// and the model reader decoding an object inside that read (<see cref="ModelReader"/>) share one instance.
/// </summary>
internal struct OpenObjectNames : IDisposable
{
    /// <summary>Names are compared pairwise up to this many members per object; a larger object is not ordinary.</summary>
    public const int MaxMembersCompared = 64;

    private int[] _names;
    private int _count;
    private int[] _starts;
    private int _open;

    public OpenObjectNames(int maxDepth)
    {
        _names = ArrayPool<int>.Shared.Rent(128);
        _starts = ArrayPool<int>.Shared.Rent(maxDepth + 1);
    }

    /// <summary>An object starts: its names are compared among themselves from here on.</summary>
    public void Enter() => _starts[_open++] = _count;

    /// <summary>The object entered last ends: its names are forgotten.</summary>
    public void Leave() => _count = _starts[--_open];

    /// <summary>
    /// Records the member name the reader is on (its bytes lie in <paramref name="body"/>, which the reader reads); false
    /// when it repeats a name of its object, is written with escapes (compared only by decoding), or the object has more
    /// members than are compared.
    /// </summary>
    public bool Remember(ReadOnlySpan<byte> body, ref readonly Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return false;
        }
        var name = reader.ValueSpan;
        var first = _starts[_open - 1];
        if (_count - first >= MaxMembersCompared * 2)
        {
            return false;
        }
        for (var i = first; i < _count; i += 2)
        {
            if (_names[i + 1] == name.Length && body.Slice(_names[i], name.Length).SequenceEqual(name))
            {
                return false;
            }
        }
        if (_count + 2 > _names.Length)
        {
            var larger = ArrayPool<int>.Shared.Rent(_names.Length * 2);
            _names.AsSpan(0, _count).CopyTo(larger);
            ArrayPool<int>.Shared.Return(_names);
            _names = larger;
        }
        body.Overlaps(name, out var offset);
        _names[_count++] = offset;
        _names[_count++] = name.Length;
        return true;
    }

    public void Dispose()
    {
        if (_names is not null)
        {
            ArrayPool<int>.Shared.Return(_names);
            ArrayPool<int>.Shared.Return(_starts);
            _names = null!;
            _starts = null!;
        }
    }
}
