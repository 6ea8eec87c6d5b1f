using System.Text.Json;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Patching;

/// <summary>
/// The mutating endpoint proves its patch with <see cref="JsonPatchApplier.Verify"/> (an overlay over the request that
/// builds nothing it does not touch); it must accept and refuse exactly the patches the tree applier (evanphx/json-patch
/// semantics, held against Go elsewhere) accepts and refuses, for the same reason.
/// </summary>
public sealed class PatchOverlayTests
{
    private const string Document = """
        {"spec":{"interfaces":[{"name":"a","bridge":{}},{"name":"b\u0041"},{"mac":"02:00"}],"count":1.0,"empty":[],"nil":null,"text":"x"}}
        """;

    public static TheoryData<string, string> Patches() => new()
    {
        { "member added after a guard by name", """[{"op":"test","path":"/spec/interfaces/1/name","value":"b\u0041"},{"op":"add","path":"/spec/interfaces/1/bridge","value":{}}]""" },
        { "guard with the decoded text, not the token", """[{"op":"test","path":"/spec/interfaces/1/name","value":"bA"}]""" },
        { "guard with another name", """[{"op":"test","path":"/spec/interfaces/0/name","value":"b"}]""" },
        { "number compared as text", """[{"op":"test","path":"/spec/count","value":1}]""" },
        { "number with its own text", """[{"op":"test","path":"/spec/count","value":1.0}]""" },
        { "nameless element tested whole after a member add", """[{"op":"add","path":"/spec/interfaces/2/bridge","value":{}},{"op":"test","path":"/spec/interfaces/2","value":{"bridge":{},"mac":"02:00"}}]""" },
        { "nameless element tested whole without the member added", """[{"op":"add","path":"/spec/interfaces/2/bridge","value":{}},{"op":"test","path":"/spec/interfaces/2","value":{"mac":"02:00"}}]""" },
        { "insert, then a guard inside the inserted value", """[{"op":"add","path":"/spec/interfaces/-","value":{"name":"c","state":"absent"}},{"op":"test","path":"/spec/interfaces/3/name","value":"c"},{"op":"add","path":"/spec/interfaces/-","value":{"name":"d"}}]""" },
        { "insert in the middle moves the elements after it", """[{"op":"add","path":"/spec/interfaces/1","value":{"name":"z"}},{"op":"test","path":"/spec/interfaces/2/name","value":"b\u0041"},{"op":"test","path":"/spec/interfaces/1/name","value":"z"}]""" },
        { "guard at the old index after an insert before it", """[{"op":"add","path":"/spec/interfaces/0","value":{"name":"z"}},{"op":"test","path":"/spec/interfaces/0/name","value":"a"}]""" },
        { "add at the array's length", """[{"op":"add","path":"/spec/interfaces/3","value":{"name":"c"}}]""" },
        { "add past the array's length", """[{"op":"add","path":"/spec/interfaces/4","value":{"name":"c"}}]""" },
        { "index with a leading zero", """[{"op":"test","path":"/spec/interfaces/01/name","value":"b\u0041"}]""" },
        { "end marker in a test", """[{"op":"test","path":"/spec/interfaces/-","value":{"name":"a"}}]""" },
        { "add under a missing parent", """[{"op":"add","path":"/spec/missing/x","value":1}]""" },
        { "add under a string", """[{"op":"add","path":"/spec/text/x","value":1}]""" },
        { "add under null", """[{"op":"add","path":"/spec/nil/x","value":1}]""" },
        { "test of a missing member", """[{"op":"test","path":"/spec/interfaces/0/mac","value":null}]""" },
        { "test of null", """[{"op":"test","path":"/spec/nil","value":null}]""" },
        { "empty array tested, then appended to", """[{"op":"test","path":"/spec/empty","value":[]},{"op":"add","path":"/spec/empty/-","value":{"name":"n"}},{"op":"test","path":"/spec/empty","value":[{"name":"n"}]}]""" },
        { "whole array added, then appended to (inside an added value)", """[{"op":"test","path":"/spec/nil","value":null},{"op":"add","path":"/spec/nil","value":[{"name":"n"}]},{"op":"test","path":"/spec/nil/0/name","value":"n"},{"op":"add","path":"/spec/nil/-","value":{"name":"m"}},{"op":"test","path":"/spec/nil/1/name","value":"m"}]""" },
        { "an add inside an added value that fails", """[{"op":"add","path":"/spec/new","value":{"a":[]}},{"op":"add","path":"/spec/new/a/1","value":1}]""" },
        { "a test at the end of an array inside an added value", """[{"op":"add","path":"/spec/new","value":{"a":[]}},{"op":"test","path":"/spec/new/a/0","value":1}]""" },
        { "an element given a member, then tested against a scalar", """[{"op":"add","path":"/spec/interfaces/0/x","value":1},{"op":"test","path":"/spec/interfaces/0","value":"a"}]""" },
        { "an element given a member, then tested against its old value", """[{"op":"add","path":"/spec/interfaces/0/x","value":1},{"op":"test","path":"/spec/interfaces/0","value":{"name":"a","bridge":{}}}]""" },
        { "member replaced by an add", """[{"op":"add","path":"/spec/text","value":"y"},{"op":"test","path":"/spec/text","value":"y"}]""" },
        { "replace and remove (the tree applier's way)", """[{"op":"replace","path":"/spec/text","value":"y"},{"op":"remove","path":"/spec/interfaces/0"},{"op":"test","path":"/spec/interfaces/0/name","value":"b\u0041"}]""" },
        { "remove of a missing member", """[{"op":"test","path":"/spec/text","value":"x"},{"op":"remove","path":"/spec/gone"}]""" },
        { "the whole document replaced, then tested", """[{"op":"add","path":"","value":{"a":1}},{"op":"test","path":"/a","value":1}]""" },
        { "many members added to one object, one replaced, all tested", ManyMembers(wrong: false) },
        { "many members added to one object, one tested with its old value", ManyMembers(wrong: true) },
        { "test of the whole document", """[{"op":"test","path":"/spec/interfaces/0","value":{"bridge":{},"name":"a"}}]""" },
    };

    /// <summary>More members than the overlay scans linearly, so its index by name is built and used.</summary>
    private static string ManyMembers(bool wrong)
    {
        var adds = Enumerable.Range(0, 12).Select(i => $$"""{"op":"add","path":"/spec/m{{i}}","value":{{i}}}""");
        var tests = Enumerable.Range(0, 12).Select(i => $$"""{"op":"test","path":"/spec/m{{i}}","value":{{(i == 5 ? (wrong ? 5 : 50) : i)}}}""");
        return $$"""[{{string.Join(',', adds)}},{"op":"add","path":"/spec/m5","value":50},{{string.Join(',', tests)}},{"op":"test","path":"/spec/text","value":"x"}]""";
    }

    [Theory]
    [MemberData(nameof(Patches))]
    public void The_proof_accepts_and_refuses_exactly_what_the_tree_applier_does(string name, string patch)
    {
        using var document = JsonDocument.Parse(Document);
        var operations = JsonPatchSerializer.Parse(patch);

        var tree = Record.Exception(() => JsonPatchApplier.Apply(document.RootElement, operations));
        var proof = Record.Exception(() => JsonPatchApplier.Verify(document.RootElement, operations));

        Assert.True((tree is null) == (proof is null), $"{name}: the tree applier {(tree is null ? "applied" : $"refused ({tree.Message})")}, the proof {(proof is null ? "applied" : $"refused ({proof.Message})")}");
        Assert.True(proof is null or JsonPatchException, $"{name}: {proof}");
        // For the same reason: the operation, and which pointer is missing or which test differs.
        Assert.Equal($"{name}: {tree?.Message}", $"{name}: {proof?.Message}");
        Assert.Equal(Document, document.RootElement.GetRawText());
    }

    [Fact]
    public void Both_outcomes_occur_among_the_cases()
    {
        using var document = JsonDocument.Parse(Document);
        var outcomes = Patches().Select(row => Record.Exception(() => JsonPatchApplier.Verify(document.RootElement, JsonPatchSerializer.Parse(row.Data.Item2))) is null).ToList();

        Assert.Contains(true, outcomes);
        Assert.Contains(false, outcomes);
    }
}
