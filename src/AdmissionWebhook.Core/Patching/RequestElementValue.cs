using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>
/// An operation's value that is an object of the request (an entry the mutator restores from the old object), with
/// at most one member set over it (a restored interface's <c>state: absent</c>). It stays the request's element: the
/// writer walks it, writing its tokens as the request's bytes, and the proof overlays it, so restoring thousands of
/// entries builds no tree (a node, a member table and a node per member each, which was most of what such a patch
/// allocated). <see cref="ToNode"/> builds the tree for anyone who asks for <see cref="JsonPatchOperation.Value"/>.
/// The element's document must outlive the operation, as the transport keeps the request until the answer is written.
/// </summary>
internal sealed class RequestElementValue
{
    private RequestElementValue(JsonElement element, string? member, JsonNode? memberValue)
    {
        Element = element;
        Member = member;
        MemberValue = memberValue;
    }

    public JsonElement Element { get; }

    /// <summary>The member set over the element (added, or replacing the element's own in place), or null.</summary>
    public string? Member { get; }

    public JsonNode? MemberValue { get; }

    /// <summary>
    /// <paramref name="element"/>, an object of the request, with <paramref name="member"/> set to
    /// <paramref name="memberValue"/> when a member is named.
    /// </summary>
    public static RequestElementValue Of(JsonElement element, string? member = null, JsonNode? memberValue = null) =>
        element.ValueKind != JsonValueKind.Object && member is not null
            ? throw new ArgumentException("only an object takes a member", nameof(element))
            : new(element, member, memberValue);

    /// <summary>The value as a tree, as <see cref="JsonObject.Create(JsonElement, JsonNodeOptions?)"/> plus the member would be.</summary>
    public JsonNode? ToNode()
    {
        var node = JsonElementView.Over(Element);
        if (Member is not null)
        {
            node![Member] = MemberValue?.DeepClone();
        }
        return node;
    }

    /// <summary>The value for a <see cref="PatchOverlay"/>: the element, as a container edited by the member when one is set.</summary>
    public OverlaySlot ToSlot()
    {
        if (Member is null)
        {
            return OverlaySlot.Of(Element);
        }
        var container = OverlayContainer.Over(Element);
        container.SetMember(Member, OverlaySlot.Of(MemberValue));
        return OverlaySlot.Of(container);
    }

    /// <summary>
    /// Writes the value as <see cref="JsonText.Write(Utf8TextBuffer, JsonNode?, JsonEscaping)"/> writes <see cref="ToNode"/>: members in order (the member set
    /// over the element in the place of the element's own, else last), names escaped readably, scalars as their raw
    /// tokens, no whitespace.
    /// </summary>
    public void Write(Utf8TextBuffer buffer, JsonEscaping escaping)
    {
        if (Member is null)
        {
            JsonText.Write(buffer, Element, escaping);
            return;
        }
        buffer.Write((byte)'{');
        var first = true;
        var replaced = false;
        foreach (var property in Element.EnumerateObject())
        {
            if (!first)
            {
                buffer.Write((byte)',');
            }
            first = false;
            JsonText.WriteMemberName(buffer, property, escaping);
            if (!replaced && property.NameEquals(Member))
            {
                // JsonObject keeps a replaced member in its place (the request has no duplicated names: the transport
                // refuses them).
                replaced = true;
                JsonText.Write(buffer, MemberValue, escaping);
                continue;
            }
            JsonText.Write(buffer, property.Value, escaping);
        }
        if (!replaced)
        {
            if (!first)
            {
                buffer.Write((byte)',');
            }
            JsonText.WriteString(buffer, Member, escaping);
            buffer.Write((byte)':');
            JsonText.Write(buffer, MemberValue, escaping);
        }
        buffer.Write((byte)'}');
    }
}
