using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>
/// Mutable JSON trees over a parsed request without copying it. A node made here reads its members from the
/// <see cref="JsonElement"/> only when they are first touched, and only one level at a time: patching the 6,001st
/// interface of a VM builds the path down to it and that interface's members, not a tree of the whole object (which
/// <c>JsonNode.Parse(element.GetRawText())</c> plus <c>DeepClone</c> did, at a hundred bytes and more per body byte).
/// Scalars stay element-backed, so <see cref="JsonText"/> writes them as the very tokens the request carried. The
/// element's document must outlive the view (the transport keeps it until the answer is written); values that leave
/// the view go through <see cref="JsonNode.DeepClone"/> (as <see cref="JsonPatchBuilder"/> does), which detaches them.
/// </summary>
public static class JsonElementView
{
    /// <summary>A private, lazily built tree over <paramref name="element"/>; JSON null is null.</summary>
    public static JsonNode? Over(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        JsonValueKind.Null => null,
        JsonValueKind.Undefined => throw new ArgumentException("an undefined JSON element has no tree", nameof(element)),
        _ => JsonValue.Create(element),
    };

    /// <summary>The element at <paramref name="pointer"/> inside <paramref name="root"/>; false when a segment is missing.</summary>
    public static bool TryGet(JsonElement root, JsonPointer pointer, out JsonElement element)
    {
        element = root;
        foreach (var segment in pointer.SegmentSpan)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(segment, out var child))
            {
                element = child;
            }
            else if (element.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < element.GetArrayLength())
            {
                element = element[index];
            }
            else
            {
                element = default;
                return false;
            }
        }
        return true;
    }
}
