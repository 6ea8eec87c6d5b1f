using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdmissionWebhook.Patching;

/// <summary>Writes and reads the RFC 6902 wire form without reflection.</summary>
public static class JsonPatchSerializer
{
    /// <summary>
    /// UTF-8 JSON bytes of the patch, as sent (base64-encoded) in an AdmissionResponse. Values go through
    /// <see cref="JsonText"/>: a value read from the request keeps its raw text (a <c>test</c> must match the API
    /// server's bytes), a value built here is written readably (no <c>\u0022</c> for a quote).
    /// </summary>
    public static byte[] ToUtf8Bytes(IReadOnlyList<JsonPatchOperation> operations) => Encoding.UTF8.GetBytes(ToJson(operations));

    public static string ToJson(IReadOnlyList<JsonPatchOperation> operations)
    {
        var builder = new StringBuilder(256).Append('[');
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            builder.Append(i == 0 ? "{" : ",{").Append("\"op\":");
            JsonText.WriteString(builder, operation.Op, JsonEscaping.Readable);
            if (operation.From is { } from)
            {
                builder.Append(",\"from\":");
                JsonText.WriteString(builder, from.ToString(), JsonEscaping.Readable);
            }
            builder.Append(",\"path\":");
            JsonText.WriteString(builder, operation.Path.ToString(), JsonEscaping.Readable);
            if (operation.HasValue)
            {
                builder.Append(",\"value\":").Append(JsonText.ToJson(operation.Value));
            }
            builder.Append('}');
        }
        return builder.Append(']').ToString();
    }

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
