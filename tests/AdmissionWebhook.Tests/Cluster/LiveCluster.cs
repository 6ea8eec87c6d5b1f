using AdmissionWebhook.Cluster.Kubernetes;

namespace AdmissionWebhook.Tests.Cluster;

/// <summary>The real live cluster view (real KubernetesClient, real HTTP) against a <see cref="FakeApiServer"/>.</summary>
internal sealed class LiveCluster : IAsyncDisposable
{
    /// <summary>
    /// Small pages to exercise pagination and short back-off so retries come quickly; the fallback GET's timeout is
    /// generous, so a loaded machine does not turn a cache miss into "unavailable" (the test of the bound sets its own).
    /// </summary>
    public static ClusterViewOptions FastOptions() => new()
    {
        PageSize = 2,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
        FallbackGetTimeout = TimeSpan.FromSeconds(30),
        NegativeCacheTtl = TimeSpan.FromMinutes(1),
        WatchTimeout = TimeSpan.FromMinutes(1),
    };

    public LiveCluster(ClusterViewOptions? options = null)
    {
        var client = Api.CreateClient();
        Source = KubernetesClusterSourceFactory.Create(client, "fake API server", options ?? FastOptions(), Logger, TimeProvider.System, owned: client);
    }

    public FakeApiServer Api { get; } = new();

    public RecordingLogger<KubernetesClusterSource> Logger { get; } = new();

    public KubernetesClusterSource Source { get; }

    public void Start() => Source.Start();

    /// <summary>Starts and waits for both caches to sync.</summary>
    public async Task StartSyncedAsync()
    {
        Source.Start();
        await Source.WhenSyncedAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the <paramref name="count"/>-th watch request of <paramref name="path"/> has arrived; returns it.</summary>
    public async Task<WireMock.IRequestMessage> WatchRequestAsync(string path, int count)
    {
        await Eventually.HoldsAsync(() => Api.Requests(path, watch: true).Count >= count, $"watch request #{count} of {path}");
        return Api.Requests(path, watch: true)[count - 1];
    }

    public bool Logged(int eventId) => Logger.Entries.Any(e => e.EventId == eventId);

    public async ValueTask DisposeAsync()
    {
        await Source.StopAsync();
        Source.Dispose();
        Api.Dispose();
    }
}
