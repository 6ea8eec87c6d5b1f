using System.Collections.Concurrent;
using System.Text.Json;
using AdmissionWebhook.Resources;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>
/// The cluster view read from the API server: list-and-watch caches of NADs (all namespaces) and Subnets that answer
/// every lookup from memory. A NAD missing from the cache gets one bounded live GET (it may have been created a
/// moment ago and not reached the watch yet). A lookup that cannot be answered throws
/// <see cref="LookupUnavailableException"/>, which the transport turns into HTTP 503.
/// </summary>
internal sealed class KubernetesClusterSource : IClusterSource, IClusterViewStatistics, IDisposable
{
    private readonly IResourceClient _nadClient;
    private readonly ClusterViewOptions _options;
    private readonly ILogger _logger;
    private readonly NadStore _nads = new();
    private readonly SubnetStore _subnets = new();
    private readonly NegativeCache _missing;
    private readonly ConcurrentDictionary<NamespacedName, Lazy<Task<NadInfo?>>> _gets = new();
    private readonly ResourceInformer<NadInfo> _nadInformer;
    private readonly ResourceInformer<SubnetInfo> _subnetInformer;
    private readonly IDisposable? _owned;
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;
    private long _fallbackGets;
    private long _fallbackGetFailures;
    private long _negativeHits;
    private int _disposed;

    public KubernetesClusterSource(IResourceClient nadClient, IResourceClient subnetClient, string description,
        ClusterViewOptions options, ILogger<KubernetesClusterSource> logger, TimeProvider time, IDisposable? owned = null)
    {
        _nadClient = nadClient;
        _options = options;
        _logger = logger;
        _owned = owned;
        Description = description;
        _missing = new NegativeCache(options.NegativeCacheTtl, time);
        _nadInformer = new ResourceInformer<NadInfo>(nadClient, _nads, options, logger, time);
        _subnetInformer = new ResourceInformer<SubnetInfo>(subnetClient, _subnets, options, logger, time);
        Caches = [_nadInformer, _subnetInformer];
    }

    public string Description { get; }

    public bool IsSynced => _nadInformer.IsSynced && _subnetInformer.IsSynced;

    public IReadOnlyList<IResourceCacheStatistics> Caches { get; }

    public long FallbackGets => Interlocked.Read(ref _fallbackGets);

    public long FallbackGetFailures => Interlocked.Read(ref _fallbackGetFailures);

    public long NegativeCacheHits => Interlocked.Read(ref _negativeHits);

    /// <summary>The NAD cache's figures.</summary>
    public IResourceCacheStatistics NadCache => _nadInformer;

    /// <summary>The Subnet cache's figures.</summary>
    public IResourceCacheStatistics SubnetCache => _subnetInformer;

    /// <summary>What the NAD cache holds (no fallback GET), for tests and diagnostics.</summary>
    internal NadStore Nads => _nads;

    /// <summary>What the Subnet cache holds, for tests and diagnostics.</summary>
    internal SubnetStore Subnets => _subnets;

    /// <summary>Completes when every cache has synced (for tests and start-up diagnostics).</summary>
    public Task WhenSyncedAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_nadInformer.Synced, _subnetInformer.Synced).WaitAsync(cancellationToken);

    /// <summary>Starts listing and watching in the background; readiness follows <see cref="IsSynced"/>.</summary>
    public void Start()
    {
        var token = _stopping.Token;
        _running = Task.WhenAll(RunAsync(_nadInformer, token), RunAsync(_subnetInformer, token));
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _running;
    }

    /// <summary>The cache's answer, or its negative cache's; false when only the fallback GET can tell.</summary>
    public bool TryFindNad(NamespacedName name, out NadInfo? nad)
    {
        if (!_nadInformer.IsSynced)
        {
            throw new LookupUnavailableException("the NetworkAttachmentDefinition cache has not synced yet");
        }
        nad = _nads.Find(name);
        if (nad is not null)
        {
            return true;
        }
        if (_missing.Contains(name))
        {
            Interlocked.Increment(ref _negativeHits);
            return true;
        }
        return false;
    }

    public async ValueTask<NadInfo?> FindNadAsync(NamespacedName name, CancellationToken cancellationToken)
    {
        if (!_nadInformer.IsSynced)
        {
            throw new LookupUnavailableException("the NetworkAttachmentDefinition cache has not synced yet");
        }
        if (_nads.Find(name) is { } cached)
        {
            return cached;
        }
        if (_missing.Contains(name))
        {
            Interlocked.Increment(ref _negativeHits);
            return null;
        }
        // Reviews arriving together for the same missing NAD share one GET; each waits only as long as its own deadline.
        var get = _gets.GetOrAdd(name, static (key, self) => new Lazy<Task<NadInfo?>>(() => self.GetNadAsync(key)), this);
        try
        {
            return await get.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _gets.TryRemove(new KeyValuePair<NamespacedName, Lazy<Task<NadInfo?>>>(name, get));
        }
    }

    public IReadOnlyList<SubnetInfo> FindSubnetsByProvider(string provider) =>
        _subnetInformer.IsSynced ? _subnets.FindByProvider(provider) : throw SubnetsNotSynced();

    public IReadOnlyCollection<SubnetInfo> AllSubnets() => _subnetInformer.IsSynced ? _subnets.All() : throw SubnetsNotSynced();

    public IReadOnlyList<SubnetInfo> FindOverlappingSubnets(SubnetInfo subnet) =>
        _subnetInformer.IsSynced ? _subnets.FindOverlapping(subnet) : throw SubnetsNotSynced();

    /// <summary>The one live GET for a NAD the cache does not hold, bounded by <see cref="ClusterViewOptions.FallbackGetTimeout"/>.</summary>
    private async Task<NadInfo?> GetNadAsync(NamespacedName name)
    {
        Interlocked.Increment(ref _fallbackGets);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.FallbackGetTimeout);
        string reason;
        Exception failure;
        try
        {
            var found = await _nadClient.GetAsync(name.Namespace, name.Name, timeout.Token);
            if (found is not { } item)
            {
                _missing.Add(name);
                return null;
            }
            // Not stored: the watch delivers the object shortly, and only the informer writes the store.
            return _nads.Decode(item);
        }
        catch (OperationCanceledException e)
        {
            (reason, failure) = ($"no answer within {_options.FallbackGetTimeout.TotalMilliseconds:F0} ms", e);
        }
        catch (HttpRequestException e) when (e.StatusCode is { } status)
        {
            (reason, failure) = ($"the API server answered {(int)status}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
        {
            (reason, failure) = ($"{e.GetType().Name}: {e.Message}", e);
        }
        Interlocked.Increment(ref _fallbackGetFailures);
        ClusterLog.FallbackGetFailed(_logger, name.ToString(), reason);
        throw new LookupUnavailableException(
            $"NetworkAttachmentDefinition {name} is not in the cache and the API server could not be asked ({reason})", failure);
    }

    private static LookupUnavailableException SubnetsNotSynced() => new("the Subnet cache has not synced yet");

    private async Task RunAsync<TInfo>(ResourceInformer<TInfo> informer, CancellationToken cancellationToken)
        where TInfo : class
    {
        try
        {
            await Task.Run(() => informer.RunAsync(cancellationToken), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The informer handles every API failure itself; reaching here is a bug. Keep the host alive: the cache
            // stays as it was, and readiness tells if it never synced.
            ClusterLog.InformerCrashed(_logger, e, informer.Resource);
        }
    }

    public void Dispose()
    {
        // DI may dispose this twice: it is registered both as the cluster source and as the statistics.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _stopping.Cancel();
        _stopping.Dispose();
        _owned?.Dispose();
    }
}
