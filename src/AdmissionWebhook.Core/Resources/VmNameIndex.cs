namespace AdmissionWebhook.Resources;

/// <summary>
/// A VM's interface and network lists and the first index of every name in them, built once on the first use. Rules look up
/// the partner of every element, so a linear search per lookup would make a review quadratic in the VM's size; short
/// lists (the usual VM has a handful of NICs) are searched in place, which is cheaper than building a dictionary.
/// </summary>
internal sealed class VmNameIndex
{
    /// <summary>Lists up to this long are scanned instead of indexed.</summary>
    private const int ScanLimit = 8;

    private readonly Dictionary<string, int>? _interfaces;
    private readonly Dictionary<string, int>? _networks;

    public VmNameIndex(IReadOnlyList<VmInterface> interfaces, IReadOnlyList<VmNetwork> networks)
    {
        Interfaces = interfaces;
        Networks = networks;
        if (interfaces.Count > ScanLimit)
        {
            _interfaces = new Dictionary<string, int>(interfaces.Count, StringComparer.Ordinal);
            for (var i = 0; i < interfaces.Count; i++)
            {
                Add(_interfaces, interfaces[i].Name, i);
            }
        }
        if (networks.Count > ScanLimit)
        {
            _networks = new Dictionary<string, int>(networks.Count, StringComparer.Ordinal);
            for (var i = 0; i < networks.Count; i++)
            {
                Add(_networks, networks[i].Name, i);
            }
        }
    }

    public IReadOnlyList<VmInterface> Interfaces { get; }

    public IReadOnlyList<VmNetwork> Networks { get; }

    public int? InterfaceIndex(string name) => IndexOf(_interfaces, Interfaces, name, static iface => iface.Name);

    public int? NetworkIndex(string name) => IndexOf(_networks, Networks, name, static network => network.Name);

    // The dictionary when the list was long enough to build one, else a scan (a static lambda allocates nothing).
    private static int? IndexOf<T>(Dictionary<string, int>? index, IReadOnlyList<T> items, string name, Func<T, string?> nameOf)
    {
        if (index is not null)
        {
            return index.TryGetValue(name, out var found) ? found : null;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (string.Equals(nameOf(items[i]), name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return null;
    }

    private static void Add(Dictionary<string, int> first, string? name, int index)
    {
        if (!string.IsNullOrEmpty(name))
        {
            first.TryAdd(name, index);
        }
    }
}
