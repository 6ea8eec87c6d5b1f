using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace AdmissionWebhook.Admission;

/// <summary>
/// The ordinary AdmissionReview read in one forward pass of a <see cref="Utf8JsonReader"/> over the body, with no
/// <see cref="JsonDocument"/>: the envelope's fields straight into the records, <c>object</c>, <c>oldObject</c> and
/// <c>options</c> kept as slices of the body, and every member name checked against the names before it in its object
/// (at every depth, read or skipped), since the transport refuses a duplicate anywhere. The profile of the whole review
/// put the document's parse and the element reads over it at a third of the review's CPU; the typed decode reads
/// the objects' text anyway, and most reviews never need their elements.
/// <para>
/// It takes only the ordinary case, what the API server sends: anything else (a syntax error, a duplicate, a member
/// name written with escapes, an object of more members than it compares pairwise, a field of the wrong type, an
/// escape that is no text) gives null, and <see cref="AdmissionReviewReader"/> reads the body through the document as
/// before, so every refusal keeps its words. Accepting is the only thing this reader decides, and it accepts only
/// what the document path accepts (the tests hold the two equal).
/// </para>
/// </summary>
internal ref struct SinglePassReviewReader
{
    /// <summary>The transport's nesting limit (Go reads up to 10,000 levels; no reviewed object comes near this).</summary>
    public const int MaxDepth = 256;

    /// <summary>Names are compared pairwise up to this many members per object; a larger object takes the document path.</summary>
    private const int MaxMembersCompared = 64;

    private readonly ReadOnlySpan<byte> _body;
    private Utf8JsonReader _reader;

    // The names of the open objects' members so far, as (offset, length) pairs in the body, and where each open object's
    // names start in that list: the duplicate check without a set per object.
    private int[] _names;
    private int _nameCount;
    private int[] _objectStarts;
    private int _open;

    private SinglePassReviewReader(ReadOnlySpan<byte> body)
    {
        _body = body;
        _reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        _names = ArrayPool<int>.Shared.Rent(128);
        _objectStarts = ArrayPool<int>.Shared.Rent(MaxDepth + 1);
    }

    /// <summary>The review in <paramref name="body"/> when it is an ordinary one; null when the document path must read it.</summary>
    public static AdmissionReview? TryRead(ReadOnlyMemory<byte> body)
    {
        var reader = new SinglePassReviewReader(body.Span);
        try
        {
            return reader.ReadReview(body);
        }
        catch (JsonException)
        {
            // Not JSON (or too deep): the document path says where.
            return null;
        }
        finally
        {
            reader.Dispose();
        }
    }

    private void Dispose()
    {
        ArrayPool<int>.Shared.Return(_names);
        ArrayPool<int>.Shared.Return(_objectStarts);
    }

    private AdmissionReview? ReadReview(ReadOnlyMemory<byte> body)
    {
        if (!_reader.Read() || _reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        Enter();
        string? apiVersion = null;
        string? kind = null;
        AdmissionRequest? request = null;
        while (NextMember(out var name))
        {
            var ok = name.SequenceEqual("apiVersion"u8) ? String(out apiVersion)
                : name.SequenceEqual("kind"u8) ? String(out kind)
                : name.SequenceEqual("request"u8) ? Request(body, out request)
                : Skip();
            if (!ok)
            {
                return null;
            }
        }
        if (_nameCount < 0 || _reader.Read())
        {
            // A duplicate name, or a second value after the first: the document path refuses it in its words.
            return null;
        }
        return new AdmissionReview { ApiVersion = apiVersion, Kind = kind, Request = request };
    }

    private bool Request(ReadOnlyMemory<byte> body, out AdmissionRequest? request)
    {
        request = null;
        if (!IsObject(out var present) || !present)
        {
            return present || _reader.TokenType == JsonTokenType.Null;
        }
        string? uid = null, subResource = null, requestSubResource = null, name = null, ns = null, operation = null;
        GroupVersionKind? kind = null, requestKind = null;
        GroupVersionResource? resource = null, requestResource = null;
        UserInfo? user = null;
        ReadOnlyMemory<byte>? current = null, old = null, options = null;
        bool? dryRun = null;
        while (NextMember(out var member))
        {
            var ok = member.SequenceEqual("uid"u8) ? String(out uid)
                : member.SequenceEqual("kind"u8) ? Kind(out kind)
                : member.SequenceEqual("resource"u8) ? Resource(out resource)
                : member.SequenceEqual("subResource"u8) ? String(out subResource)
                : member.SequenceEqual("requestKind"u8) ? Kind(out requestKind)
                : member.SequenceEqual("requestResource"u8) ? Resource(out requestResource)
                : member.SequenceEqual("requestSubResource"u8) ? String(out requestSubResource)
                : member.SequenceEqual("name"u8) ? String(out name)
                : member.SequenceEqual("namespace"u8) ? String(out ns)
                : member.SequenceEqual("operation"u8) ? String(out operation)
                : member.SequenceEqual("userInfo"u8) ? User(out user)
                : member.SequenceEqual("object"u8) ? Value(body, out current)
                : member.SequenceEqual("oldObject"u8) ? Value(body, out old)
                : member.SequenceEqual("dryRun"u8) ? Boolean(out dryRun)
                : member.SequenceEqual("options"u8) ? Value(body, out options)
                : Skip();
            if (!ok)
            {
                return false;
            }
        }
        request = new AdmissionRequest
        {
            Uid = uid,
            Kind = kind,
            Resource = resource,
            SubResource = subResource,
            RequestKind = requestKind,
            RequestResource = requestResource,
            RequestSubResource = requestSubResource,
            Name = name,
            Namespace = ns,
            Operation = operation,
            UserInfo = user,
            ObjectText = current,
            OldObjectText = old,
            DryRun = dryRun,
            OptionsText = options,
        };
        return _nameCount >= 0;
    }

    private bool Kind(out GroupVersionKind? kind)
    {
        kind = null;
        if (!GroupVersionNamed("kind"u8, out var present, out var group, out var version, out var name))
        {
            return false;
        }
        kind = present ? AdmissionReviewReader.KindOf(group, version, name) : null;
        return true;
    }

    private bool Resource(out GroupVersionResource? resource)
    {
        resource = null;
        if (!GroupVersionNamed("resource"u8, out var present, out var group, out var version, out var name))
        {
            return false;
        }
        resource = present ? AdmissionReviewReader.ResourceOf(group, version, name) : null;
        return true;
    }

    /// <summary>An object of <c>group</c>, <c>version</c> and <paramref name="nameMember"/> (a kind or a resource), or null.</summary>
    private bool GroupVersionNamed(ReadOnlySpan<byte> nameMember, out bool present, out string? group, out string? version, out string? name)
    {
        group = version = name = null;
        if (!IsObject(out present) || !present)
        {
            return present || _reader.TokenType == JsonTokenType.Null;
        }
        while (NextMember(out var member))
        {
            var ok = member.SequenceEqual("group"u8) ? String(out group)
                : member.SequenceEqual("version"u8) ? String(out version)
                : member.SequenceEqual(nameMember) ? String(out name)
                : Skip();
            if (!ok)
            {
                return false;
            }
        }
        return _nameCount >= 0;
    }

    private bool User(out UserInfo? user)
    {
        user = null;
        if (!IsObject(out var present) || !present)
        {
            return present || _reader.TokenType == JsonTokenType.Null;
        }
        string? username = null, uid = null;
        string[]? groups = null;
        Dictionary<string, IReadOnlyList<string>>? extra = null;
        while (NextMember(out var member))
        {
            var ok = member.SequenceEqual("username"u8) ? String(out username)
                : member.SequenceEqual("uid"u8) ? String(out uid)
                : member.SequenceEqual("groups"u8) ? Strings(out groups, nullable: true)
                : member.SequenceEqual("extra"u8) ? Extra(out extra)
                : Skip();
            if (!ok)
            {
                return false;
            }
        }
        user = new UserInfo { Username = username, Uid = uid, Groups = groups, Extra = extra };
        return _nameCount >= 0;
    }

    private bool Extra(out Dictionary<string, IReadOnlyList<string>>? extra)
    {
        extra = null;
        if (!IsObject(out var present) || !present)
        {
            return present || _reader.TokenType == JsonTokenType.Null;
        }
        extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (NextMember(out var key))
        {
            // A key here is never escaped (NextMember took only plain names), so its bytes are its text.
            if (!Utf8.IsValid(key))
            {
                return false;
            }
            var text = Encoding.UTF8.GetString(key);
            if (!Strings(out var values, nullable: false))
            {
                return false;
            }
            extra[text] = values!;
        }
        return _nameCount >= 0;
    }

    /// <summary>An array of strings; JSON null only where <paramref name="nullable"/> (the document path refuses it elsewhere).</summary>
    private bool Strings(out string[]? values, bool nullable)
    {
        values = null;
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return nullable;
        }
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }
        // Grown by hand: a review's lists are a group or two, so usually the first array is the answer.
        var items = new string[1];
        var count = 0;
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
        {
            if (_reader.TokenType != JsonTokenType.String || !String(out var item))
            {
                return false;
            }
            if (count == items.Length)
            {
                Array.Resize(ref items, count * 2);
            }
            items[count++] = item!;
        }
        values = count == items.Length ? items : items[..count];
        return true;
    }

    /// <summary>A string (or JSON null), the shared instance when it is a known one; false for another type or no text.</summary>
    private bool String(out string? value)
    {
        value = null;
        switch (_reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String when !_reader.ValueIsEscaped && AdmissionReviewReader.Known.TryGet(_reader.ValueSpan, out var known):
                value = known;
                return true;
            case JsonTokenType.String:
                try
                {
                    value = _reader.GetString();
                    return true;
                }
                catch (InvalidOperationException)
                {
                    // An escape that is no text (a lone surrogate), or bytes that are no UTF-8.
                    return false;
                }
            default:
                return false;
        }
    }

    private bool Boolean(out bool? value)
    {
        value = _reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => null,
        };
        return value is not null || _reader.TokenType == JsonTokenType.Null;
    }

    /// <summary>Any value but JSON null, kept as its text in the body (checked for duplicate names on the way).</summary>
    private bool Value(ReadOnlyMemory<byte> body, out ReadOnlyMemory<byte>? text)
    {
        text = null;
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        var start = checked((int)_reader.TokenStartIndex);
        if (!Skip())
        {
            return false;
        }
        text = body[start..checked((int)_reader.BytesConsumed)];
        return true;
    }

    /// <summary>True with <paramref name="present"/> when on an object (entered); false with it unset otherwise.</summary>
    private bool IsObject(out bool present)
    {
        present = _reader.TokenType == JsonTokenType.StartObject;
        if (present)
        {
            Enter();
            return true;
        }
        // JSON null reads as absent; any other type is the document path's to name.
        return false;
    }

    /// <summary>
    /// Moves to the next member of the object entered last and onto its value; false at its end (left) or when the
    /// name is one this reader does not take (then <see cref="_nameCount"/> is negative and the caller gives up).
    /// </summary>
    private bool NextMember(out ReadOnlySpan<byte> name)
    {
        name = default;
        if (_nameCount < 0 || !_reader.Read())
        {
            return false;
        }
        if (_reader.TokenType == JsonTokenType.EndObject)
        {
            Leave();
            return false;
        }
        if (!Remember())
        {
            _nameCount = -1;
            return false;
        }
        name = _reader.ValueSpan;
        _reader.Read();
        return true;
    }

    /// <summary>Passes over the current value, checking the names of every object inside it.</summary>
    private bool Skip()
    {
        if (_reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }
        var depth = _reader.CurrentDepth;
        if (_reader.TokenType == JsonTokenType.StartObject)
        {
            Enter();
        }
        while (_reader.Read())
        {
            switch (_reader.TokenType)
            {
                case JsonTokenType.PropertyName when !Remember():
                    return false;
                case JsonTokenType.StartObject:
                    Enter();
                    break;
                case JsonTokenType.EndObject:
                    Leave();
                    if (_reader.CurrentDepth == depth)
                    {
                        return true;
                    }
                    break;
                case JsonTokenType.EndArray when _reader.CurrentDepth == depth:
                    return true;
            }
        }
        return false;
    }

    private void Enter() => _objectStarts[_open++] = _nameCount;

    private void Leave() => _nameCount = _objectStarts[--_open];

    /// <summary>Records the current member name; false when it repeats one of its object, is escaped, or the object is too large to compare.</summary>
    private bool Remember()
    {
        if (_reader.ValueIsEscaped)
        {
            return false;
        }
        var name = _reader.ValueSpan;
        var first = _objectStarts[_open - 1];
        if (_nameCount - first >= MaxMembersCompared * 2)
        {
            return false;
        }
        for (var i = first; i < _nameCount; i += 2)
        {
            if (_names[i + 1] == name.Length && _body.Slice(_names[i], name.Length).SequenceEqual(name))
            {
                return false;
            }
        }
        if (_nameCount + 2 > _names.Length)
        {
            var larger = ArrayPool<int>.Shared.Rent(_names.Length * 2);
            _names.AsSpan(0, _nameCount).CopyTo(larger);
            ArrayPool<int>.Shared.Return(_names);
            _names = larger;
        }
        _body.Overlaps(name, out var offset);
        _names[_nameCount++] = offset;
        _names[_nameCount++] = name.Length;
        return true;
    }
}
