using AdmissionWebhook.Cluster.Kubernetes;

namespace AdmissionWebhook.Tests.Cluster;

/// <summary>Which cluster view the webhook reads (docs/cluster-view.md): explicit switches beat the environment.</summary>
public sealed class ClusterSourceChoiceTests
{
    [Theory]
    [InlineData("/k/config", null, true, "/env/config", "Kubeconfig", "/k/config")]
    [InlineData(null, "/manifests", true, "/env/config", "Manifests", "/manifests")]
    [InlineData(null, null, true, "/env/config", "InCluster", null)]
    [InlineData(null, null, false, "/env/config", "Kubeconfig", "/env/config")]
    [InlineData(null, null, false, null, "Manifests", null)]
    [InlineData("", "", false, "", "Manifests", null)]
    public void Chooses_by_precedence(string? kubeconfig, string? manifests, bool inCluster, string? environment, string kind, string? path)
    {
        var choice = ClusterSourceChoice.Choose(kubeconfig, manifests, inCluster, environment);

        Assert.Equal((kind, path), (choice.Kind.ToString(), choice.Path));
    }

    [Fact]
    public void Refuses_both_kubeconfig_and_manifests()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClusterSourceChoice.Choose("/k/config", "/manifests", false, null));

        Assert.Contains("pick one", error.Message, StringComparison.Ordinal);
    }
}
