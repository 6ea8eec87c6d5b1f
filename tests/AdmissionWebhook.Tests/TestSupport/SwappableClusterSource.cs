using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Tests.TestSupport;

/// <summary>A cluster source whose snapshot a test replaces between requests (tests in one class run in sequence).</summary>
public sealed class SwappableClusterSource : IClusterSource
{
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty;

    public ClusterSnapshot Snapshot
    {
        get => Volatile.Read(ref _snapshot);
        set => Volatile.Write(ref _snapshot, value);
    }

    public bool IsSynced { get; set; } = true;

    public string Description => "test snapshot";

    public bool TryFindNad(NamespacedName name, out NadInfo? nad) =>
        IsSynced ? Snapshot.TryFindNad(name, out nad) : throw new LookupUnavailableException("not synced");

    public ValueTask<NadInfo?> FindNadAsync(NamespacedName name, CancellationToken cancellationToken) =>
        IsSynced ? Snapshot.FindNadAsync(name, cancellationToken) : throw new LookupUnavailableException("not synced");

    public IReadOnlyList<SubnetInfo> FindSubnetsByProvider(string provider) =>
        IsSynced ? Snapshot.FindSubnetsByProvider(provider) : throw new LookupUnavailableException("not synced");

    public IReadOnlyCollection<SubnetInfo> AllSubnets() =>
        IsSynced ? Snapshot.AllSubnets() : throw new LookupUnavailableException("not synced");

    public IReadOnlyList<SubnetInfo> FindOverlappingSubnets(SubnetInfo subnet) =>
        IsSynced ? Snapshot.FindOverlappingSubnets(subnet) : throw new LookupUnavailableException("not synced");
}
