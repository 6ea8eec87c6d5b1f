using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>
/// Shares one instance of strings that repeat across many objects (namespaces, the Kube-OVN socket path, VPC and
/// protocol names), so 100,000 cached objects do not carry 100,000 copies of "/run/openvswitch/kube-ovn-daemon.sock".
/// Bounded, unlike <see cref="string.Intern(string)"/>: past the cap strings are simply not shared.
/// </summary>
internal sealed class StringPool(int capacity = 65_536)
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);

    [return: NotNullIfNotNull(nameof(value))]
    public string? Share(string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }
        return _strings.Count < capacity ? _strings.GetOrAdd(value, value) : value;
    }
}
