namespace AdmissionWebhook.Cluster;

/// <summary>The statistics of a cluster view that has no caches (manifests): synced, nothing watched.</summary>
internal sealed class NoClusterViewStatistics : IClusterViewStatistics
{
    public static NoClusterViewStatistics Instance { get; } = new();

    public bool IsSynced => true;

    public IReadOnlyList<IResourceCacheStatistics> Caches => [];

    public long FallbackGets => 0;

    public long FallbackGetFailures => 0;

    public long NegativeCacheHits => 0;
}
