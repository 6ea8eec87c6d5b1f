using System.Text.Json;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// The elements of an array inside a request object, listed once on first use. <see cref="JsonElement"/>'s indexer walks
/// an array of objects from its start, so looking up each of n removed interfaces by index would cost O(n²); one
/// enumeration makes every lookup O(1). The array is listed from a detached copy of the object (<c>JsonElement.Clone</c>,
/// made once and shared by the lists of one object): the values taken from it go into the patch as they are and are
/// cloned by the apply proof, and cloning an element of a detached document is free, whereas each element of the
/// request's (pooled) document would copy a small document per scalar, some kilobytes per restored interface against
/// one copy of the object.
/// </summary>
internal sealed class ElementList(Lazy<JsonElement> detachedRoot, JsonPointer arrayPointer)
{
    private JsonElement[]? _elements;

    /// <summary>The element at <paramref name="index"/>; the mutator asks only for indices the typed model read there.</summary>
    public JsonElement this[int index] => (_elements ??= List())[index];

    private JsonElement[] List() =>
        JsonElementView.TryGet(detachedRoot.Value, arrayPointer, out var array) && array.ValueKind == JsonValueKind.Array ? [.. array.EnumerateArray()] : [];
}
