namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>
/// Tuning of the live cluster view, bound from the <c>ClusterView</c> configuration section. The defaults suit a
/// production cluster; tests shorten the back-off.
/// </summary>
public sealed class ClusterViewOptions
{
    public const string Section = "ClusterView";

    /// <summary>Objects per list page (<c>limit</c>); the continue token fetches the next page.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>The server closes a watch after this long (<c>timeoutSeconds</c>); client-go picks 5-10 minutes.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait before retrying a failed list or re-watching a closed stream; doubles per failure.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap of the exponential back-off.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound of the one live GET made for a NAD missing from the cache.</summary>
    public TimeSpan FallbackGetTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a NAD the API server reported missing is answered "absent" without another GET.</summary>
    public TimeSpan NegativeCacheTtl { get; set; } = TimeSpan.FromSeconds(5);
}
