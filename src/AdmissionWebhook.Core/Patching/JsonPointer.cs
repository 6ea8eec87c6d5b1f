using System.Text;

namespace AdmissionWebhook.Patching;

/// <summary>
/// An RFC 6901 JSON Pointer. Segments are kept unescaped; escaping (<c>~</c> to <c>~0</c>, <c>/</c> to <c>~1</c>)
/// happens only in <see cref="ToString"/>, so no caller ever concatenates pointer strings by hand.
/// </summary>
public readonly record struct JsonPointer
{
    private readonly string[]? _segments;

    private JsonPointer(string[] segments) => _segments = segments;

    /// <summary>The whole document (<c>""</c>).</summary>
    public static JsonPointer Root => new([]);

    /// <summary>The unescaped reference tokens, outermost first.</summary>
    public IReadOnlyList<string> Segments => _segments ?? [];

    /// <summary>The segments without an interface in the way: walks over thousands of paths allocate nothing.</summary>
    internal ReadOnlySpan<string> SegmentSpan => _segments;

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
        var segments = new string[SegmentSpan.Length + 1];
        SegmentSpan.CopyTo(segments);
        segments[^1] = segment;
        return new JsonPointer(segments);
    }

    /// <summary>A pointer one level deeper, at an array index.</summary>
    public JsonPointer Append(int index) => Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The pointer to the containing value; the root has no parent.</summary>
    public JsonPointer Parent => Segments.Count == 0
        ? throw new InvalidOperationException("the root pointer has no parent")
        : new JsonPointer(_segments![..^1]);

    /// <summary>The last segment, unescaped.</summary>
    public string Last => Segments.Count == 0 ? throw new InvalidOperationException("the root pointer has no segments") : Segments[^1];

    /// <summary>True when <paramref name="prefix"/> is this pointer or one of its ancestors.</summary>
    public bool StartsWith(JsonPointer prefix)
    {
        if (prefix.Segments.Count > Segments.Count)
        {
            return false;
        }
        for (var i = 0; i < prefix.Segments.Count; i++)
        {
            if (!string.Equals(prefix.Segments[i], Segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public bool Equals(JsonPointer other) => Segments.SequenceEqual(other.Segments, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in Segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
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
        var plain = true;
        foreach (var segment in SegmentSpan)
        {
            // Segments of the mutators' paths are member names and indices; anything JSON must escape takes the long way.
            foreach (var c in segment)
            {
                plain &= c is >= ' ' and not ('"' or '\\' or '~' or '/') and < '\u2028';
            }
        }
        if (!plain)
        {
            JsonText.WriteString(buffer, ToString(), JsonEscaping.Readable);
            return;
        }
        buffer.Write((byte)'"');
        foreach (var segment in SegmentSpan)
        {
            buffer.Write((byte)'/');
            buffer.WriteChars(segment);
        }
        buffer.Write((byte)'"');
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
