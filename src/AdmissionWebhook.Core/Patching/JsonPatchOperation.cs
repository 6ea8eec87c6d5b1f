using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>One RFC 6902 operation. <see cref="Value"/> is ignored (and not written) for <c>remove</c>.</summary>
/// <param name="Op">add, remove, replace, test, move or copy.</param>
/// <param name="Path">Target location.</param>
/// <param name="Value">The value for add, replace and test (JSON null is a legal value).</param>
/// <param name="From">The source location for move and copy.</param>
/// <remarks>
/// A patch of a large VM holds tens of thousands of these, so the record is kept small: <see cref="From"/>, which only
/// move and copy carry, is boxed, and a value taken from the request stays the request's (<see cref="RawToken"/>,
/// <see cref="RequestElement"/>) until someone asks for <see cref="Value"/>.
/// </remarks>
public sealed record JsonPatchOperation(string Op, JsonPointer Path, JsonNode? Value = null, JsonPointer? From = null)
{
    public const string AddOp = "add";
    public const string RemoveOp = "remove";
    public const string ReplaceOp = "replace";
    public const string TestOp = "test";
    public const string MoveOp = "move";
    public const string CopyOp = "copy";

    private readonly JsonNode? _value = Value;
    private readonly StrongBox<JsonPointer>? _from = From is { } from ? new(from) : null;
    private readonly JsonElement _token;
    private readonly RequestElementValue? _element;

    private JsonPatchOperation(string op, JsonPointer path, JsonElement token, RequestElementValue? element)
        : this(op, path)
    {
        _token = token;
        _element = element;
    }

    /// <summary>The value for add, replace and test (JSON null is a legal value).</summary>
    /// <remarks>A value kept as the request's is built into a node only when asked (the writer and the proof never ask).</remarks>
    public JsonNode? Value
    {
        get => _element is not null ? _element.ToNode() : RawToken is { } token ? JsonValue.Create(token) : _value;
        init
        {
            _value = value;
            _token = default;
            _element = null;
        }
    }

    /// <summary>The source location for move and copy.</summary>
    public JsonPointer? From
    {
        get => _from?.Value;
        init => _from = value is { } from ? new(from) : null;
    }

    /// <summary>
    /// A <c>test</c>'s value kept as the request's own scalar token, when the operation was made by
    /// <see cref="TestToken"/>: written and compared as its bytes, so a guard per element of a large array costs no node
    /// and no copy of the token (a node over a pooled request's token copies it into a document of its own).
    /// </summary>
    internal JsonElement? RawToken => _token.ValueKind == JsonValueKind.Undefined ? null : _token;

    /// <summary>An <c>add</c>'s value kept as an object of the request, when the operation was made by <see cref="AddElement"/>.</summary>
    internal RequestElementValue? RequestElement => _element;

    /// <summary>True for the operations that carry a <c>value</c> member.</summary>
    public bool HasValue => Op is AddOp or ReplaceOp or TestOp;

    /// <summary>
    /// A <c>test</c> that <paramref name="path"/> holds <paramref name="token"/>, a scalar of the request (its document
    /// must outlive the operation, as the transport keeps it until the answer is written).
    /// </summary>
    internal static JsonPatchOperation TestToken(JsonPointer path, JsonElement token) =>
        token.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Undefined
            ? throw new ArgumentException("a raw guard states a scalar token", nameof(token))
            : new(TestOp, path, token, null);

    /// <summary>An <c>add</c> of an object of the request, with at most one member set over it (see <see cref="RequestElementValue"/>).</summary>
    internal static JsonPatchOperation AddElement(JsonPointer path, RequestElementValue value) => new(AddOp, path, default, value);

    /// <summary>As the record's own equality was: the same op, path and source (by value), the same value (by reference).</summary>
    public bool Equals(JsonPatchOperation? other) =>
        other is not null && Op == other.Op && Path.Equals(other.Path) && Nullable.Equals(From, other.From)
        && ReferenceEquals(_value, other._value) && ReferenceEquals(_element, other._element)
        && EqualityComparer<JsonElement>.Default.Equals(_token, other._token);

    public override int GetHashCode() => HashCode.Combine(Op, Path, From);

    public override string ToString() => JsonPatchSerializer.ToJson([this]);
}
