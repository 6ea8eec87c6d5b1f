using System.Diagnostics;
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

    // The most name slots a thread keeps between passes (an ordinary review opens a few dozen names at once).
    private const int KeptNames = 1024;

    private Buffers? _buffers;
    private int[] _names;
    private int _count;
    private int[] _starts;
    private int _open;

    // Per open object, the name lengths it has seen (bit length % 64): a name whose bit is clear repeats none of its
    // object's names, so most names are recorded without comparing any (an object's names mostly differ in length).
    private ulong[] _lengths;

    // The buffers of the thread's last pass, taken by its next: a thread reads one body at a time, and one thread-static
    // lookup each way costs less than the pool's four (a rent and a return per buffer), which every review paid.
    [ThreadStatic]
    private static Buffers? t_spare;

    public OpenObjectNames(int maxDepth)
    {
        var spare = t_spare;
        if (spare is not null && spare.Starts.Length > maxDepth)
        {
            t_spare = null;
        }
        else
        {
            spare = new Buffers { Names = new int[128], Starts = new int[maxDepth + 1], Lengths = new ulong[maxDepth + 1] };
        }
        _buffers = spare;
        _names = spare.Names;
        _starts = spare.Starts;
        _lengths = spare.Lengths;
    }

    /// <summary>An object starts: its names are compared among themselves from here on.</summary>
    public void Enter()
    {
        _lengths[_open] = 0;
        _starts[_open++] = _count;
    }

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
        var open = _open - 1;
        var first = _starts[open];
        var count = _count;
        if (count - first >= MaxMembersCompared * 2)
        {
            return false;
        }
        ref var seen = ref _lengths[open];
        var length = 1UL << (name.Length & 63);
        if ((seen & length) != 0 && Repeats(body, name, first, count))
        {
            return false;
        }
        seen |= length;
        var names = _names;
        if ((uint)(count + 1) >= (uint)names.Length)
        {
            names = Grow();
        }
        // A plain name's text starts just after its opening quote, where its token starts in the body the reader reads.
        var offset = checked((int)reader.TokenStartIndex) + 1;
        Debug.Assert(name.IsEmpty || (body.Overlaps(name, out var at) && at == offset), "the name lies after its quote");
        names[count] = offset;
        names[count + 1] = name.Length;
        _count = count + 2;
        return true;
    }

    /// <summary>True when <paramref name="name"/> is one of the names recorded in <c>[first, count)</c>.</summary>
    private readonly bool Repeats(ReadOnlySpan<byte> body, ReadOnlySpan<byte> name, int first, int count)
    {
        for (var i = first; i < count; i += 2)
        {
            if (_names[i + 1] == name.Length && body.Slice(_names[i], name.Length).SequenceEqual(name))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A larger name buffer (rare: hundreds of names open at once); the thread's spare from then on.</summary>
    private int[] Grow()
    {
        var larger = new int[_names.Length * 2];
        _names.AsSpan(0, _count).CopyTo(larger);
        _names = larger;
        return larger;
    }

    /// <summary>Hands the buffers to the thread's next pass.</summary>
    public void Dispose()
    {
        if (_buffers is { } buffers)
        {
            // A buffer grown for a body of many open names is not kept: the next reviews are ordinary.
            buffers.Names = _names.Length <= KeptNames ? _names : new int[128];
            t_spare = buffers;
            _buffers = null;
            _names = null!;
            _starts = null!;
            _lengths = null!;
        }
    }

    private sealed class Buffers
    {
        public required int[] Names { get; set; }

        public required int[] Starts { get; init; }

        public required ulong[] Lengths { get; init; }
    }
}
