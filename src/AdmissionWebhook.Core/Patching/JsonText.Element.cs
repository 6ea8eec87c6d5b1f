using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>The element half of <see cref="JsonText"/>: the request's own elements, under the same escaping contract.</summary>
public static partial class JsonText
{
    /// <summary>
    /// An element of the request, written as <see cref="Write(Utf8TextBuffer, JsonNode?, JsonEscaping)"/> writes the same
    /// value parsed into nodes: scalars as the request's own tokens, member names under the same escaping.
    /// </summary>
    internal static void Write(Utf8TextBuffer buffer, JsonElement element, JsonEscaping escaping)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                buffer.Write((byte)'{');
                var first = true;
                foreach (var property in element.EnumerateObject())
                {
                    if (!first)
                    {
                        buffer.Write((byte)',');
                    }
                    first = false;
                    WriteMemberName(buffer, property, escaping);
                    Write(buffer, property.Value, escaping);
                }
                buffer.Write((byte)'}');
                return;
            case JsonValueKind.Array:
                buffer.Write((byte)'[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        buffer.Write((byte)',');
                    }
                    firstItem = false;
                    Write(buffer, item, escaping);
                }
                buffer.Write((byte)']');
                return;
            default:
                buffer.Write(JsonMarshal.GetRawUtf8Value(element));
                return;
        }
    }

    /// <summary>
    /// A member name and its colon. A name the request wrote without escapes, in ASCII, is written as its bytes (what the
    /// escaping would write for it); any other is decoded and escaped as every other name here.
    /// </summary>
    internal static void WriteMemberName(Utf8TextBuffer buffer, JsonProperty property, JsonEscaping escaping)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        var plain = true;
        foreach (var b in raw)
        {
            plain &= b is >= 0x20 and < 0x80 and not (byte)'\\' and not (byte)'"'
                && (escaping != JsonEscaping.Go || b is not ((byte)'<' or (byte)'>' or (byte)'&'));
        }
        if (plain)
        {
            buffer.Write((byte)'"');
            buffer.Write(raw);
            buffer.Write((byte)'"');
        }
        else
        {
            WriteString(buffer, property.Name, escaping);
        }
        buffer.Write((byte)':');
    }
}
