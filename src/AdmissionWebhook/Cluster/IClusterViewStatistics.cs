namespace AdmissionWebhook.Cluster;

/// <summary>
/// Read-only figures about the live cluster view, for metrics and diagnostics. Every member is safe to read from
/// any thread at any time; counters only grow.
/// </summary>
public interface IClusterViewStatistics
{
    /// <summary>True once every cache has completed its first list (stays true while the API server is away).</summary>
    bool IsSynced { get; }

    /// <summary>The caches, one per watched resource.</summary>
    IReadOnlyList<IResourceCacheStatistics> Caches { get; }

    /// <summary>Live GETs made for NADs missing from the cache.</summary>
    long FallbackGets { get; }

    /// <summary>Fallback GETs that could not be answered (timeout, transport error, 5xx): the review got 503.</summary>
    long FallbackGetFailures { get; }

    /// <summary>Cache misses answered from the short negative cache without a GET.</summary>
    long NegativeCacheHits { get; }
}
