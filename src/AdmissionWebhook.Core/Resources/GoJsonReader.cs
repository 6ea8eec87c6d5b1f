using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Resources;

/// <summary>
/// Reads JSON text into a <see cref="JsonNode"/> tree the way Go's encoding/json reads it, for the CNI config that
/// Multus and the CNI plugins parse with Go: a duplicate member takes the last value (at the first one's place), and a
/// <c>\u</c> escape of a lone surrogate (or a byte that is no UTF-8) becomes U+FFFD. What Go refuses (syntax errors,
/// trailing text) throws <see cref="JsonException"/>. Cost is linear in the text.
/// </summary>
internal static class GoJsonReader
{
    private static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    /// <exception cref="JsonException">The text is not one JSON value.</exception>
    public static JsonNode? Parse(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), Options);
        if (!reader.Read())
        {
            throw new JsonException("the config is empty");
        }
        var node = ReadValue(ref reader);
        if (reader.Read())
        {
            throw new JsonException("the config has text after its JSON value");
        }
        return node;
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = ReadString(ref reader);
                    reader.Read();
                    obj[name] = ReadValue(ref reader);
                }
                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader));
                }
                return array;
            case JsonTokenType.String:
                return JsonValue.Create(ReadString(ref reader));
            case JsonTokenType.Number:
                // Kept as written (a JsonElement), so no precision is lost and it is written back the same.
                return JsonValue.Create(JsonElement.ParseValue(ref reader));
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    /// <summary>A string or property name, decoded as Go decodes it.</summary>
    private static string ReadString(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            return Encoding.UTF8.GetString(raw);
        }
        var builder = new StringBuilder(raw.Length);
        var i = 0;
        while (i < raw.Length)
        {
            var backslash = raw[i..].IndexOf((byte)'\\');
            if (backslash < 0)
            {
                builder.Append(Encoding.UTF8.GetString(raw[i..]));
                break;
            }
            builder.Append(Encoding.UTF8.GetString(raw.Slice(i, backslash)));
            i += backslash;
            // The reader has validated the escapes: a known letter, or u and four hex digits.
            var letter = (char)raw[i + 1];
            if (letter != 'u')
            {
                builder.Append(letter switch
                {
                    'b' => '\b',
                    'f' => '\f',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => letter, // " \ /
                });
                i += 2;
                continue;
            }
            var unit = CodeUnit(raw, i);
            i += 6;
            if (!char.IsSurrogate(unit))
            {
                builder.Append(unit);
            }
            else if (char.IsHighSurrogate(unit) && i + 6 <= raw.Length && raw[i] == (byte)'\\' && raw[i + 1] == (byte)'u'
                && CodeUnit(raw, i) is var low && char.IsLowSurrogate(low))
            {
                builder.Append(unit).Append(low);
                i += 6;
            }
            else
            {
                builder.Append('\uFFFD');
            }
        }
        return builder.ToString();
    }

    private static char CodeUnit(ReadOnlySpan<byte> raw, int at) =>
        (char)int.Parse(Encoding.ASCII.GetString(raw.Slice(at + 2, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
