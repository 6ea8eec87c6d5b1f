using System.Text.Json.Nodes;
using AdmissionWebhook.Patching;

namespace AdmissionWebhook.Tests.Rules.VirtualMachines;

/// <summary>What the VM mutation tests compare: the exact patch, written with IFACES and NETS for the two list pointers.</summary>
internal static class MutationAssertions
{
    public const string IfacesPtr = "/spec/template/spec/domain/devices/interfaces";
    public const string NetsPtr = "/spec/template/spec/networks";

    /// <summary>Compares the patch with JSON in which IFACES and NETS stand for the two list pointers.</summary>
    public static void AssertPatch(string expectedJson, IReadOnlyList<JsonPatchOperation> operations)
    {
        var expected = expectedJson.Replace("IFACES", IfacesPtr, StringComparison.Ordinal).Replace("NETS", NetsPtr, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(JsonPatchSerializer.ToJson(operations))),
            $"patch was {JsonPatchSerializer.ToJson(operations)}");
    }

    public static void AssertJson(JsonNode expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\nactual   {actual?.ToJsonString()}");
}
