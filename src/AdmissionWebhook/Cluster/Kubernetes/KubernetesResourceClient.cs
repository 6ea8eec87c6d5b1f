using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>
/// List, watch and get of one custom resource, cluster-wide, over the HTTP client KubernetesClient builds from its
/// configuration, so authentication (service-account token refresh, client certificates, exec plugins), TLS and the
/// API server address are the library's. The requests themselves are written here: the library's AOT build has no
/// watch reader and decodes bodies only into its own models, and bodies stay <see cref="JsonElement"/>s that the caches
/// decode with the source-generated models.
/// </summary>
internal sealed class KubernetesResourceClient(k8s.Kubernetes client, string group, string version, string plural) : IResourceClient
{
    /// <summary>
    /// Bound of one list page or get: KubernetesClient's own request timeout (<c>HttpClientTimeout</c>, 100 s), which
    /// applied while the library sent these requests. Watches are bounded by their <c>timeoutSeconds</c> instead.
    /// </summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    public string Resource => $"{group}/{version}/{plural}";

    public async Task<ResourceListPage> ListPageAsync(string? continueToken, int limit, CancellationToken cancellationToken)
    {
        var query = $"limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (continueToken is not null)
        {
            query += "&continue=" + Uri.EscapeDataString(continueToken);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var response = await SendAsync($"apis/{group}/{version}/{plural}?{query}", timeout.Token);
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            throw new ResourceGoneException($"list of {Resource}: the continue token expired (410 Gone)");
        }
        EnsureSuccess(response, "list");
        var body = await ReadBodyAsync(response, timeout.Token);
        IReadOnlyList<JsonElement> items = body.ValueKind == JsonValueKind.Object
            && body.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray()]
            : [];
        var metadata = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("metadata", out var m) ? m : default;
        var next = StringProperty(metadata, "continue");
        return new ResourceListPage(items, StringProperty(metadata, "resourceVersion") ?? string.Empty,
            string.IsNullOrEmpty(next) ? null : next);
    }

    public async IAsyncEnumerable<ResourceWatchEvent> WatchAsync(string resourceVersion, TimeSpan timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Max(1, timeout.TotalSeconds);
        var path = $"apis/{group}/{version}/{plural}?allowWatchBookmarks=true&resourceVersion={Uri.EscapeDataString(resourceVersion)}"
            + $"&timeoutSeconds={seconds.ToString(CultureInfo.InvariantCulture)}&watch=true";
        using var response = await SendAsync(path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            throw new ResourceGoneException($"watch of {Resource} from resourceVersion {resourceVersion}: 410 Gone");
        }
        EnsureSuccess(response, "watch");
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        // One JSON event per line until the server closes the stream (at timeoutSeconds, or earlier).
        while (await ReadLineAsync(reader, cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var (kind, item) = ParseEvent(line, resourceVersion);
            yield return new ResourceWatchEvent(kind, item);
        }
    }

    public async Task<JsonElement?> GetAsync(string? @namespace, string name, CancellationToken cancellationToken)
    {
        var path = @namespace is null
            ? $"apis/{group}/{version}/{plural}/{Uri.EscapeDataString(name)}"
            : $"apis/{group}/{version}/namespaces/{Uri.EscapeDataString(@namespace)}/{plural}/{Uri.EscapeDataString(name)}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var response = await SendAsync(path, timeout.Token);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        EnsureSuccess(response, "get");
        return await ReadBodyAsync(response, timeout.Token);
    }

    /// <summary>A GET with the client's credentials; returns once the headers have arrived.</summary>
    private async Task<HttpResponseMessage> SendAsync(string relative, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, relative));
        request.Headers.Accept.ParseAdd("application/json");
        if (client.Credentials is { } credentials)
        {
            // Adds the bearer token (refreshed from the token file or exec plugin) or basic credentials.
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }
        return await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Any other error status: the callers retry with back-off (list, watch) or report the lookup unavailable (get).</summary>
    private void EnsureSuccess(HttpResponseMessage response, string call)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{call} of {Resource}: the API server answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, ApiServerJsonContext.Default.JsonElement, cancellationToken);
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is HttpIOException or IOException)
        {
            throw new IOException("the watch stream broke", e);
        }
    }

    /// <summary>
    /// One watch line: <c>{"type": ..., "object": ...}</c>. An ERROR event carries a Status: 410 means the
    /// resourceVersion is too old (only a fresh list helps); anything else, and a line that is no event, breaks the
    /// stream, and the informer watches again after its back-off.
    /// </summary>
    private (WatchEventKind Kind, JsonElement Object) ParseEvent(string line, string resourceVersion)
    {
        JsonElement watchEvent;
        try
        {
            watchEvent = JsonSerializer.Deserialize(line, ApiServerJsonContext.Default.JsonElement);
        }
        catch (JsonException e)
        {
            throw new IOException($"watch of {Resource}: the stream broke ({e.GetType().Name})", e);
        }
        var type = StringProperty(watchEvent, "type");
        var item = watchEvent.ValueKind == JsonValueKind.Object && watchEvent.TryGetProperty("object", out var o) ? o : default;
        switch (type)
        {
            case "ADDED":
                return (WatchEventKind.Added, item);
            case "MODIFIED":
                return (WatchEventKind.Modified, item);
            case "DELETED":
                return (WatchEventKind.Deleted, item);
            case "BOOKMARK":
                return (WatchEventKind.Bookmark, item);
            case "ERROR" when StringProperty(item, "kind") == "Status":
                var code = item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
                if (code == (int)HttpStatusCode.Gone)
                {
                    throw new ResourceGoneException(
                        $"watch of {Resource} from resourceVersion {resourceVersion}: {StringProperty(item, "message")}");
                }
                throw new IOException($"watch of {Resource}: the API server sent an error ({code} {StringProperty(item, "reason")})");
            case "ERROR":
                throw new IOException($"watch of {Resource}: ERROR event without a Status");
            default:
                throw new IOException($"watch of {Resource}: an event of unknown type");
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
