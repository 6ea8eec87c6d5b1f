using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace AdmissionWebhook.Resources.Decoding;

/// <summary>
/// A forward-only reader over one object's JSON text for the hand-written model decoders: members matched by exact
/// (case-sensitive, unescaped) name, a repeated member's last value kept, unknown members skipped, JSON null read as
/// absent, and any other type mismatch a <see cref="ModelDecodeException"/> naming the field path and what it must hold.
/// That is what the source-generated System.Text.Json decode did (the tests pin it), without its read stack or any
/// object of its own: the path is kept as offsets on the stack and spelled out only on failure.
/// <para>
/// It reads either an object's text alone, or an object inside the transport's single pass over the request body
/// (<see cref="InPass"/>): then it continues that pass's reader, so the object's bytes are tokenized once, and checks
/// every member name against its object's earlier ones as the pass does. In the pass it takes only the ordinary object
/// (no duplicate, no escaped name, no more members than are compared, well within the nesting limit): anything else
/// fails, and the transport reads the body again the way it did before, which gives the same answer.
/// </para>
/// </summary>
internal ref struct ModelReader
{
    /// <summary>System.Text.Json's default nesting limit, which the typed decode has always applied.</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _json;
    private Utf8JsonReader _reader;
    private PathFrames _frames;
    private ReadOnlySpan<byte> _name;

    // Where this reader's text starts in the object's: zero, or a deferred member's value (see Deferred).
    private readonly int _start;
    private readonly int _depthBase;

    // In the single pass: the text the pass's reader reads (the body) and the names of its open objects, handed back
    // with the reader when the object is read (see Names).
    private readonly bool _inPass;
    private readonly ReadOnlySpan<byte> _passText;
    private OpenObjectNames _names;

    public ModelReader(ReadOnlySpan<byte> json)
    {
        _json = json;
        _reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        Advance();
    }

    /// <summary>A reader of one top-level member's value, read after the others (<see cref="Defer"/>).</summary>
    private ModelReader(ReadOnlySpan<byte> json, DeferredMember member)
    {
        _json = json;
        _start = member.ValueOffset;
        _depthBase = 1;
        _frames[1] = member.NameOffset;
        _reader = new Utf8JsonReader(json[_start..], new JsonReaderOptions { MaxDepth = MaxDepth - 1 });
        Advance();
    }

    /// <summary>
    /// A reader of the object the single pass's <paramref name="pass"/> is on (its start), continuing that reader over
    /// <paramref name="body"/>: positions and the field path are the object's own, as when it is read alone.
    /// </summary>
    public ModelReader(ReadOnlySpan<byte> body, Utf8JsonReader pass, OpenObjectNames names)
    {
        _inPass = true;
        var start = checked((int)pass.TokenStartIndex);
        _json = body[start..];
        _start = -start;
        _depthBase = -pass.CurrentDepth;
        _passText = body;
        _reader = pass;
        _names = names;
        _names.Enter();
    }

    /// <summary>
    /// The object's likely <c>metadata.name</c> (the review's <c>request.name</c>), taken instead of a new string when
    /// the text is the same; null when unknown.
    /// </summary>
    public string? LikelyName { readonly get; init; }

    /// <summary>The object's likely <c>metadata.uid</c> (oldObject's is object's), shared the same way; null when unknown.</summary>
    public string? LikelyUid { readonly get; init; }

    /// <summary>True when this reader continues the transport's single pass (see the type's remarks).</summary>
    public readonly bool InPass => _inPass;

    /// <summary>The pass's reader, on the last token this reader read (the decoded object's end), to continue the pass.</summary>
    public readonly Utf8JsonReader PassReader => _reader;

    /// <summary>
    /// The pass's open-object names as this reader left them, to hand back whether the object was read or not: they hold
    /// pooled buffers, which this reader may have replaced with larger ones.
    /// </summary>
    public readonly OpenObjectNames Names => _names;

    /// <summary>Where the current token starts in the object's text.</summary>
    public readonly int Position => Offset;

    /// <summary>The object's text from the current token on.</summary>
    public readonly ReadOnlySpan<byte> Rest => _json[Offset..];

    /// <summary>The current token's nesting depth in the whole object (the object itself is 0).</summary>
    private readonly int Depth => _reader.CurrentDepth + _depthBase;

    /// <summary>Where the current token starts in the whole object's text.</summary>
    private readonly int Offset => _start + checked((int)_reader.TokenStartIndex);

    /// <summary>
    /// Passes over the current top-level member's value, to be read after all the others with <see cref="ReadDeferred"/>.
    /// System.Text.Json read the settable members of a model with <c>init</c> members (NAD, Subnet) last, so their errors
    /// came after the others'; deferring keeps which error a malformed object is refused with.
    /// </summary>
    public DeferredMember Defer(HeaderMember which)
    {
        var member = new DeferredMember(which, _frames[Depth], Offset);
        Skip();
        return member;
    }

    /// <summary>A reader positioned on a deferred member's value, over the same text.</summary>
    public readonly ModelReader ReadDeferred(DeferredMember member) => new(_json, member);

    public readonly JsonTokenType TokenType => _reader.TokenType;

    /// <summary>On the current value: true (and inside) when it is an object, false when it is null; anything else fails.</summary>
    public readonly bool IsObject(string expectation = Expected.Object)
    {
        if (_reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }
        return _reader.TokenType == JsonTokenType.Null ? false : throw Fail(expectation);
    }

    /// <summary>On the current value: true (and inside) when it is an array, false when it is null; anything else fails.</summary>
    public readonly bool IsArray(string expectation)
    {
        if (_reader.TokenType == JsonTokenType.StartArray)
        {
            return true;
        }
        return _reader.TokenType == JsonTokenType.Null ? false : throw Fail(expectation);
    }

    /// <summary>Moves to the next member of the current object and onto its value; false at the object's end.</summary>
    public bool NextMember()
    {
        Advance();
        if (_reader.TokenType == JsonTokenType.EndObject)
        {
            return false;
        }
        _frames[Depth] = Offset;
        // A name whose escape is no text (a lone surrogate) makes the object as a whole undecodable, as before.
        _name = _reader.ValueIsEscaped ? Unescaped() ?? throw FailAt(Depth - 1, "expected " + Expected.Object) : _reader.ValueSpan;
        Advance();
        return true;
    }

    /// <summary>
    /// Moves to the next member of the current map and onto its value, giving its key; false at the map's end.
    /// <paramref name="count"/> counts the entries read so far.
    /// </summary>
    public bool NextEntry(ref int count, out string key)
    {
        Advance();
        if (_reader.TokenType == JsonTokenType.EndObject)
        {
            key = string.Empty;
            return false;
        }
        var depth = Depth;
        string? text;
        try
        {
            text = _reader.GetString();
        }
        catch (InvalidOperationException)
        {
            text = null;
        }
        if (text is null)
        {
            // A key whose escape is no text: System.Text.Json blamed the entry before it (still in its path), or the map
            // itself when there was none or its key was empty (which drops out of the path); the same words are kept.
            throw count == 0 || NameAt(_frames[depth]).Length == 0
                ? FailAt(depth - 1, "expected " + Expected.MapOfStrings)
                : FailAt(depth, "expected " + Expected.String);
        }
        _frames[depth] = Offset;
        key = text;
        count++;
        Advance();
        return true;
    }

    /// <summary>Moves onto the next item of the current array; false at the array's end.</summary>
    public bool NextItem(ref int index)
    {
        Advance();
        if (_reader.TokenType == JsonTokenType.EndArray)
        {
            return false;
        }
        _frames[Depth] = ~index;
        index++;
        return true;
    }

    /// <summary>True when the member just entered by <see cref="NextMember"/> has this name (UTF-8, exact).</summary>
    public readonly bool Is(ReadOnlySpan<byte> name) => _name.SequenceEqual(name);

    /// <summary>
    /// Passes over the current value (an unknown member), however deep. Beyond the nesting limit the decode fails in
    /// the words it always used: at the top level the member is named ("not the expected type", since no model
    /// describes it), inside a member the object holding it is ("expected an object").
    /// </summary>
    public void Skip()
    {
        var depth = Depth;
        if (InPass)
        {
            SkipInPass();
            return;
        }
        try
        {
            _reader.Skip();
        }
        catch (JsonException)
        {
            throw depth == 1 && !_name.IsEmpty ? FailAt(depth, "not the expected type") : FailAt(depth - 1, "expected " + Expected.Object);
        }
    }

    /// <summary>
    /// Passes over the current value, an object whose text is the same as one this pass read and checked already (an
    /// entry of oldObject written as object's): its names need no second check, so the reader skips it whole.
    /// </summary>
    public void SkipChecked()
    {
        if (InPass && _reader.TokenType == JsonTokenType.StartObject)
        {
            // The pass entered the object on its start; it leaves it here, where the walk would have at its end.
            _reader.Skip();
            _names.Leave();
            return;
        }
        Skip();
    }

    /// <summary>Passes over the current value token by token, so that every name inside it is checked as the pass does.</summary>
    private void SkipInPass()
    {
        if (_reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }
        var depth = _reader.CurrentDepth;
        do
        {
            AdvanceInPass();
        }
        while (_reader.CurrentDepth != depth || _reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray));
    }

    // The string readers below are not readonly members: Utf8JsonReader's GetString and TryGetDouble are not, so a readonly
    // member would copy the whole reader to call them.

    /// <summary>The current value as a string; null for JSON null.</summary>
    public string? String() => _reader.TokenType switch
    {
        JsonTokenType.String => ReadText(Expected.String),
        JsonTokenType.Null => null,
        _ => throw Fail(Expected.String),
    };

    /// <summary>The current value as a string, the shared instance when <paramref name="known"/> has it; null for JSON null.</summary>
    public string? String(StringTable known) =>
        _reader.TokenType == JsonTokenType.String && !_reader.ValueIsEscaped && known.TryGet(_reader.ValueSpan, out var text) ? text : String();

    /// <summary>
    /// The current value as a string, <paramref name="likely"/> itself when the text is the same (a network named like its
    /// interface, the same NAD for every network): compared without decoding, so a repeated value costs no new string.
    /// </summary>
    public string? String(string? likely) =>
        // An escaped value is decoded instead: comparing would unescape it, and an escape that is no text would throw there
        // rather than fail as the field's type.
        likely is not null && _reader.TokenType == JsonTokenType.String && !_reader.ValueIsEscaped && _reader.ValueTextEquals(likely) ? likely : String();

    /// <summary>The current value as true or false; null for JSON null.</summary>
    public readonly bool? Boolean() => _reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw Fail(Expected.Boolean),
    };

    /// <summary>The current value as a float64; null for JSON null. A number beyond its range fails, as before.</summary>
    public double? Number()
    {
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        return _reader.TokenType == JsonTokenType.Number && _reader.TryGetDouble(out var value) ? value : throw Fail(Expected.Number);
    }

    /// <summary>The current value kept whole (any JSON type); null for JSON null.</summary>
    public JsonElement? Element()
    {
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        var depth = Depth;
        if (InPass)
        {
            // Rare (a Subnet's misnamed cidr): the value's names are checked by passing over it, then it is parsed again.
            var value = _reader;
            SkipInPass();
            return JsonElement.ParseValue(ref value);
        }
        try
        {
            return JsonElement.ParseValue(ref _reader);
        }
        catch (JsonException)
        {
            throw FailAt(depth, "expected a JSON value");
        }
    }

    /// <summary>A list of strings (items may be null); null for JSON null.</summary>
    public IReadOnlyList<string?>? Strings(string expectation = Expected.ListOfStrings)
    {
        if (!IsArray(expectation))
        {
            return null;
        }
        var items = new List<string?>();
        var index = 0;
        while (NextItem(ref index))
        {
            items.Add(String());
        }
        return items;
    }

    /// <summary>A map of strings (values may be null); null for JSON null. A repeated key keeps its last value.</summary>
    public IReadOnlyDictionary<string, string>? StringMap()
    {
        if (!IsObject(Expected.MapOfStrings))
        {
            return null;
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = 0;
        while (NextEntry(ref count, out var key))
        {
            if (key.Length == 0 && !IsText())
            {
                // An empty key drops out of the field path, which then names the map.
                throw FailAt(Depth - 1, "expected " + Expected.MapOfStrings);
            }
            map[key] = String()!;
        }
        return map;
    }

    /// <summary>True when the current value reads as a string or null.</summary>
    private bool IsText()
    {
        if (_reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        if (_reader.TokenType != JsonTokenType.String)
        {
            return false;
        }
        try
        {
            _ = _reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Fails unless the whole text was one value (the decoders read exactly one object).</summary>
    public void End()
    {
        try
        {
            if (_reader.Read())
            {
                throw FailAt(0, "the object has text after its end");
            }
        }
        catch (JsonException e)
        {
            throw FailAt(Depth, FirstSentence(e.Message));
        }
    }

    /// <summary>
    /// Moves to the next token. In the single pass there is no handler per token: a syntax error there propagates as the
    /// pass's own <see cref="JsonException"/>, and the pass hands the body to the document path, the answer it reached
    /// before through the pass without decoding (which met the same error at the same byte). Read alone, the text may
    /// not have been parsed first, so each token keeps its handler and its failure's words.
    /// </summary>
    private void Advance()
    {
        if (_inPass)
        {
            AdvanceInPass();
        }
        else
        {
            AdvanceAlone();
        }
    }

    private void AdvanceAlone()
    {
        try
        {
            if (!_reader.Read())
            {
                throw FailAt(0, "the object ends early");
            }
        }
        catch (JsonException e)
        {
            // Not JSON at all: only from a caller that did not parse the text first.
            throw FailAt(Depth, FirstSentence(e.Message));
        }
    }

    /// <summary>
    /// The next token, and what the single pass checks of every token: a member name new in its object and plainly
    /// written, nesting well within the limit that the object read alone has (past it, that read names the failure in
    /// its own words).
    /// </summary>
    private void AdvanceInPass()
    {
        if (!_reader.Read())
        {
            // Inside an object the final block fails before it ends; kept for the reader's contract.
            throw NotOrdinary();
        }
        switch (_reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                if (!_names.Remember(_passText, in _reader))
                {
                    ThrowNotOrdinary();
                }
                break;
            case JsonTokenType.StartObject:
                NotTooDeep();
                _names.Enter();
                break;
            case JsonTokenType.StartArray:
                NotTooDeep();
                break;
            case JsonTokenType.EndObject:
                _names.Leave();
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void NotTooDeep()
    {
        if (Depth >= MaxDepth - 2)
        {
            ThrowNotOrdinary();
        }
    }

    [DoesNotReturn]
    private static void ThrowNotOrdinary() => throw NotOrdinary();

    /// <summary>An object the single pass does not decode; the transport reads the body again the way it did before.</summary>
    private static ModelDecodeException NotOrdinary() => new(new DecodeFailure(string.Empty, "not an ordinary object for the single pass"));

    /// <summary>A member name with escapes, decoded for matching (rare: the API server writes none); null when it is no text.</summary>
    private byte[]? Unescaped()
    {
        string text;
        try
        {
            text = _reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The current string token's text; an escape that is no UTF-16 text fails as the field's type did before.</summary>
    private string ReadText(string expectation)
    {
        try
        {
            return _reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Fail(expectation);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd();
    }

    /// <summary>The failure at the current token: its field path (from the frames) and what it must hold (<see cref="Expected"/>).</summary>
    public readonly ModelDecodeException Fail(string expectation) => FailAt(Depth, "expected " + expectation);

    /// <summary>A failure at the member or item entered at <paramref name="depth"/>, for the reason given.</summary>
    private readonly ModelDecodeException FailAt(int depth, string reason)
    {
        var segments = new List<string>(depth);
        for (var level = 1; level <= depth && level < MaxDepth + 2; level++)
        {
            var frame = _frames[level];
            segments.Add(frame < 0 ? (~frame).ToString(System.Globalization.CultureInfo.InvariantCulture) : NameAt(frame));
        }
        segments.RemoveAll(segment => segment.Length == 0);
        return new ModelDecodeException(new DecodeFailure(DecodeFailure.FieldPathOf(segments), reason));
    }

    /// <summary>The member name whose token starts at <paramref name="offset"/>.</summary>
    private readonly string NameAt(int offset)
    {
        var reader = new Utf8JsonReader(_json[offset..], isFinalBlock: false, state: default);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString()! : string.Empty;
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }
}
