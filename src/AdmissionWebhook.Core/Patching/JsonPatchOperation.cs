using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>One RFC 6902 operation. <see cref="Value"/> is ignored (and not written) for <c>remove</c>.</summary>
/// <param name="Op">add, remove, replace, test, move or copy.</param>
/// <param name="Path">Target location.</param>
/// <param name="Value">The value for add, replace and test (JSON null is a legal value).</param>
/// <param name="From">The source location for move and copy.</param>
public sealed record JsonPatchOperation(string Op, JsonPointer Path, JsonNode? Value = null, JsonPointer? From = null)
{
    public const string AddOp = "add";
    public const string RemoveOp = "remove";
    public const string ReplaceOp = "replace";
    public const string TestOp = "test";
    public const string MoveOp = "move";
    public const string CopyOp = "copy";

    private readonly JsonNode? _value = Value;
    private readonly JsonElement? _rawToken;

    private JsonPatchOperation(JsonPointer path, JsonElement token)
        : this(TestOp, path)
    {
        _rawToken = token;
    }

    /// <summary>The value for add, replace and test (JSON null is a legal value).</summary>
    /// <remarks>A guard made by <see cref="TestToken"/> builds its node only when asked (the writer and the proof never ask).</remarks>
    public JsonNode? Value
    {
        get => RawToken is { } token ? JsonValue.Create(token) : _value;
        init
        {
            _value = value;
            _rawToken = null;
        }
    }

    /// <summary>
    /// A <c>test</c>'s value kept as the request's own scalar token, when the operation was made by
    /// <see cref="TestToken"/>: written and compared as its bytes, so a guard per element of a large array costs no node
    /// and no copy of the token (a node over a pooled request's token copies it into a document of its own).
    /// </summary>
    internal JsonElement? RawToken => _rawToken;

    /// <summary>True for the operations that carry a <c>value</c> member.</summary>
    public bool HasValue => Op is AddOp or ReplaceOp or TestOp;

    /// <summary>
    /// A <c>test</c> that <paramref name="path"/> holds <paramref name="token"/>, a scalar of the request (its document
    /// must outlive the operation, as the transport keeps it until the answer is written).
    /// </summary>
    internal static JsonPatchOperation TestToken(JsonPointer path, JsonElement token) =>
        token.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Undefined
            ? throw new ArgumentException("a raw guard states a scalar token", nameof(token))
            : new(path, token);

    public override string ToString() => JsonPatchSerializer.ToJson([this]);
}
