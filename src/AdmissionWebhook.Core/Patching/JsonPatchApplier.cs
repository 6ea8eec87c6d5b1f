using System.Globalization;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>
/// Applies RFC 6902 operations with the strict semantics of the API server's json-patch library
/// (evanphx/json-patch v4, default options): an <c>add</c> under a missing parent fails, <c>replace</c> and
/// <c>remove</c> of a missing member fail, a failed <c>test</c> fails the whole patch, and <c>test</c> compares
/// scalars by their JSON text (<see cref="JsonText.TextEquals"/>), not by their decoded values. The mutating endpoint
/// uses it to prove its own patch applies before answering (a patch that fails to apply in the API server
/// is a 500 that no failurePolicy can soften); tests and the offline tools use it to show the result.
/// </summary>
public static class JsonPatchApplier
{
    /// <summary>Applies the patch to a deep copy of <paramref name="document"/> and returns the result.</summary>
    /// <exception cref="JsonPatchException">An operation cannot be applied.</exception>
    public static JsonNode? Apply(JsonNode? document, IEnumerable<JsonPatchOperation> operations)
    {
        var root = document?.DeepClone();
        foreach (var operation in operations)
        {
            root = ApplyOne(root, operation);
        }
        return root;
    }

    /// <summary>
    /// Applies the patch to a lazy view of <paramref name="document"/> (<see cref="JsonElementView"/>): only the
    /// members on the patch's paths are built, so proving that a patch of n small operations applies to a large object
    /// costs O(n), not a tree of the object. The result reads from the element's document, which must outlive it.
    /// </summary>
    /// <exception cref="JsonPatchException">An operation cannot be applied.</exception>
    public static JsonNode? Apply(System.Text.Json.JsonElement document, IEnumerable<JsonPatchOperation> operations)
    {
        var root = JsonElementView.Over(document);
        foreach (var operation in operations)
        {
            root = ApplyOne(root, operation);
        }
        return root;
    }

    /// <summary>
    /// Proves that the patch applies to <paramref name="document"/>, as the API server would apply it, without building
    /// the result: the <c>add</c> and <c>test</c> operations the mutators write go through a <see cref="PatchOverlay"/>,
    /// which builds nothing for what the patch does not touch and copies no value it adds (a patch of thousands of
    /// operations on a large VM cost a node per element of each array on its paths, a member dictionary per element
    /// touched, and a copy of every value added). Any other patch is applied to a lazy view, as <see cref="Apply(System.Text.Json.JsonElement, IEnumerable{JsonPatchOperation})"/>.
    /// </summary>
    /// <exception cref="JsonPatchException">An operation cannot be applied.</exception>
    public static void Verify(System.Text.Json.JsonElement document, IReadOnlyList<JsonPatchOperation> operations)
    {
        var overlay = new PatchOverlay(document);
        foreach (var operation in operations)
        {
            if (!overlay.TryApply(operation))
            {
                Apply(document, operations);
                return;
            }
        }
    }

    private static JsonNode? ApplyOne(JsonNode? root, JsonPatchOperation operation)
    {
        switch (operation.Op)
        {
            case JsonPatchOperation.AddOp:
                return Add(root, operation.Path, operation.Value?.DeepClone(), operation);
            case JsonPatchOperation.RemoveOp:
                Remove(root, operation.Path, operation);
                return root;
            case JsonPatchOperation.ReplaceOp:
                if (operation.Path.Segments.Count == 0)
                {
                    return operation.Value?.DeepClone();
                }
                Remove(root, operation.Path, operation);
                return Add(root, operation.Path, operation.Value?.DeepClone(), operation);
            case JsonPatchOperation.TestOp:
                var actual = Resolve(root, operation.Path, operation);
                // As the API server's library: scalars compare by their JSON text, so a value that differs only in
                // escaping fails here exactly as it would fail there.
                if (!JsonText.TextEquals(actual, operation.Value))
                {
                    throw new JsonPatchException(operation, "test failed: the value there differs (compared as JSON text)");
                }
                return root;
            case JsonPatchOperation.MoveOp:
            case JsonPatchOperation.CopyOp:
                var from = operation.From ?? throw new JsonPatchException(operation, "\"from\" is required");
                var value = Resolve(root, from, operation)?.DeepClone();
                if (operation.Op == JsonPatchOperation.MoveOp)
                {
                    Remove(root, from, operation);
                }
                return Add(root, operation.Path, value, operation);
            default:
                throw new JsonPatchException(operation, $"unsupported operation \"{operation.Op}\"");
        }
    }

    private static JsonNode? Add(JsonNode? root, JsonPointer path, JsonNode? value, JsonPatchOperation operation)
    {
        if (path.Segments.Count == 0)
        {
            return value;
        }
        var parent = Resolve(root, path.Parent, operation);
        switch (parent)
        {
            case JsonObject obj:
                obj[path.Last] = value;
                return root;
            case JsonArray array:
                var index = path.Last == "-" ? array.Count : ParseIndex(path.Last, array.Count, allowEnd: true, operation);
                array.Insert(index, value);
                return root;
            default:
                throw new JsonPatchException(operation, $"parent of \"{path}\" is missing or not a container");
        }
    }

    private static void Remove(JsonNode? root, JsonPointer path, JsonPatchOperation operation)
    {
        if (path.Segments.Count == 0)
        {
            throw new JsonPatchException(operation, "cannot remove the whole document");
        }
        var parent = Resolve(root, path.Parent, operation);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(path.Last):
                obj.Remove(path.Last);
                return;
            case JsonArray array:
                array.RemoveAt(ParseIndex(path.Last, array.Count, allowEnd: false, operation));
                return;
            default:
                throw new JsonPatchException(operation, $"\"{path}\" does not exist");
        }
    }

    /// <summary>The node at <paramref name="path"/>; throws when any segment is missing.</summary>
    public static JsonNode? Resolve(JsonNode? root, JsonPointer path, JsonPatchOperation? operation = null)
    {
        var current = root;
        foreach (var segment in path.SegmentSpan)
        {
            current = current switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonArray array => array[ParseIndex(segment, array.Count, allowEnd: false, operation)],
                _ => throw new JsonPatchException(operation, $"\"{path}\" does not exist"),
            };
        }
        return current;
    }

    internal static int ParseIndex(string segment, int count, bool allowEnd, JsonPatchOperation? operation)
    {
        if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || (segment.Length > 1 && segment[0] == '0'))
        {
            throw new JsonPatchException(operation, $"\"{segment}\" is not an array index");
        }
        return CheckIndex(index, count, allowEnd, operation);
    }

    /// <summary>An index already read as a number, checked against the array's length as <see cref="ParseIndex"/> checks it.</summary>
    internal static int CheckIndex(int index, int count, bool allowEnd, JsonPatchOperation? operation)
    {
        if (index < 0 || index > count || (!allowEnd && index == count))
        {
            throw new JsonPatchException(operation, $"array index {index} is out of range (length {count})");
        }
        return index;
    }
}
