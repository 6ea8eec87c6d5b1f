using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>
/// Collects explicit RFC 6902 operations. Values are deep-cloned on the way in so a caller can never change
/// an operation after adding it. Mutators build their patch here; nothing diffs re-serialised models.
/// </summary>
public sealed class JsonPatchBuilder
{
    // In segments: a large VM's patch has tens of thousands of operations, whose list would be an array on the
    // large-object heap (and one more for the copy Build makes).
    private readonly SegmentedList<JsonPatchOperation> _operations = new();

    /// <summary>Number of operations so far.</summary>
    public int Count => _operations.Count;

    public JsonPatchBuilder Test(JsonPointer path, JsonNode? value) => Append(JsonPatchOperation.TestOp, path, value);

    public JsonPatchBuilder Add(JsonPointer path, JsonNode? value) => Append(JsonPatchOperation.AddOp, path, value);

    public JsonPatchBuilder Replace(JsonPointer path, JsonNode? value) => Append(JsonPatchOperation.ReplaceOp, path, value);

    public JsonPatchBuilder Remove(JsonPointer path) => Append(JsonPatchOperation.RemoveOp, path, null);

    /// <summary>
    /// An <c>add</c> of a node the caller built for this patch alone and hands over: it is not cloned, so the caller
    /// must neither keep nor change it. The VM mutator's session builds thousands of such values (a restored interface
    /// is a few hundred bytes as a tree) and keeps its own copy for its working copy.
    /// </summary>
    internal JsonPatchBuilder AddOwned(JsonPointer path, JsonNode? value)
    {
        _operations.Add(new JsonPatchOperation(JsonPatchOperation.AddOp, path, value));
        return this;
    }

    /// <summary>Appends an operation made for this patch alone (a guard stating a token of the request).</summary>
    internal JsonPatchBuilder Add(JsonPatchOperation operation)
    {
        _operations.Add(operation);
        return this;
    }

    /// <summary>Appends every operation of another patch, in order.</summary>
    public JsonPatchBuilder AddRange(IEnumerable<JsonPatchOperation> operations)
    {
        foreach (var operation in operations)
        {
            _operations.Add(operation);
        }
        return this;
    }

    public IReadOnlyList<JsonPatchOperation> Build() => new SegmentedList<JsonPatchOperation>(_operations);

    /// <summary>The operations themselves, no copy, for a caller that builds nothing after (the VM mutator's session).</summary>
    internal IReadOnlyList<JsonPatchOperation> BuildOnce() => _operations;

    private JsonPatchBuilder Append(string op, JsonPointer path, JsonNode? value)
    {
        _operations.Add(new JsonPatchOperation(op, path, value?.DeepClone()));
        return this;
    }
}
