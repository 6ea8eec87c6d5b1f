using AdmissionWebhook.Resources;
using CsCheck;

namespace AdmissionWebhook.Tests.Resources;

/// <summary>
/// A VM's name lookups give the same answers whether its lists are scanned in place (short, no null entry), scanned
/// through its name index (short, with a null entry) or looked up in the index's tables (long): the first entry of a name
/// counts, an empty or missing name finds nothing, and a null entry reads as an empty one at its own index.
/// </summary>
public sealed class VirtualMachineNameLookupTests
{
    // Few names, so duplicates are common; "" and null entries too. Lengths straddle the scan limit (8) on both sides.
    private static readonly string?[] Names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "", null];

    private static readonly Gen<int[]> Entries = Gen.Int[-1, Names.Length - 1].Array[0, 24];

    [Fact]
    public void Lookups_agree_with_a_first_match_scan_of_the_decoded_lists()
    {
        Gen.Select(Entries, Entries).Sample((interfaceEntries, networkEntries) =>
        {
            // -1 stands for a JSON null entry.
            var interfaces = interfaceEntries.Select(e => e < 0 ? null! : new VmInterface { Name = Names[e], Bridge = new() }).ToArray();
            var networks = networkEntries.Select(e => e < 0 ? null! : new VmNetwork { Name = Names[e], Pod = new() }).ToArray();
            var vm = new VirtualMachine
            {
                Spec = new VirtualMachineSpec
                {
                    Template = new VmTemplate
                    {
                        Spec = new VmiSpec { Domain = new VmDomain { Devices = new VmDevices { Interfaces = interfaces } }, Networks = networks },
                    },
                },
            };

            Assert.Equal(interfaces.Select(i => i ?? VmInterface.Empty), vm.Interfaces);
            Assert.Equal(networks.Select(n => n ?? VmNetwork.Empty), vm.Networks);
            foreach (var name in Names.Append("absent"))
            {
                var interfaceAt = FirstIndex(interfaces.Select(i => i?.Name), name);
                var foundInterface = vm.FindInterface(name);
                Assert.Equal(interfaceAt, foundInterface?.Index);
                Assert.Same(interfaceAt is { } i ? interfaces[i] : null, foundInterface?.Interface);

                var networkAt = FirstIndex(networks.Select(n => n?.Name), name);
                var foundNetwork = vm.FindNetwork(name);
                Assert.Equal(networkAt, foundNetwork?.Index);
                Assert.Same(networkAt is { } n ? networks[n] : null, foundNetwork?.Network);
            }
        }, iter: 2000);
    }

    [Fact]
    public void A_vm_without_lists_finds_nothing_and_lists_nothing()
    {
        var vm = new VirtualMachine { Spec = new VirtualMachineSpec() };

        Assert.Empty(vm.Interfaces);
        Assert.Empty(vm.Networks);
        Assert.Null(vm.FindInterface("a"));
        Assert.Null(vm.FindNetwork("a"));
    }

    private static int? FirstIndex(IEnumerable<string?> names, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        var index = 0;
        foreach (var candidate in names)
        {
            if (candidate == name)
            {
                return index;
            }
            index++;
        }
        return null;
    }
}
