using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Rules.VirtualMachines;

/// <summary>
/// One element of a <see cref="WorkingArray"/>: the request's element as it is (no node built for it), or a value the
/// patch inserted, plus the members the patch added to it (latest first). The inserted value and the added members
/// belong to the patch's operations and are never changed here; what an element looks like now is read through both.
/// </summary>
internal readonly record struct WorkingElement(JsonElement Original, JsonNode? Inserted, AddedMember? Added)
{
    public bool IsInserted => Original.ValueKind == JsonValueKind.Undefined;

    public static WorkingElement Of(JsonElement original) => new(original, null, null);

    public static WorkingElement Of(JsonNode inserted) => new(default, inserted, null);

    /// <summary>An object of the request the patch inserts (a restored entry), with the member set over it.</summary>
    public static WorkingElement Of(Patching.RequestElementValue inserted) =>
        new(inserted.Element, null, inserted.Member is { } member ? new AddedMember(member, inserted.MemberValue!, null) : null);

    /// <summary>True for an object element, which can take a member.</summary>
    public bool IsObject => IsInserted ? Inserted is JsonObject : Original.ValueKind == JsonValueKind.Object;

    /// <summary>
    /// The element's <c>name</c> as the request's own string token, when the element is the request's and the patch
    /// added no <c>name</c> to it: a guard then states those bytes (<see cref="Patching.JsonPatchOperation.TestToken"/>).
    /// </summary>
    public bool TryGetRequestName(out JsonElement token)
    {
        token = default;
        return !IsInserted && Added?.Latest("name") is null && Original.ValueKind == JsonValueKind.Object
            && Original.TryGetProperty("name", out token) && token.ValueKind == JsonValueKind.String;
    }

    /// <summary>The element's <c>name</c> when it is a string, as a node for a <c>test</c>.</summary>
    public bool TryGetName(out JsonNode? name)
    {
        name = null;
        if (Added?.Latest("name") is { } added)
        {
            name = added.Value;
            return added.Value is JsonValue value && value.GetValueKind() == JsonValueKind.String;
        }
        if (IsInserted)
        {
            if (Inserted is JsonObject obj && obj["name"] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                name = value;
                return true;
            }
            return false;
        }
        if (Original.ValueKind == JsonValueKind.Object && Original.TryGetProperty("name", out var element) && element.ValueKind == JsonValueKind.String)
        {
            name = JsonValue.Create(element);
            return true;
        }
        return false;
    }

    /// <summary>The element as a whole, with the members added to it (only a nameless element is tested whole).</summary>
    public JsonNode? Value()
    {
        var value = IsInserted ? Inserted : Patching.JsonElementView.Over(Original);
        if (Added is null)
        {
            return value;
        }
        var obj = IsInserted ? (JsonObject)value!.DeepClone() : (JsonObject)value!;
        foreach (var added in Added.InOrder())
        {
            obj[added.Name] = added.Value.DeepClone();
        }
        return obj;
    }

    /// <summary>This element with <paramref name="member"/> added (an <c>add</c> on an object replaces a member it has).</summary>
    public WorkingElement WithMember(string member, JsonNode value) => this with { Added = new AddedMember(member, value, Added) };
}
