using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>
/// Compact JSON text with control over every byte. kube-apiserver applies a patch with evanphx/json-patch, whose
/// <c>test</c> compares the JSON text of scalars, not their decoded values; so a value read from the request must go
/// back out as the very token the request carried. This writer keeps such tokens: a <see cref="JsonValue"/> parsed
/// from JSON (it wraps a <see cref="JsonElement"/>) is written as its raw text, and only values built in code are
/// encoded, with the chosen <see cref="JsonEscaping"/>. System.Text.Json's own writer would re-escape both (a quote
/// as <c>\u0022</c>), which Go reads as the same string but not as the same text.
/// </summary>
public static partial class JsonText
{
    /// <summary>The compact text of <paramref name="node"/> (null is JSON null).</summary>
    public static string ToJson(JsonNode? node, JsonEscaping escaping = JsonEscaping.Readable)
    {
        using var buffer = new Utf8TextBuffer();
        Write(buffer, node, escaping);
        return buffer.ToUtf8String();
    }

    /// <summary>The compact UTF-8 text of <paramref name="node"/>.</summary>
    public static byte[] ToUtf8Bytes(JsonNode? node, JsonEscaping escaping = JsonEscaping.Readable)
    {
        using var buffer = new Utf8TextBuffer();
        Write(buffer, node, escaping);
        return buffer.ToArray();
    }

    /// <summary>A detached element holding <paramref name="node"/> as written with <paramref name="escaping"/>.</summary>
    public static JsonElement ToElement(JsonNode? node, JsonEscaping escaping)
    {
        using var document = JsonDocument.Parse(ToUtf8Bytes(node, escaping));
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The value at <paramref name="pointer"/> inside <paramref name="root"/>, keeping its raw text (see the class
    /// remarks); null when a segment is missing. Use it for every value a <c>test</c> operation states.
    /// </summary>
    public static bool TryGetRaw(JsonElement root, JsonPointer pointer, out JsonNode? value)
    {
        value = null;
        if (!JsonElementView.TryGet(root, pointer, out var element))
        {
            return false;
        }
        value = JsonNode.Parse(element.GetRawText());
        return true;
    }

    /// <summary>
    /// evanphx/json-patch's <c>test</c> equality: objects by their members (any order), arrays element by element,
    /// scalars by their compact JSON text, so <c>"\u0022"</c> and <c>"\""</c> differ, as do <c>1</c> and <c>1.0</c>.
    /// </summary>
    public static bool TextEquals(JsonNode? left, JsonNode? right)
    {
        switch (left, right)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (JsonObject a, JsonObject b):
                if (a.Count != b.Count)
                {
                    return false;
                }
                foreach (var (key, value) in a)
                {
                    if (!b.TryGetPropertyValue(key, out var other) || !TextEquals(value, other))
                    {
                        return false;
                    }
                }
                return true;
            case (JsonArray a, JsonArray b):
                if (a.Count != b.Count)
                {
                    return false;
                }
                for (var i = 0; i < a.Count; i++)
                {
                    if (!TextEquals(a[i], b[i]))
                    {
                        return false;
                    }
                }
                return true;
            case (JsonValue a, JsonValue b) when a.TryGetValue<JsonElement>(out var x) && b.TryGetValue<JsonElement>(out var y)
                && x.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array) && y.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array):
                // Both tokens as the request carried them: compare their bytes, no text built (a guard per operation).
                return System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(x).SequenceEqual(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(y));
            case (JsonValue a, JsonValue b):
                return string.Equals(ToJson(a), ToJson(b), StringComparison.Ordinal);
            default:
                return false;
        }
    }

    /// <summary>A JSON string literal; see <see cref="JsonEscaping"/> for what each style escapes.</summary>
    public static void WriteString(StringBuilder builder, string text, JsonEscaping escaping)
    {
        using var buffer = new Utf8TextBuffer();
        WriteString(buffer, text, escaping);
        builder.Append(buffer.ToUtf8String());
    }

    /// <summary>
    /// The one writer behind every form above: UTF-8 straight into <paramref name="buffer"/>, raw tokens copied as the
    /// request's bytes (no string per token), so a patch of thousands of operations is written once, as sent.
    /// </summary>
    internal static void Write(Utf8TextBuffer buffer, JsonNode? node, JsonEscaping escaping)
    {
        switch (node)
        {
            case null:
                buffer.Write("null"u8);
                return;
            case JsonObject { Count: 0 }:
                // The mutators' bridge: {} and the like, thousands per large patch: no enumerator for nothing.
                buffer.Write("{}"u8);
                return;
            case JsonObject obj:
                buffer.Write((byte)'{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!first)
                    {
                        buffer.Write((byte)',');
                    }
                    first = false;
                    WriteString(buffer, key, escaping);
                    buffer.Write((byte)':');
                    Write(buffer, value, escaping);
                }
                buffer.Write((byte)'}');
                return;
            case JsonArray array:
                buffer.Write((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        buffer.Write((byte)',');
                    }
                    Write(buffer, array[i], escaping);
                }
                buffer.Write((byte)']');
                return;
            case JsonValue value when value.TryGetValue<JsonElement>(out var element):
                // A parsed scalar: its raw token, the very bytes the request carried. Never a container: System.Text.Json
                // builds no JsonValue over an object or array (JsonValue.Create refuses one, parsing gives JsonObject and
                // JsonArray; A_parsed_value_is_a_scalar_token_and_never_a_container pins both), so no member-by-member
                // branch is needed here.
                buffer.Write(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element));
                return;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WriteString(buffer, value.GetValue<string>(), escaping);
                return;
            default:
                // Numbers and booleans built in code: their invariant text has nothing to escape.
                buffer.WriteChars(node.ToJsonString());
                return;
        }
    }

    /// <summary>A JSON string literal in UTF-8; see <see cref="JsonEscaping"/> for what each style escapes.</summary>
    internal static void WriteString(Utf8TextBuffer buffer, ReadOnlySpan<char> text, JsonEscaping escaping)
    {
        buffer.Write((byte)'"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    buffer.Write("\\\""u8);
                    break;
                case '\\':
                    buffer.Write("\\\\"u8);
                    break;
                case '\n':
                    buffer.Write("\\n"u8);
                    break;
                case '\r':
                    buffer.Write("\\r"u8);
                    break;
                case '\t':
                    buffer.Write("\\t"u8);
                    break;
                case < ' ':
                case '\u2028' or '\u2029':
                case '<' or '>' or '&' when escaping == JsonEscaping.Go:
                    WriteUnicodeEscape(buffer, c);
                    break;
                case < '\u0080':
                    buffer.Write((byte)c);
                    break;
                case >= '\uD800' and <= '\uDBFF' when i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]):
                    buffer.Write(new Rune(c, text[++i]));
                    break;
                case >= '\uD800' and <= '\uDFFF':
                    // A lone surrogate has no UTF-8 form: Go decodes one to U+FFFD and writes that character, as we do.
                    buffer.Write(Rune.ReplacementChar);
                    break;
                default:
                    buffer.Write(new Rune(c));
                    break;
            }
        }
        buffer.Write((byte)'"');
    }

    private static void WriteUnicodeEscape(Utf8TextBuffer buffer, char c)
    {
        ReadOnlySpan<byte> hex = "0123456789abcdef"u8;
        buffer.Write("\\u"u8);
        buffer.Write(hex[(c >> 12) & 0xF]);
        buffer.Write(hex[(c >> 8) & 0xF]);
        buffer.Write(hex[(c >> 4) & 0xF]);
        buffer.Write(hex[c & 0xF]);
    }
}
