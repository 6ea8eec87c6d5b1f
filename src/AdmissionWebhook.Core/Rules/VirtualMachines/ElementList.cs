using System.Text.Json;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// The elements of an array inside a request object, listed once on first use. <see cref="JsonElement"/>'s indexer walks
/// an array of objects from its start, so looking up each of n removed interfaces by index would cost O(n²); one
/// enumeration makes every lookup O(1). The elements are the request's own: the patch keeps them as they are
/// (<see cref="RequestElementValue"/>), writes their tokens as bytes and builds no node of them, so nothing copies
/// the request's (pooled) document, and no detached copy of the old object is made any more.
/// </summary>
internal sealed class ElementList(JsonElement root, JsonPointer arrayPointer)
{
    private JsonElement[]? _elements;

    /// <summary>The element at <paramref name="index"/>; the mutator asks only for indices the typed model read there.</summary>
    public JsonElement this[int index] => (_elements ??= List())[index];

    private JsonElement[] List()
    {
        if (!JsonElementView.TryGet(root, arrayPointer, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        // Sized once: a collection expression over the enumerator grows a list and copies it.
        var elements = new JsonElement[array.GetArrayLength()];
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            elements[i++] = element;
        }
        return elements;
    }
}
