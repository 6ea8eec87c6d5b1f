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

    /// <summary>True for the operations that carry a <c>value</c> member.</summary>
    public bool HasValue => Op is AddOp or ReplaceOp or TestOp;

    public override string ToString() => JsonPatchSerializer.ToJson([this]);
}
