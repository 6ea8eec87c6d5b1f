using System.Text.Json;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>
/// A list-and-watch cache of one resource, modelled on client-go's reflector (and YARP's ResourceInformer): list all
/// pages (limit/continue), remember the list's resourceVersion, watch from there with bookmarks, apply each event to
/// the store, re-watch a closed or broken stream after an exponential back-off with jitter, and re-list on 410 Gone.
/// After the first list the store keeps answering whatever happens to the API server.
/// </summary>
internal sealed class ResourceInformer<TInfo> : IResourceCacheStatistics
    where TInfo : class
{
    /// <summary>How long past its timeout a watch may stay open before it counts as a dead connection.</summary>
    private static readonly TimeSpan StaleWatchGrace = TimeSpan.FromSeconds(30);

    private readonly IResourceClient _client;
    private readonly IResourceStore<TInfo> _store;
    private readonly ClusterViewOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _resourceVersion = string.Empty;
    private bool _reachable = true;
    private string? _lastError;
    private long _lists;
    private long _watches;
    private long _watchEvents;

    public ResourceInformer(IResourceClient client, IResourceStore<TInfo> store, ClusterViewOptions options, ILogger logger, TimeProvider time)
    {
        _client = client;
        _store = store;
        _options = options;
        _logger = logger;
        _time = time;
    }

    public string Resource => _client.Resource;

    public bool IsSynced => _synced.Task.IsCompleted;

    /// <summary>Completes when the first complete list has been applied.</summary>
    public Task Synced => _synced.Task;

    public int Count => _store.Count;

    public long Lists => Interlocked.Read(ref _lists);

    public long WatchRestarts => Math.Max(0, Interlocked.Read(ref _watches) - 1);

    public long WatchEvents => Interlocked.Read(ref _watchEvents);

    public bool ApiServerReachable => Volatile.Read(ref _reachable);

    public string? LastError => Volatile.Read(ref _lastError);

    public string ResourceVersion => Volatile.Read(ref _resourceVersion);

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(_options.InitialBackoff, _options.MaxBackoff);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ListAsync(cancellationToken);
                backoff.Reset();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var wait = backoff.Next();
                ClusterLog.ListFailed(_logger, Resource, e.Message, wait.TotalMilliseconds);
                MarkUnreachable(e, "list", wait);
                await DelayAsync(wait, cancellationToken);
                continue;
            }
            await WatchUntilGoneAsync(backoff, cancellationToken);
        }
    }

    /// <summary>Re-watches from the last resourceVersion until the API server says it is gone (then the caller re-lists).</summary>
    private async Task WatchUntilGoneAsync(Backoff backoff, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = 0;
            var started = _time.GetTimestamp();
            TimeSpan wait;
            Interlocked.Increment(ref _watches);
            // As client-go does, spread the server-side timeouts of many watchers over [timeout, 2 x timeout), and
            // give up on a stream that outlives its timeout: the connection is half-open and no close will come.
            var timeout = _options.WatchTimeout * (1 + Random.Shared.NextDouble());
            using var stale = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stale.CancelAfter(timeout + StaleWatchGrace);
            try
            {
                await foreach (var watchEvent in _client.WatchAsync(ResourceVersion, timeout, stale.Token))
                {
                    MarkReachable();
                    Apply(watchEvent);
                    events++;
                }
                MarkReachable();
                // A watch that delivered events or ran for long was healthy: the next close starts the back-off over.
                if (events > 0 || _time.GetElapsedTime(started) >= _options.MaxBackoff)
                {
                    backoff.Reset();
                }
                wait = backoff.Next();
                ClusterLog.WatchClosed(_logger, Resource, events, ResourceVersion, wait.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ResourceGoneException)
            {
                MarkReachable();
                ClusterLog.WatchGone(_logger, Resource, ResourceVersion);
                return;
            }
            catch (Exception e)
            {
                wait = backoff.Next();
                MarkUnreachable(e, "watch", wait);
            }
            await DelayAsync(wait, cancellationToken);
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<TInfo>();
        string? continueToken = null;
        var resourceVersion = string.Empty;
        var pages = 0;
        do
        {
            var page = await _client.ListPageAsync(continueToken, _options.PageSize, cancellationToken);
            pages++;
            foreach (var item in page.Items)
            {
                if (TryDecode(item) is { } info)
                {
                    items.Add(info);
                }
            }
            continueToken = page.Continue;
            resourceVersion = page.ResourceVersion;
        }
        while (continueToken is not null);

        _store.Replace(items);
        Volatile.Write(ref _resourceVersion, resourceVersion);
        Interlocked.Increment(ref _lists);
        MarkReachable();
        ClusterLog.Listed(_logger, Resource, items.Count, pages, resourceVersion);
        _synced.TrySetResult();
    }

    private void Apply(ResourceWatchEvent watchEvent)
    {
        switch (watchEvent.Kind)
        {
            case WatchEventKind.Added or WatchEventKind.Modified:
                if (TryDecode(watchEvent.Object) is { } info)
                {
                    _store.Upsert(info);
                }
                Interlocked.Increment(ref _watchEvents);
                break;
            case WatchEventKind.Deleted:
                _store.Remove(watchEvent.Object);
                Interlocked.Increment(ref _watchEvents);
                break;
            case WatchEventKind.Bookmark:
                break;
        }
        var resourceVersion = ObjectKeys.ResourceVersion(watchEvent.Object);
        if (resourceVersion.Length > 0)
        {
            Volatile.Write(ref _resourceVersion, resourceVersion);
        }
    }

    private TInfo? TryDecode(JsonElement item)
    {
        try
        {
            return _store.Decode(item);
        }
        catch (JsonException e)
        {
            ClusterLog.Undecodable(_logger, Resource, ObjectKeys.Name(item), e.Message);
            return null;
        }
    }

    private void MarkReachable()
    {
        Volatile.Write(ref _lastError, null);
        if (!Volatile.Read(ref _reachable))
        {
            Volatile.Write(ref _reachable, true);
            ClusterLog.ApiServerRestored(_logger, Resource);
        }
    }

    private void MarkUnreachable(Exception e, string operation, TimeSpan retry)
    {
        Volatile.Write(ref _lastError, $"{operation} {Resource}: {e.Message}");
        if (Volatile.Read(ref _reachable))
        {
            Volatile.Write(ref _reachable, false);
            ClusterLog.ApiServerLost(_logger, e, Resource, operation, retry.TotalMilliseconds);
        }
    }

    private async Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the caller's loop ends.
        }
    }
}
