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
    private readonly SegmentedList<OverlaySlot>? _items;

    /// <summary>
    /// The first member added or replaced, kept inline: a patch adds one member to most objects it touches (a bridge per
    /// interface), and a list per object was the largest part of the proof's cost for thousands of them.
    /// </summary>
    private string? _firstName;
    private OverlaySlot _firstValue;

    /// <summary>Further members added or replaced, in order.</summary>
    private List<KeyValuePair<string, OverlaySlot>>? _members;

    /// <summary>Positions in <see cref="_members"/> by name, once an object has taken more than a few (stays linear).</summary>
    private Dictionary<string, int>? _memberIndex;

    private const int MembersScannedLinearly = 8;

    private OverlayContainer(JsonElement obj, SegmentedList<OverlaySlot>? items)
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
        var items = new SegmentedList<OverlaySlot>();
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
        if (string.Equals(_firstName, name, StringComparison.Ordinal))
        {
            value = _firstValue;
            return true;
        }
        if (FindMember(name) is var position and >= 0)
        {
            value = _members![position].Value;
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
    public void SetMember(string name, OverlaySlot value)
    {
        if (_firstName is null || string.Equals(_firstName, name, StringComparison.Ordinal))
        {
            _firstName = name;
            _firstValue = value;
            return;
        }
        var position = FindMember(name);
        _members ??= new(2);
        if (position >= 0)
        {
            _members[position] = new(name, value);
            return;
        }
        _members.Add(new(name, value));
        if (_memberIndex is not null)
        {
            _memberIndex[name] = _members.Count - 1;
        }
        else if (_members.Count > MembersScannedLinearly)
        {
            _memberIndex = new(StringComparer.Ordinal);
            for (var i = 0; i < _members.Count; i++)
            {
                _memberIndex[_members[i].Key] = i;
            }
        }
    }

    private int FindMember(string name)
    {
        if (_memberIndex is not null)
        {
            return _memberIndex.TryGetValue(name, out var position) ? position : -1;
        }
        for (var i = 0; i < (_members?.Count ?? 0); i++)
        {
            if (string.Equals(_members![i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

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
        if (_firstName is not null)
        {
            obj[_firstName] = _firstValue.ToNode();
        }
        foreach (var (name, value) in _members ?? [])
        {
            obj[name] = value.ToNode();
        }
        return obj;
    }
}
