using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// Builds a patch of insertions into arrays of the object and members added to their elements, keeping each array as
/// the operations so far leave it, so every guard (<c>test</c>) states the value the API server will find at that
/// point of the patch, and indices account for the operations before them. The working state is one
/// <see cref="WorkingArray"/> per array the patch touches: the request's elements stay elements, and what the patch
/// adds is the operations' own values, never copied; so a patch of n operations costs O(n) small records plus one
/// listing of each array it indexes, never a tree of the object or of the array. The arrays' pointers must go through
/// objects only (the VM's interfaces and networks do): nothing here tracks an array inside another one's elements.
/// </summary>
internal sealed class PatchSession(JsonElement document)
{
    private readonly JsonPatchBuilder _builder = new();
    private readonly Dictionary<JsonPointer, WorkingArray> _arrays = [];

    /// <summary>Each array's end marker (<c>.../-</c>), built once: a removal of thousands appends thousands of entries.</summary>
    private readonly Dictionary<JsonPointer, JsonPointer> _ends = [];

    /// <summary>The patch; asked once, when the session is done (it is the session's own list, not a copy).</summary>
    public IReadOnlyList<JsonPatchOperation> Operations => _builder.BuildOnce();

    private JsonPointer EndOf(JsonPointer arrayPointer)
    {
        if (!_ends.TryGetValue(arrayPointer, out var end))
        {
            end = arrayPointer.Append("-");
            _ends[arrayPointer] = end;
        }
        return end;
    }

    /// <summary>
    /// True when <paramref name="arrayPointer"/> can take an inserted element: it is an array, or it is missing or null
    /// under an object (the whole array is then added).
    /// </summary>
    public bool CanInsert(JsonPointer arrayPointer) => Read(arrayPointer, out _) switch
    {
        Found.Array or Found.Null => true,
        Found.Missing => JsonElementView.TryGet(document, arrayPointer.Parent, out var parent) && parent.ValueKind == JsonValueKind.Object,
        _ => false,
    };

    /// <summary>Adds a member to an object element, guarding the element by its name.</summary>
    /// <remarks><paramref name="value"/> is handed over: the patch takes it as it is, so the caller must not change it (one
    /// value may serve several operations, since nothing here or in the proof and the writer changes it).</remarks>
    public void AddMember(JsonPointer arrayPointer, int index, string member, JsonNode value)
    {
        if (Read(arrayPointer, out var array) != Found.Array || index >= array!.Count || !array[index].IsObject)
        {
            throw new InvalidOperationException($"the patch adds a member under {arrayPointer}/{index}, which is no object");
        }
        var elementPointer = arrayPointer.Append(index);
        Guard(elementPointer, array[index]);
        _builder.AddOwned(elementPointer.Append(member), value);
        array.AddMember(index, member, value);
    }

    /// <summary>
    /// Inserts <paramref name="element"/> at <paramref name="index"/> (clamped to the end), guarded by a test of the
    /// element it pushes back (or, at the end, the one before it) so a concurrent change fails the patch.
    /// </summary>
    /// <remarks><paramref name="element"/> is handed over: the patch takes it as it is, so the caller must not keep it.</remarks>
    public void Insert(JsonPointer arrayPointer, int index, JsonNode element) => Insert(arrayPointer, index, element, null);

    /// <summary>
    /// Inserts an object of the request (an entry restored from the old object, with at most one member set over it),
    /// which stays the request's: no tree is built for it, here, in the proof or in the writer.
    /// </summary>
    public void Insert(JsonPointer arrayPointer, int index, RequestElementValue element) => Insert(arrayPointer, index, null, element);

    private void Insert(JsonPointer arrayPointer, int index, JsonNode? node, RequestElementValue? element)
    {
        var working = element is null ? WorkingElement.Of(node!) : WorkingElement.Of(element);
        switch (Read(arrayPointer, out var array))
        {
            case Found.Array when array!.Count == 0:
                _builder.Test(arrayPointer, new JsonArray());
                AddValue(EndOf(arrayPointer), node, element);
                array.Insert(0, working);
                break;
            case Found.Array when index >= array!.Count:
                Guard(arrayPointer.Append(array.Count - 1), array[array.Count - 1]);
                AddValue(EndOf(arrayPointer), node, element);
                array.Insert(array.Count, working);
                break;
            case Found.Array:
                var position = arrayPointer.Append(index);
                Guard(position, array![index]);
                AddValue(position, node, element);
                array.Insert(index, working);
                break;
            case var found:
                if (found == Found.Null)
                {
                    _builder.Test(arrayPointer, null);
                }
                // The whole array, added under its parent (CanInsert established that it is an object).
                _builder.AddOwned(arrayPointer, new JsonArray(node ?? element!.ToNode()));
                _arrays[arrayPointer] = WorkingArray.Holding(working);
                break;
        }
    }

    private void AddValue(JsonPointer path, JsonNode? node, RequestElementValue? element)
    {
        if (element is null)
        {
            _builder.AddOwned(path, node);
        }
        else
        {
            _builder.Add(JsonPatchOperation.AddElement(path, element));
        }
    }

    /// <summary>Tests an array element by its name when it has one, else as a whole.</summary>
    private void Guard(JsonPointer elementPointer, WorkingElement element)
    {
        if (element.TryGetRequestName(out var token))
        {
            // The request's own name token, written and compared as its bytes: no node, no copy per guard.
            _builder.Add(JsonPatchOperation.TestToken(elementPointer.Append("name"), token));
            return;
        }
        if (element.TryGetName(out var name))
        {
            _builder.Test(elementPointer.Append("name"), name);
            return;
        }
        _builder.Test(elementPointer, element.Value());
    }

    /// <summary>What is at <paramref name="arrayPointer"/> now; an array found is listed once and kept as the patch changes it.</summary>
    private Found Read(JsonPointer arrayPointer, out WorkingArray? array)
    {
        if (_arrays.TryGetValue(arrayPointer, out array))
        {
            return Found.Array;
        }
        if (!JsonElementView.TryGet(document, arrayPointer, out var element))
        {
            return Found.Missing;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                array = WorkingArray.Over(element);
                _arrays[arrayPointer] = array;
                return Found.Array;
            case JsonValueKind.Null:
                return Found.Null;
            default:
                return Found.Other;
        }
    }

    private enum Found
    {
        Missing,
        Null,
        Array,
        Other,
    }
}
