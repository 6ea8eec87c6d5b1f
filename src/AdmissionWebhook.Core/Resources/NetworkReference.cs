using System.Diagnostics.CodeAnalysis;

namespace AdmissionWebhook.Resources;

/// <summary>
/// A Multus <c>networkName</c>: <c>name</c> (in the VM's namespace) or <c>namespace/name</c>, split on the first
/// <c>/</c> as KubeVirt's <c>multus.NetAttachDefNamespacedName</c> does.
/// </summary>
public readonly record struct NetworkReference(string Namespace, string Name, bool Qualified)
{
    public NamespacedName Key => new(Namespace, Name);

    public static bool TryParse(string? networkName, string defaultNamespace, [NotNullWhen(true)] out NetworkReference? reference)
    {
        reference = null;
        if (string.IsNullOrEmpty(networkName))
        {
            return false;
        }
        var slash = networkName.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            reference = new NetworkReference(defaultNamespace, networkName, Qualified: false);
            return true;
        }
        var ns = networkName[..slash];
        var name = networkName[(slash + 1)..];
        if (ns.Length == 0 || name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }
        reference = new NetworkReference(ns, name, Qualified: true);
        return true;
    }

    public override string ToString() => $"{Namespace}/{Name}";
}
