namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>
/// Log lines of the live cluster view (event ids 100-199). Resource names and identifiers only, never object content.
/// </summary>
internal static partial class ClusterLog
{
    [LoggerMessage(100, LogLevel.Information, "Cluster view: reading the API server at {Server} ({Reason})")]
    public static partial void SourceSelected(ILogger logger, string server, string reason);

    [LoggerMessage(101, LogLevel.Information, "Cache {Resource} synced: {Count} objects in {Pages} pages at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string resource, int count, int pages, string resourceVersion);

    [LoggerMessage(102, LogLevel.Warning,
        "Lost the API server for {Resource} ({Operation} failed); reviews are answered from the cache, retrying in {RetryMs:F0} ms")]
    public static partial void ApiServerLost(ILogger logger, Exception exception, string resource, string operation, double retryMs);

    [LoggerMessage(103, LogLevel.Information, "API server reachable again for {Resource}")]
    public static partial void ApiServerRestored(ILogger logger, string resource);

    [LoggerMessage(104, LogLevel.Warning, "Watch of {Resource} from resourceVersion {ResourceVersion}: 410 Gone; re-listing")]
    public static partial void WatchGone(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(105, LogLevel.Debug, "Watch of {Resource} closed after {Events} events; re-watching from {ResourceVersion} in {RetryMs:F0} ms")]
    public static partial void WatchClosed(ILogger logger, string resource, int events, string resourceVersion, double retryMs);

    [LoggerMessage(106, LogLevel.Warning, "Skipped {Resource} object {Name}: it does not have the resource's shape ({Error})")]
    public static partial void Undecodable(ILogger logger, string resource, string name, string error);

    [LoggerMessage(107, LogLevel.Warning, "List of {Resource} failed ({Error}); retrying in {RetryMs:F0} ms")]
    public static partial void ListFailed(ILogger logger, string resource, string error, double retryMs);

    [LoggerMessage(108, LogLevel.Warning, "Live GET of NetworkAttachmentDefinition {Name} failed: {Reason}")]
    public static partial void FallbackGetFailed(ILogger logger, string name, string reason);

    [LoggerMessage(109, LogLevel.Error, "Cache {Resource} stopped unexpectedly")]
    public static partial void InformerCrashed(ILogger logger, Exception exception, string resource);
}
