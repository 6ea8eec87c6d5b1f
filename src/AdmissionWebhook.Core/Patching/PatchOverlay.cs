using System.Runtime.InteropServices;
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
        var path = operation.Path;
        var count = path.Count;
        switch (operation.Op)
        {
            case JsonPatchOperation.TestOp:
                return TextEquals(Resolve(path, count, operation), operation)
                    ? true : throw new JsonPatchException(operation, "test failed: the value there differs (compared as JSON text)");
            case JsonPatchOperation.AddOp when count == 0:
                _root = ValueOf(operation);
                return true;
            case JsonPatchOperation.AddOp:
                var parent = Resolve(path, count - 1, operation);
                if (parent.IsNode)
                {
                    // Inside a value the patch added: the tree applier edits nodes.
                    return false;
                }
                if (parent.Edited is not { } container)
                {
                    throw new JsonPatchException(operation, $"parent of \"{operation.Path}\" is missing or not a container");
                }
                if (!container.IsArray)
                {
                    container.SetMember(path.SegmentAt(count - 1), ValueOf(operation));
                    return true;
                }
                var index = IndexAt(path, count - 1, container.Count, allowEnd: true, operation);
                container.Insert(index, ValueOf(operation));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The value at the first <paramref name="depth"/> segments of <paramref name="path"/>; every container of the request
    /// on the way becomes an <see cref="OverlayContainer"/> (kept, so later operations find their edits). Inside a value
    /// the patch added, the walk goes on in its nodes. A compact index (<see cref="JsonPointer.TryGetIndexAt"/>) is used
    /// as the number it is, never formatted.
    /// </summary>
    private OverlaySlot Resolve(JsonPointer path, int depth, JsonPatchOperation operation)
    {
        _root = Editable(_root);
        var current = _root;
        for (var i = 0; i < depth; i++)
        {
            if (current.IsNode)
            {
                var remaining = current.Node;
                for (var j = i; j < depth; j++)
                {
                    remaining = remaining switch
                    {
                        JsonObject obj when obj.TryGetPropertyValue(path.SegmentAt(j), out var member) => member,
                        JsonArray array => array[IndexAt(path, j, array.Count, allowEnd: false, operation)],
                        _ => throw Missing(operation, depth),
                    };
                }
                return OverlaySlot.Of(remaining);
            }
            if (current.Edited is not { } container)
            {
                throw Missing(operation, depth);
            }
            OverlaySlot child;
            if (container.IsArray)
            {
                var index = IndexAt(path, i, container.Count, allowEnd: false, operation);
                child = Editable(container[index]);
                container[index] = child;
            }
            else if (container.TryGetMember(path.SegmentAt(i), out child))
            {
                if (!child.IsNode && child.Edited is null && child.Element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    child = Editable(child);
                    container.SetMember(path.SegmentAt(i), child);
                }
            }
            else
            {
                throw Missing(operation, depth);
            }
            current = child;
        }
        return current;
    }

    /// <summary>The array index at segment <paramref name="position"/>, checked as the API server's library checks it.</summary>
    private static int IndexAt(JsonPointer path, int position, int count, bool allowEnd, JsonPatchOperation operation)
    {
        if (path.TryGetIndexAt(position, out var index))
        {
            return JsonPatchApplier.CheckIndex(index, count, allowEnd, operation);
        }
        var segment = path.SegmentAt(position);
        return allowEnd && segment == "-" ? count : JsonPatchApplier.ParseIndex(segment, count, allowEnd, operation);
    }

    /// <summary>An <c>add</c>'s value as a slot: the operation's node, or the request's object it names (no tree built).</summary>
    private static OverlaySlot ValueOf(JsonPatchOperation operation) =>
        operation.RequestElement is { } element ? element.ToSlot() : OverlaySlot.Of(operation.Value);

    /// <summary>A container of the request as an <see cref="OverlayContainer"/>; anything else as it is.</summary>
    private static OverlaySlot Editable(OverlaySlot slot) =>
        !slot.IsNode && slot.Edited is null && slot.Element.ValueKind is JsonValueKind.Object or JsonValueKind.Array
            ? OverlaySlot.Of(OverlayContainer.Over(slot.Element))
            : slot;

    /// <summary>json-patch's text equality; two tokens of the request are compared as bytes, nothing built.</summary>
    private static bool TextEquals(OverlaySlot actual, JsonPatchOperation operation)
    {
        if (operation.RawToken is { } raw)
        {
            // A guard stating a token of the request (an element's name): its bytes against the bytes found.
            return !actual.IsNode && actual.Edited is null && actual.Element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Undefined)
                ? JsonMarshal.GetRawUtf8Value(actual.Element).SequenceEqual(JsonMarshal.GetRawUtf8Value(raw))
                : JsonText.TextEquals(actual.IsNode ? actual.Node : actual.ToNode(), operation.Value);
        }
        var expected = operation.Value;
        if (actual.IsNode)
        {
            return JsonText.TextEquals(actual.Node, expected);
        }
        if (actual.Edited is null && actual.Element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)
            && expected is JsonValue value && value.TryGetValue<JsonElement>(out var token) && token.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return JsonMarshal.GetRawUtf8Value(actual.Element).SequenceEqual(JsonMarshal.GetRawUtf8Value(token));
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
