using AdmissionWebhook.Manifests;
using AdmissionWebhook.Resources;
using AdmissionWebhook.Telemetry;

namespace AdmissionWebhook.Cluster;

/// <summary>
/// The cluster view read from a folder of manifests (every *.yaml, *.yml and *.json in it). A malformed file fails
/// start-up with its name; later changes are picked up by a watcher and a poll, and a bad edit keeps the last good view.
/// </summary>
internal sealed class ManifestClusterSource : IClusterSource, IDisposable
{
    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer _poll;
    private readonly ITimer _debounce;
    private readonly Lock _reloadLock = new();
    private ClusterSnapshot _snapshot;
    private string _fingerprint;

    public ManifestClusterSource(string directory, TimeSpan pollInterval, ILogger<ManifestClusterSource> logger, TimeProvider time)
    {
        _directory = Path.GetFullPath(directory);
        _logger = logger;
        _fingerprint = Fingerprint();
        _snapshot = Load();
        // Editors and kubectl cp write in several steps: wait for a quiet moment before reading, so a
        // half-written file is not taken for the new state.
        _debounce = time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (Directory.Exists(_directory))
        {
            _watcher = new FileSystemWatcher(_directory) { EnableRaisingEvents = true };
            _watcher.Changed += (_, _) => ScheduleReload();
            _watcher.Created += (_, _) => ScheduleReload();
            _watcher.Deleted += (_, _) => ScheduleReload();
            _watcher.Renamed += (_, _) => ScheduleReload();
        }
        _poll = time.CreateTimer(_ => Reload(), null, pollInterval, pollInterval);
    }

    public bool IsSynced => true;

    public string Description => $"manifests in {_directory}";

    public ClusterSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public bool TryFindNad(NamespacedName name, out NadInfo? nad) => Snapshot.TryFindNad(name, out nad);

    public ValueTask<NadInfo?> FindNadAsync(NamespacedName name, CancellationToken cancellationToken) =>
        Snapshot.FindNadAsync(name, cancellationToken);

    public IReadOnlyList<SubnetInfo> FindSubnetsByProvider(string provider) => Snapshot.FindSubnetsByProvider(provider);

    public IReadOnlyCollection<SubnetInfo> AllSubnets() => Snapshot.AllSubnets();

    public IReadOnlyList<SubnetInfo> FindOverlappingSubnets(SubnetInfo subnet) => Snapshot.FindOverlappingSubnets(subnet);

    private void ScheduleReload() => _debounce.Change(DebounceDelay, Timeout.InfiniteTimeSpan);

    private static readonly TimeSpan DebounceDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>Re-reads the folder when its files changed; returns true when a new view is in place.</summary>
    public bool Reload()
    {
        lock (_reloadLock)
        {
            var fingerprint = Fingerprint();
            if (fingerprint == _fingerprint)
            {
                return false;
            }
            try
            {
                Volatile.Write(ref _snapshot, Load());
                _fingerprint = fingerprint;
                return true;
            }
            catch (ManifestException e)
            {
                Log.ClusterViewReloadFailed(_logger, e, _directory);
                return false;
            }
        }
    }

    private ClusterSnapshot Load()
    {
        var snapshot = ClusterManifests.ToSnapshot(ManifestReader.ReadDirectory(_directory));
        Log.ClusterViewLoaded(_logger, snapshot.NadCount, snapshot.SubnetCount, _directory);
        return snapshot;
    }

    private string Fingerprint()
    {
        if (!Directory.Exists(_directory))
        {
            return string.Empty;
        }
        var files = Directory.EnumerateFiles(_directory).Where(ManifestReader.IsManifestFile).Order(StringComparer.Ordinal)
            .Select(f => new FileInfo(f)).Select(f => $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}");
        return string.Join('|', files);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _poll.Dispose();
        _debounce.Dispose();
    }
}
