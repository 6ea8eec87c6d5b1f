using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// An array of the request as the patch so far leaves it, for <see cref="PatchSession"/>: the request's elements stay
/// <see cref="JsonElement"/>s (a struct each, no node), inserted values are the operations' own nodes, and members added
/// to an element are kept beside it. Listed on first use, once, so each guard and insertion after that reads an element
/// by index in O(1) (in segments, so no listing of a large array lands on the large-object heap); a tree of the array (a node and a member dictionary per element, in the working copy and again in
/// the apply proof) is what the session built before.
/// </summary>
internal sealed class WorkingArray
{
    private readonly JsonElement _original;
    private SegmentedList<WorkingElement>? _elements;

    private WorkingArray(JsonElement original, SegmentedList<WorkingElement>? elements)
    {
        _original = original;
        _elements = elements;
    }

    /// <summary>The request's array, listed when first indexed.</summary>
    public static WorkingArray Over(JsonElement array) => new(array, null);

    /// <summary>An array the patch adds whole, holding <paramref name="first"/>.</summary>
    public static WorkingArray Holding(WorkingElement first) => new(default, new SegmentedList<WorkingElement>([first]));

    public int Count => _elements?.Count ?? _original.GetArrayLength();

    public WorkingElement this[int index] => Elements[index];

    /// <summary>Inserts at <paramref name="index"/>; the count appends.</summary>
    public void Insert(int index, WorkingElement value) => Elements.Insert(index, value);

    public void AddMember(int index, string member, JsonNode value) => Elements[index] = Elements[index].WithMember(member, value);

    private SegmentedList<WorkingElement> Elements
    {
        get
        {
            if (_elements is null)
            {
                _elements = new SegmentedList<WorkingElement>();
                foreach (var element in _original.EnumerateArray())
                {
                    _elements.Add(WorkingElement.Of(element));
                }
            }
            return _elements;
        }
    }
}
