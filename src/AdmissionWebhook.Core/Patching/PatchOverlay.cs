using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>
/// The request's object with a patch's <c>add</c> and <c>test</c> operations applied as an overlay: what the patch did
/// not touch stays <see cref="JsonElement"/>s, the containers on its paths are edited in place (an array listed once,
/// an object's added members kept beside it), and the values it adds are its own nodes, not copies. Semantics are
/// <see cref="JsonPatchApplier"/>'s (evanphx/json-patch's), which <c>PatchOverlayTests</c> hold side by side; an
/// operation this overlay does not take (anything but <c>add</c> and <c>test</c>, or an <c>add</c> inside a value the
/// patch added) makes <see cref="TryApply"/> return false, and the caller proves the patch with the tree applier.
/// </summary>
internal sealed class PatchOverlay(JsonElement document)
{
    private OverlaySlot _root = OverlaySlot.Of(document);

    /// <summary>Applies one operation; false when the overlay cannot take it (nothing is changed then).</summary>
    /// <exception cref="JsonPatchException">The operation does not apply, as in the API server.</exception>
    public bool TryApply(JsonPatchOperation operation)
    {
        var segments = operation.Path.SegmentSpan;
        switch (operation.Op)
        {
            case JsonPatchOperation.TestOp:
                return TextEquals(Resolve(segments, operation), operation.Value)
                    ? true : throw new JsonPatchException(operation, "test failed: the value there differs (compared as JSON text)");
            case JsonPatchOperation.AddOp when segments.Length == 0:
                _root = OverlaySlot.Of(operation.Value);
                return true;
            case JsonPatchOperation.AddOp:
                var parent = Resolve(segments[..^1], operation);
                if (parent.IsNode)
                {
                    // Inside a value the patch added: the tree applier edits nodes.
                    return false;
                }
                if (parent.Edited is not { } container)
                {
                    throw new JsonPatchException(operation, $"parent of \"{operation.Path}\" is missing or not a container");
                }
                var last = segments[^1];
                if (!container.IsArray)
                {
                    container.SetMember(last, OverlaySlot.Of(operation.Value));
                    return true;
                }
                var index = last == "-" ? container.Count : JsonPatchApplier.ParseIndex(last, container.Count, allowEnd: true, operation);
                container.Insert(index, OverlaySlot.Of(operation.Value));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The value at <paramref name="segments"/>; every container of the request on the way becomes an
    /// <see cref="OverlayContainer"/> (kept, so later operations find their edits). Inside a value the patch added, the
    /// walk goes on in its nodes.
    /// </summary>
    private OverlaySlot Resolve(ReadOnlySpan<string> segments, JsonPatchOperation operation)
    {
        _root = Editable(_root);
        var current = _root;
        for (var i = 0; i < segments.Length; i++)
        {
            if (current.IsNode)
            {
                var remaining = current.Node;
                for (var j = i; j < segments.Length; j++)
                {
                    remaining = remaining switch
                    {
                        JsonObject obj when obj.TryGetPropertyValue(segments[j], out var member) => member,
                        JsonArray array => array[JsonPatchApplier.ParseIndex(segments[j], array.Count, allowEnd: false, operation)],
                        _ => throw Missing(operation, segments.Length),
                    };
                }
                return OverlaySlot.Of(remaining);
            }
            if (current.Edited is not { } container)
            {
                throw Missing(operation, segments.Length);
            }
            OverlaySlot child;
            if (container.IsArray)
            {
                var index = JsonPatchApplier.ParseIndex(segments[i], container.Count, allowEnd: false, operation);
                child = Editable(container[index]);
                container[index] = child;
            }
            else if (container.TryGetMember(segments[i], out child))
            {
                if (!child.IsNode && child.Edited is null && child.Element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    child = Editable(child);
                    container.SetMember(segments[i], child);
                }
            }
            else
            {
                throw Missing(operation, segments.Length);
            }
            current = child;
        }
        return current;
    }

    /// <summary>A container of the request as an <see cref="OverlayContainer"/>; anything else as it is.</summary>
    private static OverlaySlot Editable(OverlaySlot slot) =>
        !slot.IsNode && slot.Edited is null && slot.Element.ValueKind is JsonValueKind.Object or JsonValueKind.Array
            ? OverlaySlot.Of(OverlayContainer.Over(slot.Element))
            : slot;

    /// <summary>json-patch's text equality; two tokens of the request are compared as bytes, nothing built.</summary>
    private static bool TextEquals(OverlaySlot actual, JsonNode? expected)
    {
        if (actual.IsNode)
        {
            return JsonText.TextEquals(actual.Node, expected);
        }
        if (actual.Edited is null && actual.Element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)
            && expected is JsonValue value && value.TryGetValue<JsonElement>(out var token) && token.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(actual.Element)
                .SequenceEqual(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(token));
        }
        return JsonText.TextEquals(actual.ToNode(), expected);
    }

    /// <summary>
    /// The failure of a walk that did not reach its end, naming the pointer it walked as the tree applier does: for an
    /// <c>add</c>, the parent. Built only on failure, so the walk itself allocates no pointer.
    /// </summary>
    private static JsonPatchException Missing(JsonPatchOperation operation, int depth) =>
        new(operation, $"\"{JsonPointer.Of([.. operation.Path.Segments.Take(depth)])}\" does not exist");
}
