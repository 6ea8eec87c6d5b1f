using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>
/// The rest of the patch toolkit's contract that the mutation run found unpinned: move and copy, whole-document
/// operations, what a refusal carries, how a patch document is parsed and written, the text-equality of
/// <c>test</c>, and the raw text of parsed containers.
/// </summary>
public sealed class JsonPatchContractTests
{
    private static JsonNode Document() => JsonNode.Parse("""{"spec":{"list":[1,2,3],"name":"a"}}""")!;

    private static string Apply(params JsonPatchOperation[] operations) => JsonText.ToJson(JsonPatchApplier.Apply(Document(), operations));

    [Fact]
    public void Move_takes_the_value_away_from_its_source_and_copy_leaves_it()
    {
        var from = JsonPointer.Parse("/spec/name");
        Assert.Equal("""{"spec":{"list":[1,2,3],"label":"a"}}""", Apply(new JsonPatchOperation("move", JsonPointer.Parse("/spec/label"), From: from)));
        Assert.Equal("""{"spec":{"list":[1,2,3],"name":"a","label":"a"}}""", Apply(new JsonPatchOperation("copy", JsonPointer.Parse("/spec/label"), From: from)));
    }

    [Fact]
    public void Move_and_copy_without_from_are_refused_by_name()
    {
        var error = Assert.Throws<JsonPatchException>(() => Apply(new JsonPatchOperation("copy", JsonPointer.Parse("/spec/label"))));
        Assert.Equal("copy /spec/label: \"from\" is required", error.Message);
    }

    [Fact]
    public void Add_and_replace_at_the_root_replace_the_document_and_remove_at_the_root_is_refused()
    {
        var whole = new JsonObject { ["other"] = true };
        Assert.Equal("""{"other":true}""", Apply(new JsonPatchOperation("add", JsonPointer.Root, whole)));
        Assert.Equal("""{"other":true}""", Apply(new JsonPatchOperation("replace", JsonPointer.Root, whole)));
        var error = Assert.Throws<JsonPatchException>(() => Apply(new JsonPatchOperation("remove", JsonPointer.Root)));
        Assert.Equal("remove : cannot remove the whole document", error.Message);
    }

    [Fact]
    public void Adding_under_a_scalar_is_refused_because_the_parent_is_no_container()
    {
        var operation = new JsonPatchOperation("add", JsonPointer.Parse("/spec/name/x"), JsonValue.Create(1));
        var error = Assert.Throws<JsonPatchException>(() => Apply(operation));
        Assert.Equal("add /spec/name/x: parent of \"/spec/name/x\" is missing or not a container", error.Message);
        Assert.Same(operation, error.Operation);
    }

    [Fact]
    public void A_test_at_the_index_equal_to_the_length_is_out_of_range_not_an_append()
    {
        var error = Assert.Throws<JsonPatchException>(() => Apply(new JsonPatchOperation("test", JsonPointer.Parse("/spec/list/3"), JsonValue.Create(1))));
        Assert.Equal("test /spec/list/3: array index 3 is out of range (length 3)", error.Message);
    }

    [Fact]
    public void Resolving_outside_an_operation_refuses_with_the_reason_alone()
    {
        var error = Assert.Throws<JsonPatchException>(() => JsonPatchApplier.Resolve(Document(), JsonPointer.Parse("/spec/missing")));
        Assert.Equal("\"/spec/missing\" does not exist", error.Message);
        Assert.Null(error.Operation);
    }

    [Fact]
    public void The_builder_appends_another_patch_in_order()
    {
        var other = new JsonPatchBuilder().Remove(JsonPointer.Parse("/b")).Remove(JsonPointer.Parse("/c")).Build();
        var patch = new JsonPatchBuilder().Remove(JsonPointer.Parse("/a")).AddRange(other).Build();
        Assert.Equal(["/a", "/b", "/c"], patch.Select(operation => operation.Path.ToString()));
    }

    [Fact]
    public void The_serializer_writes_from_and_reads_it_back()
    {
        var move = new JsonPatchOperation("move", JsonPointer.Parse("/b"), From: JsonPointer.Parse("/a~1x"));
        var json = JsonPatchSerializer.ToJson([move]);
        Assert.Equal("""[{"op":"move","from":"/a~1x","path":"/b"}]""", json);
        var parsed = Assert.Single(JsonPatchSerializer.Parse(json));
        Assert.Equal(JsonPointer.Of("a/x"), parsed.From);
    }

    [Theory]
    [InlineData("{}", "a JSON patch must be an array")]
    [InlineData("[1]", "every JSON patch operation needs string members \"op\" and \"path\"")]
    [InlineData("""[{"op":"add","path":"/a"}]""", "JSON patch operation \"add\" at \"/a\" has no value")]
    [InlineData("""[{"op":"replace","path":"/a"}]""", "JSON patch operation \"replace\" at \"/a\" has no value")]
    [InlineData("""[{"op":"test","path":"/a"}]""", "JSON patch operation \"test\" at \"/a\" has no value")]
    public void The_serializer_refuses_what_is_no_patch_and_says_why(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => JsonPatchSerializer.Parse(json)).Message);
    }

    [Fact]
    public void A_remove_needs_no_value()
    {
        Assert.Equal("remove", Assert.Single(JsonPatchSerializer.Parse("""[{"op":"remove","path":"/a"}]""")).Op);
    }

    [Fact]
    public void Pointers_refuse_text_that_is_no_pointer_and_the_root_has_no_parent_or_last_segment()
    {
        Assert.Equal("\"a/b\" is not a JSON pointer: it must be empty or start with \"/\"", Assert.Throws<FormatException>(() => JsonPointer.Parse("a/b")).Message);
        Assert.False(JsonPointer.TryParse(null, out _));
        Assert.Equal("the root pointer has no parent", Assert.Throws<InvalidOperationException>(() => JsonPointer.Root.Parent).Message);
        Assert.Equal("the root pointer has no segments", Assert.Throws<InvalidOperationException>(() => JsonPointer.Root.Last).Message);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(null, "1", false)]
    [InlineData("1", null, false)]
    [InlineData("[1,2]", "[1,2,3]", false)]
    [InlineData("[1,2]", "[1,3]", false)]
    [InlineData("[1,2]", "[1,2]", true)]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""", false)]
    [InlineData("""{"a":1,"b":[true]}""", """{"b":[true],"a":1}""", true)]
    [InlineData("""{"a":1}""", "[1]", false)]
    public void Test_equality_compares_containers_member_by_member(string? left, string? right, bool equal)
    {
        Assert.Equal(equal, JsonText.TextEquals(left is null ? null : JsonNode.Parse(left), right is null ? null : JsonNode.Parse(right)));
    }

    [Fact]
    public void A_parsed_value_is_a_scalar_token_and_never_a_container()
    {
        // Why JsonText writes a JsonValue's element as its raw token and has no member-by-member branch for one (deleted
        // as unreachable, see docs/testing.md): System.Text.Json refuses a JsonValue over an object or array, and parsing
        // gives JsonObject and JsonArray for those.
        using var parsed = JsonDocument.Parse("""{"a&b":[1.0,"\u0022"]}""");
        Assert.Throws<InvalidOperationException>(() => JsonValue.Create(parsed.RootElement.Clone()));
        Assert.Throws<InvalidOperationException>(() => JsonValue.Create<object>(parsed.RootElement.Clone()));
        var node = JsonNode.Parse(parsed.RootElement.GetRawText())!;
        Assert.IsType<JsonArray>(node["a&b"]);
        Assert.Equal("""{"a\u0026b":[1.0,"\u0022"]}""", JsonText.ToJson(node, JsonEscaping.Go));
    }

    [Fact]
    public void A_carriage_return_is_escaped_as_such()
    {
        var builder = new StringBuilder();
        JsonText.WriteString(builder, "a\rb", JsonEscaping.Readable);
        Assert.Equal("\"a\\rb\"", builder.ToString());
    }
}
