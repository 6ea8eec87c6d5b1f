using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>
/// An object or array of the request that a <see cref="PatchOverlay"/> walked into: an array is listed once (so each
/// index is O(1) after it, where <see cref="JsonElement"/>'s indexer walks an array of objects from its start) and then
/// edited in the list; an object keeps its element and the members operations added or replaced beside it.
/// </summary>
internal sealed class OverlayContainer
{
    private readonly JsonElement _object;
    private readonly List<OverlaySlot>? _items;
    private Dictionary<string, OverlaySlot>? _members;

    private OverlayContainer(JsonElement obj, List<OverlaySlot>? items)
    {
        _object = obj;
        _items = items;
    }

    public static OverlayContainer Over(JsonElement container)
    {
        if (container.ValueKind == JsonValueKind.Object)
        {
            return new OverlayContainer(container, null);
        }
        var items = new List<OverlaySlot>(container.GetArrayLength() + 1);
        foreach (var item in container.EnumerateArray())
        {
            items.Add(OverlaySlot.Of(item));
        }
        return new OverlayContainer(default, items);
    }

    public bool IsArray => _items is not null;

    public int Count => _items!.Count;

    public bool TryGetMember(string name, out OverlaySlot value)
    {
        if (_members is not null && _members.TryGetValue(name, out value))
        {
            return true;
        }
        if (_object.TryGetProperty(name, out var element))
        {
            value = OverlaySlot.Of(element);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Adds or replaces a member (RFC 6902 <c>add</c> on an object).</summary>
    public void SetMember(string name, OverlaySlot value) => (_members ??= new(StringComparer.Ordinal))[name] = value;

    public OverlaySlot this[int index]
    {
        get => _items![index];
        set => _items![index] = value;
    }

    public void Insert(int index, OverlaySlot value) => _items!.Insert(index, value);

    public JsonNode ToNode()
    {
        if (_items is not null)
        {
            var array = new JsonArray();
            foreach (var item in _items)
            {
                array.Add(item.ToNode());
            }
            return array;
        }
        var obj = JsonObject.Create(_object)!;
        foreach (var (name, value) in _members ?? [])
        {
            obj[name] = value.ToNode();
        }
        return obj;
    }
}
