namespace AdmissionWebhook.Resources;

/// <summary>
/// A VM's interface and network lists and the first index of every name in them, built once on the first use. Rules look up
/// the partner of every element, so a linear search per lookup would make a review quadratic in the VM's size.
/// </summary>
internal sealed class VmNameIndex
{
    private readonly Dictionary<string, int> _interfaces;
    private readonly Dictionary<string, int> _networks;

    public VmNameIndex(IReadOnlyList<VmInterface> interfaces, IReadOnlyList<VmNetwork> networks)
    {
        Interfaces = interfaces;
        Networks = networks;
        _interfaces = FirstIndexOf(Interfaces.Select(i => i.Name));
        _networks = FirstIndexOf(Networks.Select(n => n.Name));
    }

    public IReadOnlyList<VmInterface> Interfaces { get; }

    public IReadOnlyList<VmNetwork> Networks { get; }

    public int? InterfaceIndex(string name) => _interfaces.TryGetValue(name, out var index) ? index : null;

    public int? NetworkIndex(string name) => _networks.TryGetValue(name, out var index) ? index : null;

    private static Dictionary<string, int> FirstIndexOf(IEnumerable<string?> names)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var name in names)
        {
            if (!string.IsNullOrEmpty(name))
            {
                first.TryAdd(name, i);
            }
            i++;
        }
        return first;
    }
}
