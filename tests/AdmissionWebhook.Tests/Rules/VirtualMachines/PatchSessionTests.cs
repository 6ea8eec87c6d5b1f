using System.Text.Json;
using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;
using AdmissionWebhook.Rules.VirtualMachines;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>
/// The VM mutator's <see cref="PatchSession"/> on its own, for what its contract allows and the mutator does not yet
/// ask of it (the mutator adds members before it inserts anything, and never a <c>name</c>): a member added to an
/// element the patch inserted, a nameless inserted element tested whole, a name the patch gave, where an insert can go
/// and where a member cannot. Each states the exact patch, which the tree applier, the apply proof and kube-apiserver's
/// json-patch all apply to the stated result.
/// </summary>
public sealed class PatchSessionTests
{
    private static readonly JsonPointer ListPointer = JsonPointer.Parse("/list");

    [Fact]
    public void A_member_added_to_an_element_the_patch_inserted_is_guarded_by_that_elements_name()
    {
        const string Document = """{"list":[{"name":"a"}]}""";
        using var document = JsonDocument.Parse(Document);
        var session = new PatchSession(document.RootElement);

        session.Insert(ListPointer, 1, new JsonObject { ["name"] = "b" });
        session.AddMember(ListPointer, 1, "bridge", new JsonObject());

        AssertPatch(document, session, """
            [
              {"op":"test","path":"/list/0/name","value":"a"},
              {"op":"add","path":"/list/-","value":{"name":"b"}},
              {"op":"test","path":"/list/1/name","value":"b"},
              {"op":"add","path":"/list/1/bridge","value":{}}
            ]
            """, """{"list":[{"name":"a"},{"name":"b","bridge":{}}]}""");
    }

    [Fact]
    public void A_nameless_element_the_patch_inserted_is_tested_whole_with_the_members_added_to_it()
    {
        // The guard of a pushed-back element states it as the patch so far leaves it: inserted, then given a member.
        // The inserted value belongs to its add operation, so the guard is built on a copy of it.
        const string Document = """{"list":[{"name":"a"}]}""";
        using var document = JsonDocument.Parse(Document);
        var session = new PatchSession(document.RootElement);

        session.Insert(ListPointer, 0, new JsonObject { ["mac"] = "02:00:00:00:00:01" });
        session.AddMember(ListPointer, 0, "bridge", new JsonObject());
        session.Insert(ListPointer, 0, new JsonObject { ["name"] = "z" });

        AssertPatch(document, session, """
            [
              {"op":"test","path":"/list/0/name","value":"a"},
              {"op":"add","path":"/list/0","value":{"mac":"02:00:00:00:00:01"}},
              {"op":"test","path":"/list/0","value":{"mac":"02:00:00:00:00:01"}},
              {"op":"add","path":"/list/0/bridge","value":{}},
              {"op":"test","path":"/list/0","value":{"mac":"02:00:00:00:00:01","bridge":{}}},
              {"op":"add","path":"/list/0","value":{"name":"z"}}
            ]
            """, """{"list":[{"name":"z"},{"mac":"02:00:00:00:00:01","bridge":{}},{"name":"a"}]}""");
    }

    [Fact]
    public void A_name_the_patch_gave_an_element_is_its_guard_afterwards()
    {
        const string Document = """{"list":[{"name":"a","mac":"02:00:00:00:00:01"}]}""";
        using var document = JsonDocument.Parse(Document);
        var session = new PatchSession(document.RootElement);

        session.AddMember(ListPointer, 0, "name", JsonValue.Create("b")!);
        session.Insert(ListPointer, 0, new JsonObject { ["name"] = "z" });

        AssertPatch(document, session, """
            [
              {"op":"test","path":"/list/0/name","value":"a"},
              {"op":"add","path":"/list/0/name","value":"b"},
              {"op":"test","path":"/list/0/name","value":"b"},
              {"op":"add","path":"/list/0","value":{"name":"z"}}
            ]
            """, """{"list":[{"name":"z"},{"name":"b","mac":"02:00:00:00:00:01"}]}""");
    }

    [Theory]
    [InlineData("""{"list":[]}""", "/list", true)]
    [InlineData("""{"list":null}""", "/list", true)]
    [InlineData("""{}""", "/list", true)]
    [InlineData("""{"list":"x"}""", "/list", false)]
    [InlineData("""{"list":{}}""", "/list", false)]
    [InlineData("""{"parent":"x"}""", "/parent/list", false)]
    [InlineData("""{"parent":null}""", "/parent/list", false)]
    [InlineData("""{"parent":[]}""", "/parent/list", false)]
    [InlineData("""{}""", "/parent/list", false)]
    public void Only_an_array_or_a_missing_or_null_member_of_an_object_can_take_an_insert(string json, string pointer, bool expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, new PatchSession(document.RootElement).CanInsert(JsonPointer.Parse(pointer)));
    }

    [Theory]
    [InlineData("""{"list":[{"name":"a"}]}""", 1)]
    [InlineData("""{"list":[{"name":"a"},"text"]}""", 1)]
    [InlineData("""{"list":null}""", 0)]
    [InlineData("""{}""", 0)]
    public void A_member_goes_only_onto_an_object_element_and_nothing_is_written_otherwise(string json, int index)
    {
        using var document = JsonDocument.Parse(json);
        var session = new PatchSession(document.RootElement);

        var error = Assert.Throws<InvalidOperationException>(() => session.AddMember(ListPointer, index, "bridge", new JsonObject()));

        Assert.Equal($"the patch adds a member under /list/{index}, which is no object", error.Message);
        Assert.Empty(session.Operations);
    }

    private static void AssertPatch(JsonDocument document, PatchSession session, string expectedPatch, string expectedResult)
    {
        var operations = session.Operations;
        MutationAssertions.AssertPatch(expectedPatch, operations);

        var expected = JsonNode.Parse(expectedResult)!;
        JsonPatchApplier.Verify(document.RootElement, operations);
        MutationAssertions.AssertJson(expected, JsonPatchApplier.Apply(document.RootElement, operations));
        MutationAssertions.AssertJson(expected, ApiServerJsonPatch.ApplyOrFail(JsonNode.Parse(document.RootElement.GetRawText())!, operations));
    }
}
