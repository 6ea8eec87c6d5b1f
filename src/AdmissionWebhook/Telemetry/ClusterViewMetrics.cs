using System.Diagnostics;
using System.Diagnostics.Metrics;
using AdmissionWebhook.Certificates;
using AdmissionWebhook.Cluster;

namespace AdmissionWebhook.Telemetry;

/// <summary>
/// Observable instruments for the state the webhook depends on: the cluster view (synced, objects, lists, watch
/// restarts, fallback GETs, API server reachability) and the serving certificate's expiry. Read at scrape time.
/// </summary>
internal sealed class ClusterViewMetrics
{
    public ClusterViewMetrics(AdmissionTelemetry telemetry, IClusterSource source, IClusterViewStatistics statistics, IServingCertificate certificate)
    {
        var meter = telemetry.Meter;
        meter.CreateObservableGauge(AdmissionTelemetry.ClusterSyncedName, () => source.IsSynced ? 1 : 0, "{boolean}", "1 once every cache of the cluster view has synced");
        meter.CreateObservableGauge(AdmissionTelemetry.ClusterObjectsName, () => PerCache(statistics, c => c.Count), "{object}", "Objects held by each cache");
        meter.CreateObservableCounter(AdmissionTelemetry.ClusterListsName, () => PerCache(statistics, c => c.Lists), "{list}", "Complete lists applied by each cache");
        meter.CreateObservableCounter(AdmissionTelemetry.ClusterWatchRestartsName, () => PerCache(statistics, c => c.WatchRestarts), "{watch}", "Watches re-opened after a closed stream, an error or 410 Gone");
        meter.CreateObservableCounter(AdmissionTelemetry.ClusterWatchEventsName, () => PerCache(statistics, c => c.WatchEvents), "{event}", "Watch events applied");
        meter.CreateObservableGauge(AdmissionTelemetry.ClusterReachableName, () => PerCache(statistics, c => c.ApiServerReachable ? 1L : 0L), "{boolean}", "0 while the API server cannot be reached");
        meter.CreateObservableCounter(AdmissionTelemetry.ClusterFallbacksName, () => statistics.FallbackGets, "{request}", "Live GETs for NADs missing from the cache");
        meter.CreateObservableCounter(AdmissionTelemetry.ClusterFallbackFailuresName, () => statistics.FallbackGetFailures, "{request}", "Fallback GETs that failed (the review got 503)");
        meter.CreateObservableCounter(AdmissionTelemetry.ClusterNegativeHitsName, () => statistics.NegativeCacheHits, "{lookup}", "Misses answered from the negative cache");
        meter.CreateObservableGauge(AdmissionTelemetry.CertificateExpiryName,
            () => new DateTimeOffset(certificate.Current.NotAfter.ToUniversalTime()).ToUnixTimeSeconds(), "s",
            "Expiry of the serving certificate, in seconds since the Unix epoch");
    }

    private static IEnumerable<Measurement<long>> PerCache(IClusterViewStatistics statistics, Func<IResourceCacheStatistics, long> value) =>
        statistics.Caches.Select(cache => new Measurement<long>(value(cache), new TagList { { "resource", cache.Resource } }));
}
