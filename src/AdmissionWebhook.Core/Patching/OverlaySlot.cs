using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>
/// A value in a <see cref="PatchOverlay"/>: an element of the request as it is, a node an operation put there (JSON
/// null is a null node), or a container of the request that operations changed.
/// </summary>
internal readonly record struct OverlaySlot(JsonElement Element, JsonNode? Node, OverlayContainer? Edited, bool IsNode)
{
    public static OverlaySlot Of(JsonElement element) => new(element, null, null, false);

    public static OverlaySlot Of(JsonNode? node) => new(default, node, null, true);

    public static OverlaySlot Of(OverlayContainer edited) => new(default, null, edited, false);

    /// <summary>The value as a tree (only whole containers compared by a <c>test</c> come here, which is rare).</summary>
    public JsonNode? ToNode() =>
        IsNode ? Node?.DeepClone() : Edited is { } edited ? edited.ToNode() : JsonElementView.Over(Element);
}
