using System.Collections.Concurrent;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>
/// NADs the API server just reported missing, remembered for a short time so a burst of reviews naming a missing
/// NAD costs one GET, not one per review. Bounded: when full it forgets everything rather than grow.
/// </summary>
internal sealed class NegativeCache(TimeSpan ttl, TimeProvider time, int capacity = 10_000)
{
    private readonly ConcurrentDictionary<NamespacedName, long> _expiries = new();

    public bool Contains(NamespacedName name)
    {
        if (!_expiries.TryGetValue(name, out var expiry))
        {
            return false;
        }
        if (time.GetTimestamp() < expiry)
        {
            return true;
        }
        _expiries.TryRemove(new KeyValuePair<NamespacedName, long>(name, expiry));
        return false;
    }

    public void Add(NamespacedName name)
    {
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }
        if (_expiries.Count >= capacity)
        {
            _expiries.Clear();
        }
        _expiries[name] = time.GetTimestamp() + (long)(ttl.TotalSeconds * time.TimestampFrequency);
    }
}
