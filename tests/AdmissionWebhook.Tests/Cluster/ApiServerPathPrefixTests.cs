extern alias aot;

using AdmissionWebhook.Cluster.Kubernetes;

namespace AdmissionWebhook.Tests.Cluster;

/// <summary>
/// An API server address with a path, as proxies give it (Rancher's <c>https://rancher/k8s/clusters/c-xxxxx</c>, with or
/// without a closing slash): every request goes below that path, never beside it. (KubernetesClient gives its base
/// address a closing slash, which the requests written in <see cref="KubernetesResourceClient"/> rely on.)
/// </summary>
public sealed class ApiServerPathPrefixTests
{
    [Theory]
    [InlineData("/k8s/clusters/c-1")]
    [InlineData("/k8s/clusters/c-1/")]
    public async Task Requests_keep_the_path_of_the_api_server_address(string prefix)
    {
        using var api = new FakeApiServer();
        using var client = new aot::k8s.Kubernetes(new aot::k8s.KubernetesClientConfiguration { Host = api.Url + prefix, AccessToken = FakeApiServer.Token });
        var resource = new KubernetesResourceClient(client, "kubeovn.io", "v1", "subnets");

        // Nothing is mapped below the prefix, so the fake answers 404: the get reports the object absent.
        Assert.Null(await resource.GetAsync(null, "attachnet", TestContext.Current.CancellationToken));

        var request = Assert.Single(api.LogEntries).RequestMessage;
        Assert.Equal("/k8s/clusters/c-1/apis/kubeovn.io/v1/subnets/attachnet", request.Path);
        Assert.Equal($"Bearer {FakeApiServer.Token}", Assert.Single(request.Headers!["Authorization"]));
    }
}
