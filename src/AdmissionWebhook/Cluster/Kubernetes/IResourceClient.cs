using System.Text.Json;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>The three API calls a cache makes for one resource, cluster-wide.</summary>
internal interface IResourceClient
{
    /// <summary><c>group/version/plural</c>.</summary>
    string Resource { get; }

    /// <exception cref="ResourceGoneException">The continue token expired.</exception>
    Task<ResourceListPage> ListPageAsync(string? continueToken, int limit, CancellationToken cancellationToken);

    /// <summary>Streams the events after <paramref name="resourceVersion"/> until the server closes the stream.</summary>
    /// <exception cref="ResourceGoneException">The resourceVersion is too old (HTTP 410 or an ERROR event with code 410).</exception>
    IAsyncEnumerable<ResourceWatchEvent> WatchAsync(string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The object, or null on 404.</summary>
    Task<JsonElement?> GetAsync(string? @namespace, string name, CancellationToken cancellationToken);
}
