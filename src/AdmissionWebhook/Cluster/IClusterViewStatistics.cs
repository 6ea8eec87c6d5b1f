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

/// <summary>Figures of one list-and-watch cache.</summary>
public interface IResourceCacheStatistics
{
    /// <summary><c>group/version/plural</c>, e.g. <c>kubeovn.io/v1/subnets</c>.</summary>
    string Resource { get; }

    bool IsSynced { get; }

    /// <summary>Objects held now.</summary>
    int Count { get; }

    /// <summary>Complete lists (all pages) applied: 1 after the initial sync, +1 per re-list.</summary>
    long Lists { get; }

    /// <summary>Watches opened after the first one (closed streams, errors, 410 Gone).</summary>
    long WatchRestarts { get; }

    /// <summary>ADDED, MODIFIED and DELETED events applied.</summary>
    long WatchEvents { get; }

    /// <summary>False from a failed list or watch request until the next successful one.</summary>
    bool ApiServerReachable { get; }

    /// <summary>The resourceVersion the next watch starts from (empty before the first list).</summary>
    string ResourceVersion { get; }
}
