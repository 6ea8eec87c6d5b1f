using System.Globalization;
using System.Text;

namespace AdmissionWebhook.Patching;

/// <summary>
/// An RFC 6901 JSON Pointer. Segments are kept unescaped; escaping (<c>~</c> to <c>~0</c>, <c>/</c> to <c>~1</c>)
/// happens only in <see cref="ToString"/>, so no caller ever concatenates pointer strings by hand.
/// </summary>
/// <remarks>
/// A pointer to an array element, or to a member of one, built with <see cref="Append(int)"/> (then
/// <see cref="Append(string)"/>), is kept compact: the array's own segments (shared, not copied), the index as a number
/// and the member's name. A mutation of thousands of interfaces builds two such pointers per interface; as segment
/// arrays and index strings they were the largest share of what its patch allocated. Everything that reads segments
/// one by one (<see cref="Count"/>, <see cref="TryGetIndexAt"/>, <see cref="SegmentAt"/>, the writer) reads the
/// compact form in place; <see cref="Segments"/> and <see cref="SegmentSpan"/> build the full list when asked.
/// </remarks>
public readonly record struct JsonPointer
{
    private readonly string[]? _segments;

    /// <summary>The index of a compact pointer's element, plus one; 0 when the pointer has no compact tail.</summary>
    private readonly int _indexPlusOne;

    /// <summary>The member under a compact pointer's element; null for none.</summary>
    private readonly string? _member;

    private JsonPointer(string[] segments) => _segments = segments;

    private JsonPointer(string[] prefix, int index, string? member)
    {
        _segments = prefix;
        _indexPlusOne = index + 1;
        _member = member;
    }

    /// <summary>The whole document (<c>""</c>).</summary>
    public static JsonPointer Root => new([]);

    /// <summary>The unescaped reference tokens, outermost first.</summary>
    public IReadOnlyList<string> Segments => IsCompact ? Materialize() : _segments ?? [];

    /// <summary>The segments as one span (built for a compact pointer; the hot paths read <see cref="SegmentAt"/>).</summary>
    internal ReadOnlySpan<string> SegmentSpan => IsCompact ? Materialize() : _segments;

    /// <summary>The number of segments.</summary>
    internal int Count => Prefix.Length + (_indexPlusOne > 0 ? 1 : 0) + (_member is null ? 0 : 1);

    /// <summary>True when the segment at <paramref name="position"/> is a compact array index (no text is kept for it).</summary>
    internal bool TryGetIndexAt(int position, out int index)
    {
        index = _indexPlusOne - 1;
        return _indexPlusOne > 0 && position == Prefix.Length;
    }

    /// <summary>The unescaped segment at <paramref name="position"/> (a compact index is formatted, which allocates).</summary>
    internal string SegmentAt(int position)
    {
        var prefix = Prefix;
        if (position < prefix.Length)
        {
            return prefix[position];
        }
        if (_indexPlusOne > 0 && position == prefix.Length)
        {
            return (_indexPlusOne - 1).ToString(CultureInfo.InvariantCulture);
        }
        return position == Count - 1 && _member is not null ? _member : throw new ArgumentOutOfRangeException(nameof(position));
    }

    private bool IsCompact => _indexPlusOne > 0;

    private ReadOnlySpan<string> Prefix => _segments;

    /// <summary>Builds a pointer from unescaped segments.</summary>
    public static JsonPointer Of(params string[] segments) => new([.. segments]);

    /// <summary>Parses the escaped string form (<c>/a/b~1c</c>).</summary>
    public static JsonPointer Parse(string pointer)
    {
        if (!TryParse(pointer, out var result))
        {
            throw new FormatException($"\"{pointer}\" is not a JSON pointer: it must be empty or start with \"/\"");
        }
        return result;
    }

    /// <summary>Parses the escaped string form; false for text that is not a pointer.</summary>
    public static bool TryParse(string? pointer, out JsonPointer result)
    {
        result = Root;
        if (pointer is null)
        {
            return false;
        }
        if (pointer.Length == 0)
        {
            return true;
        }
        if (pointer[0] != '/')
        {
            return false;
        }
        var parts = pointer[1..].Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryUnescape(parts[i], out var segment))
            {
                return false;
            }
            parts[i] = segment;
        }
        result = new JsonPointer(parts);
        return true;
    }

    /// <summary>A pointer one level deeper, at an object member.</summary>
    public JsonPointer Append(string segment)
    {
        if (IsCompact && _member is null)
        {
            // An element's member: still compact, nothing copied.
            return new JsonPointer(_segments!, _indexPlusOne - 1, segment);
        }
        var segments = new string[Count + 1];
        SegmentSpan.CopyTo(segments);
        segments[^1] = segment;
        return new JsonPointer(segments);
    }

    /// <summary>A pointer one level deeper, at an array index.</summary>
    public JsonPointer Append(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return IsCompact
            ? Append(index.ToString(CultureInfo.InvariantCulture))
            : new JsonPointer(_segments ?? [], index, null);
    }

    /// <summary>The pointer to the containing value; the root has no parent.</summary>
    public JsonPointer Parent => Count == 0
        ? throw new InvalidOperationException("the root pointer has no parent")
        : _member is not null && IsCompact ? new JsonPointer(_segments!, _indexPlusOne - 1, null)
        : IsCompact ? new JsonPointer(_segments!)
        : new JsonPointer(_segments![..^1]);

    /// <summary>The last segment, unescaped.</summary>
    public string Last => Count == 0 ? throw new InvalidOperationException("the root pointer has no segments") : SegmentAt(Count - 1);

    /// <summary>True when <paramref name="prefix"/> is this pointer or one of its ancestors.</summary>
    public bool StartsWith(JsonPointer prefix)
    {
        if (prefix.Count > Count)
        {
            return false;
        }
        for (var i = 0; i < prefix.Count; i++)
        {
            if (!SegmentEquals(this, prefix, i))
            {
                return false;
            }
        }
        return true;
    }

    public bool Equals(JsonPointer other)
    {
        if (Count != other.Count)
        {
            return false;
        }
        for (var i = 0; i < Count; i++)
        {
            if (!SegmentEquals(this, other, i))
            {
                return false;
            }
        }
        return true;
    }

    public override int GetHashCode()
    {
        // As the hash of the segments' text, however they are kept, so a compact pointer equals its plain twin.
        var hash = new HashCode();
        Span<char> digits = stackalloc char[11];
        for (var i = 0; i < Count; i++)
        {
            if (TryGetIndexAt(i, out var index))
            {
                index.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
                hash.Add(string.GetHashCode(digits[..written]));
            }
            else
            {
                hash.Add(SegmentAt(i).GetHashCode(StringComparison.Ordinal));
            }
        }
        return hash.ToHashCode();
    }

    /// <summary>Compares one segment of two pointers of the same length, without formatting an index both keep compact.</summary>
    private static bool SegmentEquals(JsonPointer left, JsonPointer right, int position)
    {
        var leftIsIndex = left.TryGetIndexAt(position, out var leftIndex);
        var rightIsIndex = right.TryGetIndexAt(position, out var rightIndex);
        if (leftIsIndex && rightIsIndex)
        {
            return leftIndex == rightIndex;
        }
        return string.Equals(left.SegmentAt(position), right.SegmentAt(position), StringComparison.Ordinal);
    }

    private string[] Materialize()
    {
        var segments = new string[Count];
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = SegmentAt(i);
        }
        return segments;
    }

    /// <summary>The escaped RFC 6901 form.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var segment in Segments)
        {
            builder.Append('/').Append(segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }
        return builder.ToString();
    }

    /// <summary>
    /// Writes the escaped form as a JSON string literal (what <c>JsonText.WriteString(buffer, ToString(), Readable)</c>
    /// writes) without building the pointer's string: a patch of thousands of operations writes thousands of paths.
    /// </summary>
    internal void WriteJsonString(Utf8TextBuffer buffer)
    {
        var plain = _member is null || IsPlain(_member);
        foreach (var segment in Prefix)
        {
            // Segments of the mutators' paths are member names and indices; anything JSON must escape takes the long way.
            plain &= IsPlain(segment);
        }
        if (!plain)
        {
            JsonText.WriteString(buffer, ToString(), JsonEscaping.Readable);
            return;
        }
        buffer.Write((byte)'"');
        foreach (var segment in Prefix)
        {
            buffer.Write((byte)'/');
            buffer.WriteChars(segment);
        }
        if (IsCompact)
        {
            buffer.Write((byte)'/');
            buffer.WriteInt32(_indexPlusOne - 1);
        }
        if (_member is not null)
        {
            buffer.Write((byte)'/');
            buffer.WriteChars(_member);
        }
        buffer.Write((byte)'"');
    }

    private static bool IsPlain(string segment)
    {
        foreach (var c in segment)
        {
            if (c is < ' ' or '"' or '\\' or '~' or '/' or >= '\u2028')
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryUnescape(string escaped, out string segment)
    {
        segment = escaped;
        if (!escaped.Contains('~', StringComparison.Ordinal))
        {
            return true;
        }
        var builder = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != '~')
            {
                builder.Append(escaped[i]);
                continue;
            }
            if (i + 1 >= escaped.Length || (escaped[i + 1] != '0' && escaped[i + 1] != '1'))
            {
                return false;
            }
            builder.Append(escaped[i + 1] == '0' ? '~' : '/');
            i++;
        }
        segment = builder.ToString();
        return true;
    }
}
