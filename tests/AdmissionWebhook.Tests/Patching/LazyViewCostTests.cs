using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>
/// The apply proof and the mutators' working copy read lazy views of the request (<see cref="JsonElementView"/>): a
/// patch touching a few members of a large object builds the path to them, never a tree of the object. Allocation
/// counts, never time.
/// </summary>
public sealed class LazyViewCostTests
{
    [Fact]
    public void Proving_a_small_patch_on_a_large_object_allocates_a_fraction_of_a_tree_of_it()
    {
        using var document = JsonDocument.Parse(LargeObject(6_000));
        JsonPatchOperation[] patch =
        [
            new("test", JsonPointer.Parse("/spec/interfaces/5999/name"), JsonValue.Create("if5999")),
            new("add", JsonPointer.Parse("/spec/interfaces/5999/bridge"), new JsonObject()),
        ];
        JsonPatchApplier.Apply(document.RootElement, patch); // JIT
        JsonPatchApplier.Apply(JsonNode.Parse(document.RootElement.GetRawText()), patch);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = JsonPatchApplier.Apply(document.RootElement, patch);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // What the proof cost before: a tree of the whole object (parsed from its text, then copied by the applier).
        before = GC.GetAllocatedBytesForCurrentThread();
        JsonPatchApplier.Apply(JsonNode.Parse(document.RootElement.GetRawText()), patch);
        var tree = GC.GetAllocatedBytesForCurrentThread() - before;

        // One small node per element of the array on the path, nothing per member of the elements not touched.
        Assert.True(allocated * 3 < tree, $"proving a 2-operation patch allocated {allocated} bytes; a tree of the object costs {tree}");
        Assert.Equal("""{"name":"if5999","mac":"02:00:00:00:00:01","bridge":{}}""", JsonText.ToJson(result!["spec"]!["interfaces"]![5999]));
        Assert.Equal("""{"name":"if0","mac":"02:00:00:00:00:01"}""", JsonText.ToJson(result["spec"]!["interfaces"]![0]));
    }

    [Fact]
    public void A_view_keeps_the_request_s_tokens_and_leaves_the_request_untouched()
    {
        const string Text = """{"a":{"s":"\u0041\"","n":1.50},"b":[1,2]}""";
        using var document = JsonDocument.Parse(Text);

        var patched = JsonPatchApplier.Apply(document.RootElement,
            [new("add", JsonPointer.Parse("/b/-"), JsonValue.Create(3)), new("test", JsonPointer.Parse("/a/n"), JsonNode.Parse("1.50"))]);

        Assert.Equal("""{"a":{"s":"\u0041\"","n":1.50},"b":[1,2,3]}""", JsonText.ToJson(patched));
        Assert.Equal(Text, document.RootElement.GetRawText());
        // The API server's test compares text: 1.5 is not the 1.50 the request carried.
        Assert.Throws<JsonPatchException>(() => JsonPatchApplier.Apply(document.RootElement, [new("test", JsonPointer.Parse("/a/n"), JsonNode.Parse("1.5"))]));
    }

    private static string LargeObject(int interfaces)
    {
        var builder = new StringBuilder("""{"spec":{"interfaces":[""");
        for (var i = 0; i < interfaces; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append($$"""{"name":"if{{i}}","mac":"02:00:00:00:00:01"}""");
        }
        return builder.Append("]}}").ToString();
    }
}
