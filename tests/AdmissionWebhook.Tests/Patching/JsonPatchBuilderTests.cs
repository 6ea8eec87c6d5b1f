using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

public sealed class JsonPatchBuilderTests
{
    [Fact]
    public void Serialises_operations_exactly_and_omits_value_on_remove()
    {
        var patch = new JsonPatchBuilder()
            .Test(JsonPointer.Parse("/spec/config"), JsonValue.Create("{\"a\":1}"))
            .Replace(JsonPointer.Parse("/spec/config"), JsonValue.Create("{\"a\":2}"))
            .Add(JsonPointer.Of("metadata", "annotations", "example.com/x"), null)
            .Remove(JsonPointer.Parse("/spec/template/spec/networks/1"))
            .Build();

        Assert.Equal(
            """[{"op":"test","path":"/spec/config","value":"{\u0022a\u0022:1}"},{"op":"replace","path":"/spec/config","value":"{\u0022a\u0022:2}"},{"op":"add","path":"/metadata/annotations/example.com~1x","value":null},{"op":"remove","path":"/spec/template/spec/networks/1"}]""",
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
}
