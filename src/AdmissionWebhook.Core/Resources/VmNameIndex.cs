namespace AdmissionWebhook.Resources;

/// <summary>
/// A VM's interface and network lists and the first index of every name in them, built once on the first use. Rules look up
/// the partner of every element, so a linear search per lookup would make a review quadratic in the VM's size; short
/// lists (the usual VM has a handful of NICs) are searched in place, which is cheaper than building a table.
/// </summary>
/// <remarks>
/// A long list is indexed by an open-addressing table of positions (<see cref="NamePositions"/>): one <c>int</c> per
/// slot at most half full, where a <c>Dictionary&lt;string, int&gt;</c> kept 28 bytes per name, so the index of a 6,000-interface VM
/// was two arrays on the large-object heap, each of which counts towards the next full collection.
/// </remarks>
internal sealed class VmNameIndex
{
    /// <summary>
    /// Lists up to this long are scanned instead of indexed; a VM whose lists are both this short (and hold no null) builds
    /// no index at all (<see cref="VirtualMachine"/> scans them in place).
    /// </summary>
    internal const int ScanLimit = 8;

    private readonly NamePositions? _interfaces;
    private readonly NamePositions? _networks;

    public VmNameIndex(IReadOnlyList<VmInterface> interfaces, IReadOnlyList<VmNetwork> networks)
    {
        Interfaces = interfaces;
        Networks = networks;
        if (interfaces.Count > ScanLimit)
        {
            _interfaces = NamePositions.Build(interfaces, static iface => iface.Name);
        }
        if (networks.Count > ScanLimit)
        {
            _networks = NamePositions.Build(networks, static network => network.Name);
        }
    }

    public IReadOnlyList<VmInterface> Interfaces { get; }

    public IReadOnlyList<VmNetwork> Networks { get; }

    public int? InterfaceIndex(string name) => IndexOf(_interfaces, Interfaces, name, static iface => iface.Name);

    public int? NetworkIndex(string name) => IndexOf(_networks, Networks, name, static network => network.Name);

    // The table when the list was long enough to build one, else a scan (a static lambda allocates nothing).
    private static int? IndexOf<T>(NamePositions? index, IReadOnlyList<T> items, string name, Func<T, string?> nameOf) =>
        index is not null ? index.Find(items, name, nameOf) : Scan(items, name, nameOf);

    /// <summary>The first position of <paramref name="name"/> in <paramref name="items"/>, by a linear scan; null when absent.</summary>
    internal static int? Scan<T>(IReadOnlyList<T> items, string name, Func<T, string?> nameOf)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (string.Equals(nameOf(items[i]), name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return null;
    }
}
