using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>The applier must be as strict as the API server's json-patch (evanphx v4 defaults).</summary>
public sealed class JsonPatchApplierTests
{
    private static JsonNode Document() => JsonNode.Parse("""{"spec":{"list":[1,2,3],"name":"a"}}""")!;

    private static JsonNode? Apply(params JsonPatchOperation[] operations) => JsonPatchApplier.Apply(Document(), operations);

    [Fact]
    public void Adds_inserts_appends_replaces_removes_and_tests()
    {
        var result = Apply(
            new("test", JsonPointer.Parse("/spec/name"), JsonValue.Create("a")),
            new("add", JsonPointer.Parse("/spec/list/1"), JsonValue.Create(9)),
            new("add", JsonPointer.Parse("/spec/list/-"), JsonValue.Create(4)),
            new("replace", JsonPointer.Parse("/spec/name"), JsonValue.Create("b")),
            new("remove", JsonPointer.Parse("/spec/list/0")),
            new("add", JsonPointer.Parse("/spec/new"), new JsonObject()));

        Assert.Equal("""{"spec":{"list":[9,2,3,4],"name":"b","new":{}}}""", result!.ToJsonString());
    }

    [Fact]
    public void Leaves_the_input_document_untouched()
    {
        var document = Document();
        JsonPatchApplier.Apply(document, [new("remove", JsonPointer.Parse("/spec"))]);
        Assert.Equal("""{"spec":{"list":[1,2,3],"name":"a"}}""", document.ToJsonString());
    }

    [Theory]
    [InlineData("add", "/missing/child", "add under a missing parent")]
    [InlineData("replace", "/spec/missing", "replace of a missing member")]
    [InlineData("remove", "/spec/missing", "remove of a missing member")]
    [InlineData("add", "/spec/list/4", "insert past the end")]
    [InlineData("remove", "/spec/list/3", "remove past the end")]
    [InlineData("add", "/spec/list/01", "leading zero index")]
    [InlineData("test", "/spec/name", "failed test")]
    [InlineData("frobnicate", "/spec/name", "unknown operation")]
    public void Fails_where_the_API_server_fails(string op, string path, string because)
    {
        var error = Assert.Throws<JsonPatchException>(() => Apply(new JsonPatchOperation(op, JsonPointer.Parse(path), JsonValue.Create("z"))));
        Assert.False(string.IsNullOrEmpty(error.Message), because);
    }

    /// <summary>
    /// The API server's json-patch compares a <c>test</c> value by its JSON text: a string that differs only in
    /// escaping fails there, so it must fail here (and so become the webhook's own error, not the API server's).
    /// </summary>
    [Fact]
    public void Test_refuses_a_value_that_differs_only_in_escaping_as_the_api_server_does()
    {
        var stored = JsonNode.Parse("""{"spec":{"config":"{\"a\":\"<b>\"}"}}""")!;
        var sameText = JsonNode.Parse("""  "{\"a\":\"<b>\"}"  """);
        var escapedQuote = JsonNode.Parse("""  "{\u0022a\u0022:\"<b>\"}"  """);
        var escapedHtml = JsonNode.Parse("""  "{\"a\":\"\u003cb\u003e\"}"  """);
        Assert.Equal(escapedQuote!.GetValue<string>(), sameText!.GetValue<string>());
        Assert.Equal(escapedHtml!.GetValue<string>(), sameText.GetValue<string>());

        JsonPatchApplier.Apply(stored, [new("test", JsonPointer.Parse("/spec/config"), sameText)]);
        foreach (var value in new[] { escapedQuote, escapedHtml })
        {
            var refused = Assert.Throws<JsonPatchException>(() => JsonPatchApplier.Apply(stored, [new("test", JsonPointer.Parse("/spec/config"), value)]));
            Assert.Contains("test failed", refused.Message, StringComparison.Ordinal);
        }
    }
}
