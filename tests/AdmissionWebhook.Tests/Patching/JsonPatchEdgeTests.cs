using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>
/// The edges the mutation run found unpinned: removing an object member, the array index equal to the length (an
/// append for add, out of range for the rest), the reason a refusal gives, and pointer prefixes and hashing.
/// </summary>
public sealed class JsonPatchEdgeTests
{
    private static JsonNode Document() => JsonNode.Parse("""{"spec":{"list":[1,2,3],"name":"a"}}""")!;

    private static string Apply(string op, string path, JsonNode? value = null) =>
        JsonPatchApplier.Apply(Document(), [new JsonPatchOperation(op, JsonPointer.Parse(path), value)])!.ToJsonString();

    [Fact]
    public void Remove_takes_a_member_out_of_an_object()
    {
        Assert.Equal("""{"spec":{"list":[1,2,3]}}""", Apply("remove", "/spec/name"));
    }

    [Fact]
    public void Add_at_the_index_equal_to_the_length_appends()
    {
        Assert.Equal("""{"spec":{"list":[1,2,3,9],"name":"a"}}""", Apply("add", "/spec/list/3", JsonValue.Create(9)));
    }

    [Theory]
    [InlineData("add", "/missing/child", "add /missing/child: \"/missing\" does not exist")]
    [InlineData("remove", "/spec/missing", "remove /spec/missing: \"/spec/missing\" does not exist")]
    [InlineData("add", "/spec/list/4", "add /spec/list/4: array index 4 is out of range (length 3)")]
    [InlineData("remove", "/spec/list/3", "remove /spec/list/3: array index 3 is out of range (length 3)")]
    [InlineData("add", "/spec/list/01", "add /spec/list/01: \"01\" is not an array index")]
    [InlineData("frobnicate", "/spec/name", "frobnicate /spec/name: unsupported operation \"frobnicate\"")]
    public void A_refusal_names_the_operation_the_path_and_the_reason(string op, string path, string message)
    {
        var error = Assert.Throws<JsonPatchException>(() => Apply(op, path, JsonValue.Create("z")));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_pointer_starts_with_itself_and_its_ancestors_only()
    {
        var pointer = JsonPointer.Parse("/spec/template/spec");

        Assert.True(pointer.StartsWith(pointer));
        Assert.True(pointer.StartsWith(JsonPointer.Parse("/spec/template")));
        Assert.True(pointer.StartsWith(JsonPointer.Root));
        Assert.False(pointer.StartsWith(JsonPointer.Parse("/spec/other")));
        Assert.False(pointer.StartsWith(JsonPointer.Parse("/spec/template/spec/domain")));
    }

    [Fact]
    public void Equal_pointers_hash_alike_and_different_ones_differ()
    {
        Assert.Equal(JsonPointer.Parse("/a/b").GetHashCode(), JsonPointer.Of("a", "b").GetHashCode());
        Assert.NotEqual(JsonPointer.Parse("/a/b").GetHashCode(), JsonPointer.Parse("/a/c").GetHashCode());
        Assert.Equal(JsonPointer.Root, default);
        Assert.Empty(default(JsonPointer).Segments);
    }

    [Fact]
    public void Escapes_round_trip_through_parse_and_text()
    {
        var pointer = JsonPointer.Parse("/a~1b/c~0d/~01");

        Assert.Equal(["a/b", "c~d", "~1"], pointer.Segments);
        Assert.Equal("/a~1b/c~0d/~01", pointer.ToString());
    }
}
