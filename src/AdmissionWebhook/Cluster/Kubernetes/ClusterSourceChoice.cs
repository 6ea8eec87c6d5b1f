namespace AdmissionWebhook.Cluster.Kubernetes;

internal enum ClusterSourceKind
{
    /// <summary>A folder of manifests (the configured one, or the examples shipped beside the binary).</summary>
    Manifests,

    /// <summary>The API server named by a kubeconfig file (<c>--kubeconfig</c> or <c>KUBECONFIG</c>).</summary>
    Kubeconfig,

    /// <summary>The API server of the pod's own cluster, with its service-account token.</summary>
    InCluster,
}

/// <summary>Which cluster view the webhook uses, and why (logged at start-up).</summary>
internal sealed record ClusterSourceChoice(ClusterSourceKind Kind, string? Path, string Reason)
{
    /// <summary>
    /// The selection rules, in order: <c>--kubeconfig FILE</c>; <c>--manifests DIR</c>; in a pod, the in-cluster
    /// configuration; the <c>KUBECONFIG</c> environment variable; otherwise the shipped example manifests. Explicit
    /// switches beat the environment, so either source can be forced; giving both switches is an error.
    /// </summary>
    public static ClusterSourceChoice Choose(string? kubeconfigOption, string? manifestsOption, bool inCluster, string? kubeconfigEnvironment)
    {
        var hasKubeconfig = !string.IsNullOrWhiteSpace(kubeconfigOption);
        var hasManifests = !string.IsNullOrWhiteSpace(manifestsOption);
        if (hasKubeconfig && hasManifests)
        {
            throw new InvalidOperationException(
                "both --kubeconfig and --manifests are set: the cluster view reads either the API server or a manifests folder, pick one");
        }
        if (hasKubeconfig)
        {
            return new(ClusterSourceKind.Kubeconfig, kubeconfigOption, "--kubeconfig");
        }
        if (hasManifests)
        {
            return new(ClusterSourceKind.Manifests, manifestsOption, "--manifests");
        }
        if (inCluster)
        {
            return new(ClusterSourceKind.InCluster, null, "running in a pod (in-cluster configuration)");
        }
        if (!string.IsNullOrWhiteSpace(kubeconfigEnvironment))
        {
            return new(ClusterSourceKind.Kubeconfig, kubeconfigEnvironment, "KUBECONFIG environment variable");
        }
        return new(ClusterSourceKind.Manifests, null, "no API server configured: the example manifests");
    }
}
