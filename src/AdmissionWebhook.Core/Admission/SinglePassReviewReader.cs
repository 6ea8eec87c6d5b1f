using System.Text.Json;
using AdmissionWebhook.Resources.Decoding;

namespace AdmissionWebhook.Admission;

/// <summary>
/// The ordinary AdmissionReview read in one forward pass of a <see cref="Utf8JsonReader"/> over the body, with no
/// <see cref="JsonDocument"/>: the envelope's fields straight into the records, <c>object</c> and <c>oldObject</c>
/// decoded into their models as they are passed (the model reader continues this reader, so each byte is tokenized
/// once) and kept as slices of the body with <c>options</c>, and every member name checked against the names before it
/// in its object (at every depth, read or skipped), since the transport refuses a duplicate anywhere.
/// <para>
/// It takes only the ordinary case, what the API server sends: anything else (a syntax error, a duplicate, a member
/// name written with escapes, an object of more members than it compares pairwise, a field of the wrong type, an
/// escape that is no text) gives null, and <see cref="AdmissionReviewReader"/> reads the body through the document as
/// before, so every refusal keeps its words. An object that does not decode in the pass (a decode error, or one not
/// ordinary for it) is left to the reviewer's separate decode: the body is read again without decoding in the pass,
/// which gives the answer the review always gave. Accepting is the only thing this reader decides, and it accepts only
/// what the document path accepts (the tests hold the two equal, and the models equal to the separate decode's).
/// </para>
/// The envelope's records are read in <c>SinglePassReviewReader.Records.cs</c>, its values and the walk over what it
/// does not read in <c>SinglePassReviewReader.Values.cs</c>, the objects in <c>SinglePassReviewReader.Objects.cs</c>.
/// </summary>
internal ref partial struct SinglePassReviewReader
{
    /// <summary>The transport's nesting limit (Go reads up to 10,000 levels; no reviewed object comes near this).</summary>
    public const int MaxDepth = 256;

    private readonly ReadOnlySpan<byte> _body;
    private Utf8JsonReader _reader;
    private OpenObjectNames _names;

    // Set when a member name is one this reader does not take (a duplicate, an escape, too many): it gives up.
    private bool _gaveUp;

    // Whether this pass decodes the objects, and whether it gave up at one it could not decode (Objects.cs).
    private readonly bool _decode;
    private bool _undecoded;

    // The review's decodes: oldObject shares the entries it writes the same as object (see ResourceDecodeSession).
    private ResourceDecodeSession _session;

    private SinglePassReviewReader(ReadOnlySpan<byte> body, bool decode)
    {
        _body = body;
        _reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        _names = new OpenObjectNames(MaxDepth);
        _decode = decode;
    }

    /// <summary>The review in <paramref name="body"/> when it is an ordinary one; null when the document path must read it.</summary>
    public static AdmissionReview? TryRead(ReadOnlyMemory<byte> body)
    {
        var review = TryRead(body, decode: true, out var undecoded);
        // Rare: an object the pass does not decode. Read again as before, leaving the decode (and its answer) to the reviewer.
        return review is null && undecoded ? TryRead(body, decode: false, out _) : review;
    }

    /// <summary>
    /// One pass; with <paramref name="decode"/>, the objects decoded in it. <paramref name="undecoded"/> says that the pass
    /// gave up at an object it could not decode, which the pass without decoding may still take.
    /// </summary>
    internal static AdmissionReview? TryRead(ReadOnlyMemory<byte> body, bool decode, out bool undecoded)
    {
        var reader = new SinglePassReviewReader(body.Span, decode);
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
            undecoded = reader._undecoded;
            reader.Dispose();
        }
    }

    private void Dispose()
    {
        _names.Dispose();
        _session.Dispose();
    }

    private AdmissionReview? ReadReview(ReadOnlyMemory<byte> body)
    {
        if (!_reader.Read() || _reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        _names.Enter();
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
        if (_gaveUp || _reader.Read())
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
        object? currentModel = null, oldModel = null;
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
                : member.SequenceEqual("object"u8) ? Object(body, kind, name, oldModel, out current, out currentModel)
                : member.SequenceEqual("oldObject"u8) ? Object(body, kind, name, currentModel, out old, out oldModel)
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
            DecodedObject = currentModel,
            DecodedOldObject = oldModel,
        };
        return !_gaveUp;
    }
}
