using AdmissionWebhook.Certificates;
using AdmissionWebhook.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdmissionWebhook.Health;

/// <summary>
/// Ready when a serving certificate is loaded and the cluster view has synced: until then the Service sends no
/// traffic, because every review that needs a lookup would be answered 503.
/// </summary>
internal sealed class ReadinessCheck(IServingCertificate certificate, IClusterSource cluster) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (certificate.Current.NotAfter < DateTime.Now)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"the serving certificate from {certificate.Source} has expired"));
        }
        return Task.FromResult(cluster.IsSynced
            ? HealthCheckResult.Healthy($"certificate loaded; cluster view synced ({cluster.Description})")
            : HealthCheckResult.Unhealthy($"cluster view not synced yet ({cluster.Description})"));
    }
}
