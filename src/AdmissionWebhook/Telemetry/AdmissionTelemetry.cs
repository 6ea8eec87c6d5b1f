using System.Diagnostics.Metrics;

namespace AdmissionWebhook.Telemetry;

/// <summary>
/// The webhook's one Meter and every instrument name, in one place (ClusterViewMetrics adds the observable ones).
/// Dashboards and alerts depend on these names: change them only deliberately. Spans are the ASP.NET Core request
/// spans, tagged by <see cref="ReviewRecorder"/>.
/// </summary>
internal sealed class AdmissionTelemetry : IDisposable
{
    public const string Name = "AdmissionWebhook";

    public const string ReviewsName = "admission.reviews";
    public const string ReviewDurationName = "admission.review.duration";
    public const string RuleFailuresName = "admission.rule.failures";
    public const string InFlightName = "admission.requests.in_flight";
    public const string CertificateExpiryName = "admission.certificate.expiry";
    public const string ClusterSyncedName = "admission.cluster.synced";
    public const string ClusterObjectsName = "admission.cluster.objects";
    public const string ClusterListsName = "admission.cluster.lists";
    public const string ClusterWatchRestartsName = "admission.cluster.watch.restarts";
    public const string ClusterWatchEventsName = "admission.cluster.watch.events";
    public const string ClusterReachableName = "admission.cluster.api_server.reachable";
    public const string ClusterFallbacksName = "admission.cluster.lookup.fallbacks";
    public const string ClusterFallbackFailuresName = "admission.cluster.lookup.fallback_failures";
    public const string ClusterNegativeHitsName = "admission.cluster.lookup.negative_hits";
    public const string BuildInfoName = "admission_webhook.build_info";
    public const string GcSettingsName = "admission_webhook.gc_settings";

    /// <summary>
    /// The API server's own webhook histogram buckets (5 ms, 25 ms, 100 ms, 500 ms, 1 s, 2.5 s, 10 s, 25 s), so both
    /// sides line up, plus finer ones below 5 ms where a healthy webhook actually answers.
    /// </summary>
    public static readonly double[] DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25];

    public AdmissionTelemetry(IMeterFactory meters)
    {
        Meter = meters.Create(Name);
        Reviews = Meter.CreateCounter<long>(ReviewsName, "{review}", "Admission reviews answered, by webhook, resource, operation and decision");
        ReviewDuration = Meter.CreateHistogram(ReviewDurationName, "s", "Time from reading the request to writing the answer",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        RuleFailures = Meter.CreateCounter<long>(RuleFailuresName, "{failure}", "Rule failures, warnings and mutations, by rule code and action");
        InFlight = Meter.CreateUpDownCounter<long>(InFlightName, "{request}", "Admission requests being reviewed");
        // The Prometheus convention for build metadata: a constant 1 whose label carries the version, so a
        // dashboard can show which version each replica runs (and spot a half-finished roll-out).
        Meter.CreateObservableGauge(BuildInfoName, () => new Measurement<long>(1, new KeyValuePair<string, object?>("version", Hosting.BuildInfo.Version)),
            description: "Always 1; the version label is the running build's version");
        var gc = GcSettings.Current.Labels();
        Meter.CreateObservableGauge(GcSettingsName, () => new Measurement<long>(1, gc),
            description: "Always 1; the labels are the GC modes the runtime applied (server, concurrent)");
    }

    public Meter Meter { get; }

    public Counter<long> Reviews { get; }

    public Histogram<double> ReviewDuration { get; }

    public Counter<long> RuleFailures { get; }

    public UpDownCounter<long> InFlight { get; }

    public void Dispose() => Meter.Dispose();
}
