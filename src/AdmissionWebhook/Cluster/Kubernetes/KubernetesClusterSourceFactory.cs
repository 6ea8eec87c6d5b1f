using AdmissionWebhook.Resources;
using k8s;

namespace AdmissionWebhook.Cluster.Kubernetes;

/// <summary>Builds the live cluster view from KubernetesClient's configuration (kubeconfig file(s) or in-cluster).</summary>
internal static class KubernetesClusterSourceFactory
{
    public static KubernetesClusterSource Create(ClusterSourceChoice choice, ClusterViewOptions options, ILoggerFactory loggers, TimeProvider time)
    {
        var configuration = choice.Kind switch
        {
            ClusterSourceKind.InCluster => KubernetesClientConfiguration.InClusterConfig(),
            ClusterSourceKind.Kubeconfig => FromKubeconfig(choice.Path!),
            _ => throw new ArgumentOutOfRangeException(nameof(choice), choice.Kind, "not an API server source"),
        };
        var client = new k8s.Kubernetes(configuration);
        var logger = loggers.CreateLogger<KubernetesClusterSource>();
        ClusterLog.SourceSelected(logger, configuration.Host, choice.Reason);
        return Create(client, $"API server {configuration.Host} ({choice.Reason})", options, logger, time, owned: client);
    }

    /// <summary>The cluster view over an existing client (tests point one at WireMock).</summary>
    public static KubernetesClusterSource Create(k8s.Kubernetes client, string description, ClusterViewOptions options,
        ILogger<KubernetesClusterSource> logger, TimeProvider time, IDisposable? owned = null)
    {
        var nad = NetworkAttachmentDefinition.Descriptor;
        var subnet = Subnet.Descriptor;
        return new KubernetesClusterSource(
            new KubernetesResourceClient(client, nad.Group, nad.Version, nad.Plural),
            new KubernetesResourceClient(client, subnet.Group, subnet.Version, subnet.Plural),
            description, options, logger, time, owned);
    }

    /// <summary>One path, or several joined like <c>KUBECONFIG</c> (merged as kubectl does, the first file winning).</summary>
    private static KubernetesClientConfiguration FromKubeconfig(string paths)
    {
        var files = paths.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (files.Length == 1)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(files[0]);
        }
        // Several files only come from KUBECONFIG, which the client's default configuration merges itself.
        return KubernetesClientConfiguration.BuildDefaultConfig();
    }
}
