using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>
/// The VM mutator's operations are kept compact (issue 13d): element pointers keep their array's segments and the index
/// as a number, a guard states the request's name token as its bytes, a restored entry stays the request's element. Each
/// compact form must read, compare, write and prove exactly as its plain twin does.
/// </summary>
public sealed class CompactOperationTests
{
    private const string Document = """
        {"spec":{"interfaces":[{"name":"a","bridge":{}},{"name":"b\u0041"},{"mac":"02:00"}],"old":[{"n\u0061me":"x", "state" : "up","deep":{"k":[1, 2.0,{"\u2028":"<&>"}]}},{"name":"y"}]}}
        """;

    private static readonly JsonPointer Interfaces = JsonPointer.Parse("/spec/interfaces");

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, "name")]
    [InlineData(12345, "bridge")]
    public void A_compact_pointer_is_its_plain_twin(int index, string? member)
    {
        var compact = member is null ? Interfaces.Append(index) : Interfaces.Append(index).Append(member);
        var text = $"/spec/interfaces/{index}" + (member is null ? "" : $"/{member}");
        var plain = JsonPointer.Parse(text);

        Assert.Equal(plain, compact);
        Assert.Equal(compact, plain);
        Assert.Equal(plain.GetHashCode(), compact.GetHashCode());
        Assert.Equal(text, compact.ToString());
        Assert.Equal(plain.Segments, compact.Segments);
        Assert.Equal(plain.Parent, compact.Parent);
        Assert.Equal(plain.Last, compact.Last);
        Assert.True(compact.StartsWith(Interfaces));
        Assert.True(plain.StartsWith(compact.Parent) && compact.StartsWith(plain.Parent));
        Assert.Equal(plain.Append("x").ToString(), compact.Append("x").ToString());
        Assert.NotEqual(Interfaces.Append(index + 1), member is null ? compact : compact.Parent);
        Assert.Equal(JsonPatchSerializer.ToJson([new JsonPatchOperation("remove", plain)]), JsonPatchSerializer.ToJson([new JsonPatchOperation("remove", compact)]));
    }

    [Fact]
    public void A_guard_states_the_request_token_as_its_bytes()
    {
        using var document = JsonDocument.Parse(Document);
        var name = document.RootElement.GetProperty("spec").GetProperty("interfaces")[1].GetProperty("name");
        var guard = JsonPatchOperation.TestToken(Interfaces.Append(1).Append("name"), name);

        Assert.Equal("""[{"op":"test","path":"/spec/interfaces/1/name","value":"b\u0041"}]""", JsonPatchSerializer.ToJson([guard]));
        Assert.Equal("bA", guard.Value!.GetValue<string>());
        JsonPatchApplier.Verify(document.RootElement, [guard]);
        JsonPatchApplier.Apply(document.RootElement, [guard]);
        // Compared as text, as the API server's library compares: the same string escaped otherwise is another token.
        var other = JsonPatchOperation.TestToken(Interfaces.Append(0).Append("name"), name);
        Assert.Throws<JsonPatchException>(() => JsonPatchApplier.Verify(document.RootElement, [other]));
        Assert.Throws<JsonPatchException>(() => JsonPatchApplier.Apply(document.RootElement, [other]));
        Assert.Throws<ArgumentException>(() => JsonPatchOperation.TestToken(Interfaces, document.RootElement));
    }

    public static TheoryData<int, string?> RestoredEntries() => new()
    {
        { 0, null },
        { 0, "state" },
        { 0, "other" },
        { 1, "state" },
        { 1, null },
    };

    [Theory]
    [MemberData(nameof(RestoredEntries))]
    public void A_restored_entry_is_written_and_proved_as_its_tree(int oldIndex, string? member)
    {
        using var document = JsonDocument.Parse(Document);
        var old = document.RootElement.GetProperty("spec").GetProperty("old")[oldIndex];
        var value = RequestElementValue.Of(old, member, member is null ? null : JsonValue.Create("absent"));
        var compact = new[]
        {
            JsonPatchOperation.AddElement(Interfaces.Append(1), value),
            JsonPatchOperation.TestToken(Interfaces.Append(2).Append("name"), document.RootElement.GetProperty("spec").GetProperty("interfaces")[1].GetProperty("name")),
        };
        var tree = new[] { new JsonPatchOperation("add", Interfaces.Append(1), value.ToNode()), compact[1] };

        // Written as the tree of the entry is written: members in order, names escaped readably, tokens as sent.
        Assert.Equal(JsonPatchSerializer.ToJson(tree), JsonPatchSerializer.ToJson(compact));
        Assert.Equal(JsonText.ToJson(value.ToNode()), JsonText.ToJson(compact[0].Value));
        JsonPatchApplier.Verify(document.RootElement, compact);
        Assert.Equal(JsonText.ToJson(JsonPatchApplier.Apply(document.RootElement, tree)), JsonText.ToJson(JsonPatchApplier.Apply(document.RootElement, compact)));
        // The proof walks into the entry as into any element of the request.
        var inside = new JsonPatchOperation("test", Interfaces.Append(1).Append("state"), member == "state" ? JsonValue.Create("absent") : JsonValue.Create("nope"));
        var proof = Record.Exception(() => JsonPatchApplier.Verify(document.RootElement, [.. compact, inside]));
        var applied = Record.Exception(() => JsonPatchApplier.Apply(document.RootElement, [.. tree, inside]));
        Assert.Equal(applied?.Message, proof?.Message);
        Assert.Equal(member == "state", proof is null);
    }

    [Fact]
    public void Operations_compare_by_op_path_and_source_as_before()
    {
        var value = JsonValue.Create(1);
        var from = JsonPointer.Parse("/a");

        Assert.Equal(new JsonPatchOperation("move", JsonPointer.Parse("/b"), From: from), new JsonPatchOperation("move", JsonPointer.Parse("/b"), From: JsonPointer.Parse("/a")));
        Assert.Equal(new JsonPatchOperation("add", Interfaces.Append(1), value), new JsonPatchOperation("add", JsonPointer.Parse("/spec/interfaces/1"), value));
        Assert.NotEqual(new JsonPatchOperation("move", JsonPointer.Parse("/b"), From: from), new JsonPatchOperation("move", JsonPointer.Parse("/b"), From: JsonPointer.Parse("/c")));
        Assert.NotEqual(new JsonPatchOperation("add", Interfaces, value), new JsonPatchOperation("add", Interfaces, JsonValue.Create(1)));
        Assert.Equal(from, new JsonPatchOperation("copy", Interfaces, From: from).From);
        Assert.Null(new JsonPatchOperation("add", Interfaces).From);
    }

    [Fact]
    public void A_member_is_set_only_over_an_object()
    {
        using var document = JsonDocument.Parse("""[1]""");

        Assert.Throws<ArgumentException>(() => RequestElementValue.Of(document.RootElement[0], "state", JsonValue.Create("absent")));
    }
}
