using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Tests.TestSupport;
using CsCheck;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>
/// The JSON text the webhook writes: raw tokens kept byte for byte, built strings readable, the Go style identical to
/// Go's encoding/json (checked against Go itself), and json-patch's text equality.
/// </summary>
public sealed class JsonTextTests
{
    [Fact]
    public void Parsed_values_keep_their_raw_text_through_clones_and_edits()
    {
        var document = JsonNode.Parse("""{"a":"q\u0022<\u003c","n":1.0,"list":["\u00e9"]}""")!.AsObject();
        var copy = document.DeepClone().AsObject();
        copy["added"] = "x";

        Assert.Equal("""{"a":"q\u0022<\u003c","n":1.0,"list":["\u00e9"],"added":"x"}""", JsonText.ToJson(copy));
    }

    [Fact]
    public void Built_strings_are_readable_and_escape_only_what_json_requires()
    {
        var value = JsonValue.Create("say \"hi\" <b>&amp; \\ é 中 😀\n\t\u0001\u2028");

        Assert.Equal("\"say \\\"hi\\\" <b>&amp; \\\\ é 中 😀\\n\\t\\u0001\\u2028\"", JsonText.ToJson(value));
        Assert.Equal("\"say \\\"hi\\\" \\u003cb\\u003e\\u0026amp; \\\\ é 中 😀\\n\\t\\u0001\\u2028\"", JsonText.ToJson(value, JsonEscaping.Go));
    }

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character_as_in_go()
    {
        Assert.Equal("\"a\uFFFDb\"", JsonText.ToJson(JsonValue.Create("a\uD800b")));
    }

    [Fact]
    public void Raw_token_at_a_pointer_is_the_text_the_request_carried()
    {
        using var request = System.Text.Json.JsonDocument.Parse("""{"spec":{"config":"{\"a\":\u0022b\u0022}","list":[{"x":1}]}}""");

        Assert.True(JsonText.TryGetRaw(request.RootElement, JsonPointer.Parse("/spec/config"), out var config));
        Assert.Equal("""  "{\"a\":\u0022b\u0022}"  """.Trim(), JsonText.ToJson(config));
        Assert.True(JsonText.TryGetRaw(request.RootElement, JsonPointer.Parse("/spec/list/0/x"), out var number));
        Assert.Equal("1", JsonText.ToJson(number));
        Assert.False(JsonText.TryGetRaw(request.RootElement, JsonPointer.Parse("/spec/missing"), out _));
        Assert.False(JsonText.TryGetRaw(request.RootElement, JsonPointer.Parse("/spec/list/1"), out _));
    }

    [Theory]
    [InlineData("\"a\\\"b\"", "\"a\\u0022b\"", false)]
    [InlineData("\"\\u003c\"", "\"<\"", false)]
    [InlineData("1", "1.0", false)]
    [InlineData("\"x\"", "\"x\"", true)]
    [InlineData("{\"a\":1,\"b\":[true,\"x\"]}", "{\"b\":[true,\"x\"],\"a\":1}", true)]
    [InlineData("{\"a\":\"é\"}", "{\"a\":\"\\u00e9\"}", false)]
    [InlineData("[1,2]", "[1,2,3]", false)]
    [InlineData("{\"a\":1}", "{\"a\":1,\"b\":2}", false)]
    [InlineData("\"1\"", "1", false)]
    public void Text_equality_is_json_patch_test_equality(string left, string right, bool equal)
    {
        Assert.Equal(equal, JsonText.TextEquals(JsonNode.Parse(left), JsonNode.Parse(right)));
        // The API server's library agrees: a test of the right value against the left document (each left value is
        // written as Go writes it, since the API server re-encodes the stored object before patching).
        var (_, error) = ApiServerJsonPatch.Apply(new JsonObject { ["v"] = JsonNode.Parse(left) }, $$"""[{"op":"test","path":"/v","value":{{right}}}]""");
        Assert.Equal(equal, error is null);
    }

    /// <summary>
    /// For any string, Go decodes the readable text to the same string, and Go's own encoding of it is exactly the Go
    /// style: re-encoding both with encoding/json gives the Go-style text.
    /// </summary>
    [Fact]
    public void Readable_text_decodes_in_go_and_the_go_style_is_what_go_writes()
    {
        var alphabet = "aZ09 \"\\/<>&'+=`\b\f\n\r\t\u0000\u001f\u007f\u0080\u0085\u00a0é中\u2028\u2029\uFEFF\uFFFD😀𝄞";
        Gen.String[Gen.Char[alphabet], 0, 24].Sample(text =>
        {
            var value = JsonValue.Create(text);
            var readable = new JsonObject { ["s"] = JsonNode.Parse(JsonText.ToJson(value)) };
            var goStyle = $"{{\"s\":{JsonText.ToJson(value, JsonEscaping.Go)}}}";
            Assert.Equal(goStyle, JsonText.ToJson(ApiServerJsonPatch.StoredForm(readable)));
        }, iter: 300, threads: 1);
    }
}
