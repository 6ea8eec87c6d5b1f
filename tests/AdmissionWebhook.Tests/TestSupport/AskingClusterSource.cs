using AdmissionWebhook.Cluster;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Tests.TestSupport;

/// <summary>
/// A cluster view whose NADs are known only by asking (as the live cache's fallback GET): the synchronous form always
/// declines, and the asynchronous one answers from <see cref="Snapshot"/> after a genuine yield. Counts the questions.
/// </summary>
public sealed class AskingClusterSource(ClusterSnapshot snapshot) : IClusterSource
{
    private int _asked;

    public ClusterSnapshot Snapshot => snapshot;

    /// <summary>How often <see cref="FindNadAsync"/> was called.</summary>
    public int Asked => Volatile.Read(ref _asked);

    public bool IsSynced => true;

    public string Description => "a cluster asked for every NAD";

    public bool TryFindNad(NamespacedName name, out NadInfo? nad)
    {
        nad = null;
        return false;
    }

    public async ValueTask<NadInfo?> FindNadAsync(NamespacedName name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _asked);
        await Task.Yield();
        return snapshot.FindNad(name);
    }

    public IReadOnlyList<SubnetInfo> FindSubnetsByProvider(string provider) => snapshot.FindSubnetsByProvider(provider);

    public IReadOnlyCollection<SubnetInfo> AllSubnets() => snapshot.AllSubnets();

    public IReadOnlyList<SubnetInfo> FindOverlappingSubnets(SubnetInfo subnet) => snapshot.FindOverlappingSubnets(subnet);
}
