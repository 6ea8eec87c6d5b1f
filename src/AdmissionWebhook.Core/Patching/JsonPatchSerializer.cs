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
        // Written as UTF-8 into one pooled buffer: a patch of thousands of operations never exists as UTF-16 text,
        // and the bytes sent are its only allocation.
        using var buffer = new Utf8TextBuffer(EstimatedLength(operations.Count));
        Write(buffer, operations);
        return buffer.ToArray();
    }

    /// <summary>
    /// The patch's UTF-8 bytes in the segments they were written into, for the answer to encode as base64 piece by
    /// piece (<see cref="PatchPayload.WriteBase64"/>): no copy, and no array of the patch on the large-object heap.
    /// </summary>
    public static PatchPayload ToPayload(IReadOnlyList<JsonPatchOperation> operations)
    {
        using var buffer = new Utf8TextBuffer(EstimatedLength(operations.Count));
        Write(buffer, operations);
        return buffer.TakePayload();
    }

    public static string ToJson(IReadOnlyList<JsonPatchOperation> operations)
    {
        using var buffer = new Utf8TextBuffer(EstimatedLength(operations.Count));
        Write(buffer, operations);
        return buffer.ToUtf8String();
    }

    /// <summary>A first guess of the patch's size (the mutators' operations take 60-150 bytes); the buffer grows past it.</summary>
    private static int EstimatedLength(int operationCount) => (int)Math.Min(256L + (96L * operationCount), Utf8TextBuffer.SegmentBytes);

    private static void Write(Utf8TextBuffer buffer, IReadOnlyList<JsonPatchOperation> operations)
    {
        buffer.Write((byte)'[');
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            buffer.Write(i == 0 ? "{\"op\":"u8 : ",{\"op\":"u8);
            JsonText.WriteString(buffer, operation.Op, JsonEscaping.Readable);
            if (operation.From is { } from)
            {
                buffer.Write(",\"from\":"u8);
                from.WriteJsonString(buffer);
            }
            buffer.Write(",\"path\":"u8);
            operation.Path.WriteJsonString(buffer);
            if (operation.HasValue)
            {
                buffer.Write(",\"value\":"u8);
                if (operation.RequestElement is { } element)
                {
                    element.Write(buffer, JsonEscaping.Readable);
                }
                else if (operation.RawToken is { } token)
                {
                    // The request's own token, as its bytes (no node built for it).
                    buffer.Write(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(token));
                }
                else
                {
                    JsonText.Write(buffer, operation.Value, JsonEscaping.Readable);
                }
            }
            buffer.Write((byte)'}');
        }
        buffer.Write((byte)']');
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
