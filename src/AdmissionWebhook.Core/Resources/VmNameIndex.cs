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

    public int? InterfaceIndex(string name)
    {
        if (_interfaces is not null)
        {
            return _interfaces.TryGetValue(name, out var index) ? index : null;
        }
        for (var i = 0; i < Interfaces.Count; i++)
        {
            if (string.Equals(Interfaces[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return null;
    }

    public int? NetworkIndex(string name)
    {
        if (_networks is not null)
        {
            return _networks.TryGetValue(name, out var index) ? index : null;
        }
        for (var i = 0; i < Networks.Count; i++)
        {
            if (string.Equals(Networks[i].Name, name, StringComparison.Ordinal))
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
