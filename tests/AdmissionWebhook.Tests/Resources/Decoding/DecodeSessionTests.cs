using System.Text.Json;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;
using CsCheck;

namespace AdmissionWebhook.Tests.Resources.Decoding;

/// <summary>
/// The second object of a review (oldObject) reuses the first's VM entries written identically: the same instance for
/// the same text, and a model equal to the one decoded alone whatever the two objects are.
/// </summary>
public sealed class DecodeSessionTests
{
    private const string Old = """
        {"metadata":{"name":"vm"},"spec":{"template":{"spec":{
          "domain":{"devices":{"interfaces":[{"name":"default","masquerade":{}},{"name":"a","bridge":{}},{"name":"b","bridge":{}}]}},
          "networks":[{"name":"default","pod":{}},{"name":"a","multus":{"networkName":"net-a"}},{"name":"b","multus":{"networkName":"net-b"}}]}}}}
        """;

    // b's interface is unplugged (state: absent) and a third network added; everything else is written the same.
    private const string New = """
        {"metadata":{"name":"vm"},"spec":{"template":{"spec":{
          "domain":{"devices":{"interfaces":[{"name":"default","masquerade":{}},{"name":"a","bridge":{}},{"name":"b","bridge":{},"state":"absent"}]}},
          "networks":[{"name":"default","pod":{}},{"name":"a","multus":{"networkName":"net-a"}},{"name":"b","multus":{"networkName":"net-b"}},{"name":"c","pod":{}}]}}}}
        """;

    [Fact]
    public void Entries_written_the_same_are_one_instance_and_changed_ones_are_decoded()
    {
        var (current, old) = DecodePair(New, Old);

        Assert.Same(current.Interfaces[0], old.Interfaces[0]);
        Assert.Same(current.Interfaces[1], old.Interfaces[1]);
        Assert.NotSame(current.Interfaces[2], old.Interfaces[2]);
        Assert.Equal(VmInterface.StateAbsent, current.Interfaces[2].State);
        Assert.Null(old.Interfaces[2].State);
        for (var i = 0; i < 3; i++)
        {
            Assert.Same(current.Networks[i], old.Networks[i]);
        }
        Assert.Equal(3, old.Networks.Count);
    }

    /// <summary>A long list (the record's buffers grow several times) shares every entry but the one that changed.</summary>
    [Fact]
    public void Long_lists_share_every_unchanged_entry()
    {
        const int Count = 1_000;
        static string Vm(int changed) =>
            "{\"spec\":{\"template\":{\"spec\":{\"domain\":{\"devices\":{\"interfaces\":["
            + string.Join(",", Enumerable.Range(0, Count).Select(i => i == changed ? $"{{\"name\":\"n{i}\",\"state\":\"down\"}}" : $"{{\"name\":\"n{i}\",\"bridge\":{{}}}}"))
            + "]}},\"networks\":[" + string.Join(",", Enumerable.Range(0, Count).Select(i => $"{{\"name\":\"n{i}\",\"multus\":{{\"networkName\":\"net\"}}}}"))
            + "]}}}}";
        var (current, old) = DecodePair(Vm(changed: 700), Vm(changed: -1));

        Assert.Equal(Count, old.Interfaces.Count);
        // Within one object: a network named like its interface, and the same NAD in every entry, are one string each.
        Assert.Same(current.Interfaces[5].Name, current.Networks[5].Name);
        Assert.Same(current.Networks[3].Multus!.NetworkName, current.Networks[900].Multus!.NetworkName);
        for (var i = 0; i < Count; i++)
        {
            Assert.Same(current.Networks[i], old.Networks[i]);
            if (i == 700)
            {
                Assert.NotSame(current.Interfaces[i], old.Interfaces[i]);
                Assert.NotNull(old.Interfaces[i].Bridge);
            }
            else
            {
                Assert.Same(current.Interfaces[i], old.Interfaces[i]);
            }
        }
    }

    [Fact]
    public void Same_text_elsewhere_in_the_list_is_not_taken_for_the_entry()
    {
        // The old list lost its first entry: entry i is compared with entry i only, so nothing lines up and all decode.
        var shifted = Old.Replace("""{"name":"default","masquerade":{}},""", string.Empty, StringComparison.Ordinal);
        var (current, old) = DecodePair(Old, shifted);

        Assert.Equal(["a", "b"], old.Interfaces.Select(i => i.Name));
        Assert.NotSame(current.Interfaces[1], old.Interfaces[0]);
        Assert.Equal(current.Interfaces[1], old.Interfaces[0]);
    }

    [Fact]
    public void A_second_object_decodes_as_it_would_alone() =>
        Gen.Select(ModelJsonGenerator.Root(ModelShape.VirtualMachine), ModelJsonGenerator.Root(ModelShape.VirtualMachine), Gen.Int[0, 2])
            .Sample((first, other, mode) =>
            {
                // The same object twice (everything shared), an unrelated one, or the first with one entry edited.
                var second = mode switch
                {
                    0 => first,
                    1 => other,
                    _ => first.Replace("\"name\":\"a\"", "\"name\":\"b\"", StringComparison.Ordinal),
                };
                return Alone(second) == InSession(first, second);
            }, iter: 2_000);

    private static (VirtualMachine Current, VirtualMachine Old) DecodePair(string current, string old)
    {
        using var first = JsonDocument.Parse(current);
        using var second = JsonDocument.Parse(old);
        var session = default(ResourceDecodeSession);
        try
        {
            Assert.True(ResourceDecoding.TryDecode(first.RootElement, VirtualMachine.Descriptor, ref session, out var a, out _));
            Assert.True(ResourceDecoding.TryDecode(second.RootElement, VirtualMachine.Descriptor, ref session, out var b, out _));
            return (a!, b!);
        }
        finally
        {
            session.Dispose();
        }
    }

    private static string Alone(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        return ResourceDecoding.TryDecode(document.RootElement, VirtualMachine.Descriptor, out var vm, out var failure)
            ? JsonSerializer.Serialize(vm, ResourceJsonContext.Default.VirtualMachine)
            : failure!.ToString();
    }

    private static string InSession(string first, string second)
    {
        using var a = JsonDocument.Parse(first, new JsonDocumentOptions { MaxDepth = 256 });
        using var b = JsonDocument.Parse(second, new JsonDocumentOptions { MaxDepth = 256 });
        var session = default(ResourceDecodeSession);
        try
        {
            ResourceDecoding.TryDecode(a.RootElement, VirtualMachine.Descriptor, ref session, out _, out _);
            return ResourceDecoding.TryDecode(b.RootElement, VirtualMachine.Descriptor, ref session, out var vm, out var failure)
                ? JsonSerializer.Serialize(vm, ResourceJsonContext.Default.VirtualMachine)
                : failure!.ToString();
        }
        finally
        {
            session.Dispose();
        }
    }
}
