namespace AdmissionWebhook.Cluster;

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

    /// <summary>Why the last list or watch request failed (<c>list kubeovn.io/v1/subnets: Connection refused
    /// (127.0.0.1:6443)</c>), until the next one succeeds; null when none has failed.</summary>
    string? LastError { get; }

    /// <summary>The resourceVersion the next watch starts from (empty before the first list).</summary>
    string ResourceVersion { get; }
}
