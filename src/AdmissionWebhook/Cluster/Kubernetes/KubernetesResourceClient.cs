using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Autorest;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>
/// List, watch and get of one custom resource through KubernetesClient's generic custom-objects API, so
/// authentication (service-account token refresh, client certificates, exec plugins), TLS and the API server
/// address come from the client's configuration. Bodies stay <see cref="JsonElement"/>s; the caches decode them
/// with the source-generated models.
/// </summary>
internal sealed class KubernetesResourceClient(IKubernetes client, string group, string version, string plural) : IResourceClient
{
    public string Resource => $"{group}/{version}/{plural}";

    public async Task<ResourceListPage> ListPageAsync(string? continueToken, int limit, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<JsonElement>(
                group, version, plural, continueParameter: continueToken, limit: limit, cancellationToken: cancellationToken);
            var body = response.Body;
            IReadOnlyList<JsonElement> items = body.ValueKind == JsonValueKind.Object
                && body.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array
                ? [.. list.EnumerateArray()]
                : [];
            var metadata = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("metadata", out var m) ? m : default;
            var next = StringProperty(metadata, "continue");
            return new ResourceListPage(items, StringProperty(metadata, "resourceVersion") ?? string.Empty,
                string.IsNullOrEmpty(next) ? null : next);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Gone)
        {
            throw new ResourceGoneException($"list of {Resource}: the continue token expired (410 Gone)", e);
        }
    }

    public async IAsyncEnumerable<ResourceWatchEvent> WatchAsync(string resourceVersion, TimeSpan timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await OpenWatchAsync(resourceVersion, timeout, cancellationToken);
        if (response is null)
        {
            yield break;
        }

        // The library reports ERROR events (a Status object) and undecodable lines through this callback and goes
        // on reading; the stream ends right after an ERROR event, and the error is raised then.
        Exception? streamError = null;
#pragma warning disable CS0618 // WatchAsync is the library's watch-stream reader; its replacement is not in 21.x.
        var events = Task.FromResult(response).WatchAsync<JsonElement, JsonElement>(e => streamError ??= e, cancellationToken);
#pragma warning restore CS0618
        await foreach (var (type, item) in events.WithCancellation(cancellationToken))
        {
            switch (type)
            {
                case WatchEventType.Added:
                    yield return new ResourceWatchEvent(WatchEventKind.Added, item);
                    break;
                case WatchEventType.Modified:
                    yield return new ResourceWatchEvent(WatchEventKind.Modified, item);
                    break;
                case WatchEventType.Deleted:
                    yield return new ResourceWatchEvent(WatchEventKind.Deleted, item);
                    break;
                case WatchEventType.Bookmark:
                    yield return new ResourceWatchEvent(WatchEventKind.Bookmark, item);
                    break;
                default:
                    // An ERROR event whose object is no Status: nothing to apply; treat the stream as broken.
                    streamError ??= new IOException($"watch of {Resource}: ERROR event without a Status");
                    break;
            }
            if (streamError is not null)
            {
                break;
            }
        }
        switch (streamError)
        {
            case null:
                yield break;
            case KubernetesException { Status.Code: (int)HttpStatusCode.Gone } gone:
                throw new ResourceGoneException($"watch of {Resource} from resourceVersion {resourceVersion}: {gone.Status.Message}", gone);
            case KubernetesException status:
                throw new IOException($"watch of {Resource}: the API server sent an error ({status.Status?.Code} {status.Status?.Reason})", status);
            default:
                throw new IOException($"watch of {Resource}: the stream broke ({streamError.GetType().Name})", streamError);
        }
    }

    public async Task<JsonElement?> GetAsync(string? @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = @namespace is null
                ? await client.CustomObjects.GetClusterCustomObjectWithHttpMessagesAsync<JsonElement>(group, version, plural, name,
                    cancellationToken: cancellationToken)
                : await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(group, version, @namespace, plural, name,
                    cancellationToken: cancellationToken);
            return response.Body;
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Opens the watch; null when the server closed the stream before sending a single line.</summary>
    private async Task<HttpOperationResponse<JsonElement>?> OpenWatchAsync(string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            // The client returns once the first line has arrived (it decodes that line as the response body and
            // leaves the rest of the stream to WatchAsync).
            return await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<JsonElement>(
                group, version, plural, allowWatchBookmarks: true, resourceVersion: resourceVersion,
                timeoutSeconds: (int)Math.Max(1, timeout.TotalSeconds), watch: true, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Gone)
        {
            throw new ResourceGoneException($"watch of {Resource} from resourceVersion {resourceVersion}: 410 Gone", e);
        }
        catch (Exception e) when (e is EndOfStreamException || e.InnerException is EndOfStreamException)
        {
            return null;
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
