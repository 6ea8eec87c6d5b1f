namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>Starts the live cluster view's list-and-watch loops with the host and stops them with it.</summary>
internal sealed class ClusterSourceHostedService(IClusterSource source) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        (source as KubernetesClusterSource)?.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        source is KubernetesClusterSource live ? live.StopAsync().WaitAsync(cancellationToken) : Task.CompletedTask;
}
