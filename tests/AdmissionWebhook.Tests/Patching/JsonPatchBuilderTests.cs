using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

public sealed class JsonPatchBuilderTests
{
    [Fact]
    public void Serialises_operations_exactly_readably_and_omits_value_on_remove()
    {
        var patch = new JsonPatchBuilder()
            .Test(JsonPointer.Parse("/spec/config"), JsonValue.Create("{\"a\":1}"))
            .Replace(JsonPointer.Parse("/spec/config"), JsonValue.Create("{\"a\":2}"))
            .Add(JsonPointer.Of("metadata", "annotations", "example.com/x"), null)
            .Remove(JsonPointer.Parse("/spec/template/spec/networks/1"))
            .Build();

        Assert.Equal(
            """[{"op":"test","path":"/spec/config","value":"{\"a\":1}"},{"op":"replace","path":"/spec/config","value":"{\"a\":2}"},{"op":"add","path":"/metadata/annotations/example.com~1x","value":null},{"op":"remove","path":"/spec/template/spec/networks/1"}]""",
            JsonPatchSerializer.ToJson(patch));
    }

    [Fact]
    public void Copies_values_so_later_changes_to_the_source_do_not_leak_into_the_patch()
    {
        var value = new JsonObject { ["name"] = "dyniface1" };
        var patch = new JsonPatchBuilder().Add(JsonPointer.Parse("/a/-"), value).Build();

        value["name"] = "changed";

        Assert.Equal("dyniface1", patch[0].Value!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Round_trips_through_the_parser()
    {
        var patch = new JsonPatchBuilder().Add(JsonPointer.Parse("/x~1y"), new JsonObject { ["bridge"] = new JsonObject() }).Remove(JsonPointer.Parse("/z")).Build();

        var parsed = JsonPatchSerializer.Parse(JsonPatchSerializer.ToJson(patch));

        Assert.Equal(JsonPatchSerializer.ToJson(patch), JsonPatchSerializer.ToJson(parsed));
    }

    [Fact]
    public void A_value_parsed_from_the_request_goes_out_as_the_exact_text_it_came_in()
    {
        // Not what any encoder of ours would write, but what a request could carry: it must come back unchanged.
        var token = JsonNode.Parse("\"{\\u0022a\\u0022:\\u003c1}\"");
        var patch = new JsonPatchBuilder().Test(JsonPointer.Parse("/spec/config"), token).Build();

        Assert.Equal("""[{"op":"test","path":"/spec/config","value":"{\u0022a\u0022:\u003c1}"}]""", JsonPatchSerializer.ToJson(patch));
    }
}
