using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Benchmarks;

/// <summary>A synced cluster view over a fixed snapshot.</summary>
internal sealed class SnapshotSource(ClusterSnapshot snapshot) : IClusterSource
{
    public bool IsSynced => true;

    public string Description => "benchmark snapshot";

    public ValueTask<NadInfo?> FindNadAsync(NamespacedName name, CancellationToken cancellationToken) => snapshot.FindNadAsync(name, cancellationToken);

    public IReadOnlyList<SubnetInfo> FindSubnetsByProvider(string provider) => snapshot.FindSubnetsByProvider(provider);

    public IReadOnlyCollection<SubnetInfo> AllSubnets() => snapshot.AllSubnets();
}
