using System.Text.Json;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Resources.Decoding;

namespace AdmissionWebhook.Tests.Resources;

/// <summary>
/// The name index a VM builds on first lookup is its own (a `with` copy builds another) and takes no part in the
/// record's value equality.
/// </summary>
public sealed class VirtualMachineNameIndexTests
{
    // More entries than a VM scans in place, so a lookup builds the index these tests are about.
    private const int Dynamic = VmNameIndex.ScanLimit + 2;

    private static readonly string Vm =
        """{"apiVersion":"kubevirt.io/v1","kind":"VirtualMachine","metadata":{"name":"vm","namespace":"default"},"spec":{"template":{"spec":{"domain":{"devices":{"interfaces":[{"name":"default","masquerade":{}},"""
        + Entries(i => "{\"name\":\"dyn" + i + "\",\"bridge\":{}}")
        + """]}},"networks":[{"name":"default","pod":{}},"""
        + Entries(i => "{\"name\":\"dyn" + i + "\",\"multus\":{\"networkName\":\"attachnet\"}}")
        + "]}}}}";

    private static string Entries(Func<int, string> entry) => string.Join(",", Enumerable.Range(0, Dynamic).Select(entry));

    private static VirtualMachine Decode()
    {
        using var document = JsonDocument.Parse(Vm);
        Assert.True(ResourceDecoding.TryDecode(document.RootElement, VirtualMachine.Descriptor, out var vm, out var failure), failure?.ToString());
        Assert.True(vm!.Spec!.Template!.Spec!.Networks!.Count > VmNameIndex.ScanLimit);
        return vm;
    }

    [Fact]
    public void Equality_ignores_whether_the_index_was_built()
    {
        var indexed = Decode();
        var twin = indexed with { };

        Assert.Equal(Dynamic, indexed.FindInterface($"dyn{Dynamic - 1}")?.Index);

        // The twin shares every value but has not built its index; the original has.
        Assert.Equal(twin, indexed);
        Assert.Equal(indexed, twin);
        Assert.Equal(twin.GetHashCode(), indexed.GetHashCode());
    }

    [Fact]
    public void A_copy_with_other_networks_looks_names_up_in_its_own()
    {
        var original = Decode();
        Assert.Equal(1, original.FindNetwork("dyn0")?.Index);
        var template = original.Spec!.Template!;
        // Still more networks than are scanned in place: the copy must build an index of its own, not use the original's.
        var copy = original with
        {
            Spec = original.Spec with { Template = template with { Spec = template.Spec! with { Networks = template.Spec!.Networks!.Skip(1).ToArray() } } },
        };

        Assert.Equal(0, copy.FindNetwork("dyn0")?.Index);
        Assert.Null(copy.FindNetwork("default"));
        Assert.Equal(1, original.FindNetwork("dyn0")?.Index);
    }
}
