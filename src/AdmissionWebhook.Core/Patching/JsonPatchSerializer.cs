using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>Writes and reads the RFC 6902 wire form without reflection.</summary>
public static class JsonPatchSerializer
{
    /// <summary>UTF-8 JSON bytes of the patch, as sent (base64-encoded) in an AdmissionResponse.</summary>
    public static byte[] ToUtf8Bytes(IReadOnlyList<JsonPatchOperation> operations)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var operation in operations)
            {
                writer.WriteStartObject();
                writer.WriteString("op", operation.Op);
                if (operation.From is { } from)
                {
                    writer.WriteString("from", from.ToString());
                }
                writer.WriteString("path", operation.Path.ToString());
                if (operation.HasValue)
                {
                    writer.WritePropertyName("value");
                    if (operation.Value is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        operation.Value.WriteTo(writer);
                    }
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static string ToJson(IReadOnlyList<JsonPatchOperation> operations) => Encoding.UTF8.GetString(ToUtf8Bytes(operations));

    /// <summary>Parses a JSON Patch document; throws <see cref="FormatException"/> on anything that is not one.</summary>
    public static IReadOnlyList<JsonPatchOperation> Parse(string json)
    {
        var operations = new List<JsonPatchOperation>();
        if (JsonNode.Parse(json) is not JsonArray array)
        {
            throw new FormatException("a JSON patch must be an array");
        }
        foreach (var item in array)
        {
            if (item is not JsonObject operation
                || operation["op"]?.GetValue<string>() is not { } op
                || operation["path"]?.GetValue<string>() is not { } path)
            {
                throw new FormatException("every JSON patch operation needs string members \"op\" and \"path\"");
            }
            JsonPointer? from = operation["from"]?.GetValue<string>() is { } text ? JsonPointer.Parse(text) : null;
            var hasValue = operation.TryGetPropertyValue("value", out var value);
            if (op is JsonPatchOperation.AddOp or JsonPatchOperation.ReplaceOp or JsonPatchOperation.TestOp && !hasValue)
            {
                throw new FormatException($"JSON patch operation \"{op}\" at \"{path}\" has no value");
            }
            operations.Add(new JsonPatchOperation(op, JsonPointer.Parse(path), value?.DeepClone(), from));
        }
        return operations;
    }
}
