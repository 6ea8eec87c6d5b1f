using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>
/// The wire form of a large patch is written once, as the UTF-8 bytes sent: no UTF-16 copy of it, no string per raw
/// token. Allocation counts, never time.
/// </summary>
public sealed class PatchWritingCostTests
{
    [Fact]
    public void A_large_patch_allocates_little_more_than_its_bytes()
    {
        using var document = JsonDocument.Parse(Interfaces(6_000));
        var interfaces = document.RootElement.GetProperty("interfaces");
        var operations = new List<JsonPatchOperation>();
        var index = 0;
        foreach (var element in interfaces.EnumerateArray())
        {
            // What the VM mutator writes per hot-plugged interface: a guard with the request's token, then bridge: {}.
            operations.Add(new(JsonPatchOperation.TestOp, JsonPointer.Of("interfaces", $"{index}", "name"), JsonValue.Create(element.GetProperty("name"))));
            operations.Add(new(JsonPatchOperation.AddOp, JsonPointer.Of("interfaces", $"{index++}", "bridge"), new JsonObject()));
        }
        JsonPatchSerializer.ToUtf8Bytes(operations); // JIT and the pool's first buffers

        var before = GC.GetAllocatedBytesForCurrentThread();
        var bytes = JsonPatchSerializer.ToUtf8Bytes(operations);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Written as UTF-16 first and then encoded, with one string per token, this took more than three times the bytes.
        Assert.True(allocated < bytes.Length * 5 / 4, $"a {bytes.Length}-byte patch allocated {allocated} bytes to write");
        Assert.StartsWith("""[{"op":"test","path":"/interfaces/0/name","value":"if\u00300"},{"op":"add","path":"/interfaces/0/bridge","value":{}}""",
            Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(JsonPatchSerializer.ToJson(operations), Encoding.UTF8.GetString(bytes));
    }

    /// <summary>Names escaped as a client may send them (<c>\u0030</c> for 0): the patch must carry that very token.</summary>
    private static string Interfaces(int count)
    {
        var builder = new StringBuilder("""{"interfaces":[""");
        for (var i = 0; i < count; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append($$"""{"name":"if\u0030{{i}}"}""");
        }
        return builder.Append("]}").ToString();
    }
}
