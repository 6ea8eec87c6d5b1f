using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>
/// The wire bytes of a large patch are encoded chunk by chunk (no whole-string copy) and paths are written without
/// their strings: both must give exactly the bytes of the plain text form, whatever the chunk boundaries cut.
/// </summary>
public sealed class JsonPatchSerializerTests
{
    [Fact]
    public void Utf8_bytes_equal_the_text_form_when_surrogate_pairs_straddle_every_chunk_boundary()
    {
        var builder = new JsonPatchBuilder();
        // Paths and values of every odd length, each holding a pair (U+1F600), so some pair falls across the builder's
        // chunk boundaries; escaped segments and lone surrogates take the slow path of each writer.
        for (var i = 0; i < 3_000; i++)
        {
            var text = new string('x', i % 37) + "\U0001F600";
            builder.Add(JsonPointer.Of("metadata", "annotations", i % 7 == 0 ? $"a/b~{text}" : text),
                JsonValue.Create(i % 5 == 0 ? text + "\ud800" : text));
        }
        using var request = JsonDocument.Parse("""{"v":"\u00e9\ud83d\ude00\"","n":1.50}""");
        builder.Test(JsonPointer.Parse("/v"), JsonValue.Create(request.RootElement.GetProperty("v")));
        var patch = builder.Build();

        var bytes = JsonPatchSerializer.ToUtf8Bytes(patch);

        Assert.Equal(Encoding.UTF8.GetBytes(JsonPatchSerializer.ToJson(patch)), bytes);
        Assert.True(bytes.Length > 100_000, "the patch must span many chunks to test their boundaries");
        // The paths decode to the pointers they came from, and the raw token of the request's value is kept.
        var parsed = JsonPatchSerializer.Parse(Encoding.UTF8.GetString(bytes));
        Assert.Equal(patch.Select(op => op.Path), parsed.Select(op => op.Path));
        Assert.Contains("""{"op":"test","path":"/v","value":"\u00e9\ud83d\ude00\""}""", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Element_backed_scalars_test_equal_by_their_raw_token_only()
    {
        using var stored = JsonDocument.Parse("""["a\"b","a\u0022b",1.0,1.0,"x"]""");
        var items = stored.RootElement.EnumerateArray().Select(e => (JsonNode)JsonValue.Create(e)!).ToArray();

        Assert.False(JsonText.TextEquals(items[0], items[1]));
        Assert.True(JsonText.TextEquals(items[2], items[3]));
        Assert.True(JsonText.TextEquals(items[4], JsonValue.Create("x")));
        Assert.False(JsonText.TextEquals(items[2], JsonValue.Create(1)));
    }
}
