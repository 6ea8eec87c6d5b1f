using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// Builds a patch against a working copy of the object, applying each operation as it is added, so every guard
/// (<c>test</c>) states the value the API server will find at that point of the patch, and indices account for the
/// operations before them. Each operation changes the working copy in place (no copy of the object per operation),
/// and the working copy is a lazy view over the request's element (<see cref="JsonElementView"/>): only the path down
/// to what the patch touches is ever built, so a patch of n operations costs O(n) trees of a few nodes each plus one
/// pass over the arrays it indexes, never a copy of the whole object.
/// </summary>
internal sealed class PatchSession(System.Text.Json.JsonElement document)
{
    private readonly JsonPatchBuilder _builder = new();
    private JsonNode? _document = JsonElementView.Over(document);

    public IReadOnlyList<JsonPatchOperation> Operations => _builder.Build();

    /// <summary>The node at <paramref name="pointer"/> in the working copy; false when any segment is missing.</summary>
    public bool TryRead(JsonPointer pointer, out JsonNode? node)
    {
        node = _document;
        foreach (var segment in pointer.SegmentSpan)
        {
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                    node = child;
                    break;
                case JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count:
                    node = array[index];
                    break;
                default:
                    node = null;
                    return false;
            }
        }
        return true;
    }

    /// <summary>
    /// True when <paramref name="arrayPointer"/> can take an inserted element: it is an array, or it is missing or null
    /// under an object (the whole array is then added).
    /// </summary>
    public bool CanInsert(JsonPointer arrayPointer) =>
        TryRead(arrayPointer, out var node)
            ? node is null or JsonArray
            : TryRead(arrayPointer.Parent, out var parent) && parent is JsonObject;

    /// <summary>Adds a member to an object element, guarding the element by its name.</summary>
    public void AddMember(JsonPointer arrayPointer, int index, string member, JsonNode value)
    {
        var elementPointer = arrayPointer.Append(index);
        Guard(elementPointer);
        Add(elementPointer, member, value);
    }

    /// <summary>
    /// Inserts <paramref name="element"/> at <paramref name="index"/> (clamped to the end), guarded by a test of the
    /// element it pushes back (or, at the end, the one before it) so a concurrent change fails the patch.
    /// </summary>
    /// <remarks><paramref name="element"/> is handed over: the patch takes it as it is, so the caller must not keep it.</remarks>
    public void Insert(JsonPointer arrayPointer, int index, JsonNode element)
    {
        TryRead(arrayPointer, out var node);
        if (node is not JsonArray array)
        {
            if (node is null && TryRead(arrayPointer, out _))
            {
                Test(arrayPointer);
            }
            Add(arrayPointer.Parent, arrayPointer.Last, new JsonArray(element));
            return;
        }
        if (array.Count == 0)
        {
            Test(arrayPointer);
            Add(arrayPointer, "-", element);
        }
        else if (index >= array.Count)
        {
            Guard(arrayPointer.Append(array.Count - 1));
            Add(arrayPointer, "-", element);
        }
        else
        {
            Guard(arrayPointer.Append(index));
            Add(arrayPointer, index.ToString(System.Globalization.CultureInfo.InvariantCulture), element);
        }
    }

    /// <summary>Tests an array element by its name when it has one, else as a whole.</summary>
    private void Guard(JsonPointer elementPointer)
    {
        TryRead(elementPointer, out var element);
        if (element is JsonObject obj && obj["name"] is JsonValue name && name.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            Test(elementPointer.Append("name"));
            return;
        }
        Test(elementPointer);
    }

    private void Test(JsonPointer pointer)
    {
        TryRead(pointer, out var value);
        _builder.Test(pointer, value);
    }

    /// <summary>
    /// Records an <c>add</c> of <paramref name="member"/> under <paramref name="parentPointer"/> and applies it to the
    /// working copy. Callers only add under a parent that exists (an object member, an array index up to its length, or
    /// <c>-</c>), which <see cref="CanInsert"/> and the guards above establish; the API server's applier would fail the
    /// same patch otherwise, so that is a bug here. The operation takes <paramref name="value"/> itself (the callers
    /// build it for this patch alone) and the working copy one clone of it, so a later operation on the working copy
    /// never changes what the patch says.
    /// </summary>
    private void Add(JsonPointer parentPointer, string member, JsonNode value)
    {
        var copy = value.DeepClone();
        _builder.AddOwned(parentPointer.Append(member), value);
        TryRead(parentPointer, out var parent);
        switch (parent)
        {
            case JsonObject obj:
                obj[member] = copy;
                break;
            case JsonArray array when member == "-":
                array.Add(copy);
                break;
            case JsonArray array when int.TryParse(member, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index <= array.Count:
                array.Insert(index, copy);
                break;
            default:
                throw new InvalidOperationException($"the patch adds under {parentPointer}, which is no object or array that can take it");
        }
    }
}
