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
    public static byte[] ToUtf8Bytes(IReadOnlyList<JsonPatchOperation> operations)
    {
        // Encoded chunk by chunk: a patch of thousands of operations never exists as one string (a large-object-heap
        // allocation of twice its size in UTF-16), only as the builder's small chunks and the bytes sent. The encoder
        // carries a surrogate pair split across two chunks; a first pass into a scratch buffer counts the bytes.
        var builder = Write(operations);
        var encoder = Encoding.UTF8.GetEncoder();
        Span<byte> scratch = stackalloc byte[1024];
        var length = 0;
        Encode(builder, encoder, scratch, countOnly: true, ref length);
        var bytes = new byte[length];
        var written = 0;
        encoder.Reset();
        Encode(builder, encoder, bytes, countOnly: false, ref written);
        return bytes;
    }

    private static void Encode(StringBuilder builder, Encoder encoder, Span<byte> target, bool countOnly, ref int written)
    {
        var remaining = builder.Length;
        foreach (var chunk in builder.GetChunks())
        {
            remaining -= chunk.Length;
            var chars = chunk.Span;
            bool completed;
            do
            {
                encoder.Convert(chars, countOnly ? target : target[written..], flush: remaining == 0, out var used, out var produced, out completed);
                chars = chars[used..];
                written += produced;
            }
            while (!completed || chars.Length > 0);
        }
    }

    public static string ToJson(IReadOnlyList<JsonPatchOperation> operations) => Write(operations).ToString();

    private static StringBuilder Write(IReadOnlyList<JsonPatchOperation> operations)
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
                from.WriteJsonString(builder);
            }
            builder.Append(",\"path\":");
            operation.Path.WriteJsonString(builder);
            if (operation.HasValue)
            {
                builder.Append(",\"value\":");
                JsonText.Write(builder, operation.Value, JsonEscaping.Readable);
            }
            builder.Append('}');
        }
        return builder.Append(']');
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
