using System.Net;
using System.Text.Json.Nodes;
using AdmissionWebhook.Cluster;
using AdmissionWebhook.Cluster.Kubernetes;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static AdmissionWebhook.Tests.Cluster.FakeApiServer;

namespace AdmissionWebhook.Tests.Cluster;

/// <summary>
/// The real webhook (its Program, DI and HTTPS endpoints) started with <c>--kubeconfig</c> naming WireMock as the API
/// server: ready only after the initial sync, every review answered from memory, watch events followed.
/// </summary>
public sealed class LiveClusterWebhookTests
{
    private const string Vector = "kubevirt/19-hotplug-subnet-missing.json";
    private const string ValidateVm = "/validate-kubevirt-io-v1-virtualmachine";
    private const string SubnetVector = "kubeovn/13-subnet-provider-nad-missing.json";
    private const string ValidateSubnet = "/validate-kubeovn-io-v1-subnet";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hotplug_denied_for_a_missing_subnet_is_allowed_once_a_watch_event_adds_it()
    {
        var vector = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Vectors, Vector), Ct))!.AsObject();
        var objects = vector["cluster"]!.AsArray().Select(n => n!.AsObject()).ToList();
        JsonObject[] nads = [.. objects.Where(o => o["kind"]!.GetValue<string>() == "NetworkAttachmentDefinition").Select(WithResourceVersion("5"))];
        JsonObject[] subnets = [.. objects.Where(o => o["kind"]!.GetValue<string>() == "Subnet").Select(WithResourceVersion("6"))];
        using var api = new FakeApiServer();
        using var pki = new TestPki();
        // Until the test queues the lists, the API server fails them: the webhook must not become ready.
        api.QueueList(NadPath, FakeResponse.Status(503, "ServiceUnavailable"));
        api.QueueList(SubnetPath, FakeResponse.Status(503, "ServiceUnavailable"));
        using var webhook = StartWebhook(api, pki);
        using var client = webhook.CreateTlsClient();
        var source = Assert.IsType<KubernetesClusterSource>(webhook.Services.GetRequiredService<IClusterSource>());
        var review = ReviewClient.Envelope(vector["request"]!.AsObject());

        await Eventually.HoldsAsync(() => api.Requests(NadPath, watch: false).Count >= 2, "list retries");
        using (var notReady = await client.GetAsync("/readyz", Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        }
        var beforeSync = await ReviewClient.PostRawAsync(client, ValidateVm, review.ToJsonString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, beforeSync.Status);

        api.QueueList(NadPath, FakeResponse.List("10", null, nads));
        api.QueueList(SubnetPath, FakeResponse.List("20", null, subnets));
        await Eventually.HoldsAsync(() => source.IsSynced, "the initial sync");
        using (var ready = await client.GetAsync("/readyz", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        var requestsBeforeReviews = api.Received.Count;

        var denied = await ReviewClient.ReviewAsync(client, ValidateVm, review);

        Assert.False(denied.Allowed, "the hot-plug onto attachnet2 must be denied while no Subnet carries its provider");
        Assert.Equal(["VmHotplugSubnetMissing"], denied.Status!.Details!.Causes.Select(c => c.Reason).Distinct());

        await Eventually.HoldsAsync(() => api.Requests(SubnetPath, watch: true).Count >= 1, "the Subnet watch");
        var subnet = ClusterObjects.Subnet("attachnet2", "attachnet2.default.ovn", "21", "172.18.0.0/16");
        api.QueueWatch(SubnetPath, FakeResponse.Lines(FakeResponse.Event("ADDED", subnet)));
        await Eventually.HoldsAsync(() => source.FindSubnetsByProvider("attachnet2.default.ovn").Count == 1, "the ADDED Subnet");

        var allowed = await ReviewClient.ReviewAsync(client, ValidateVm, ReviewClient.Envelope(vector["request"]!.AsObject()));

        Assert.True(allowed.Allowed, $"allowed once the Subnet exists: {allowed.Status?.Message}");
        // Reviews never called the API server: every request after the sync is a watch.
        Assert.All(api.Received.Skip(requestsBeforeReviews), r => Assert.Equal("true", Param(r, "watch")));
        Assert.Equal(0, source.FallbackGets);
    }

    [Fact]
    public async Task A_subnet_naming_a_nad_the_cache_lacks_costs_one_get_and_is_warned_about_until_the_watch_brings_the_nad()
    {
        var vector = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Vectors, SubnetVector), Ct))!.AsObject();
        JsonObject[] subnets = [.. vector["cluster"]!.AsArray().Select(n => n!.AsObject()).Select(WithResourceVersion("6"))];
        using var api = new FakeApiServer();
        using var pki = new TestPki();
        api.QueueList(NadPath, FakeResponse.List("10", null));
        api.QueueList(SubnetPath, FakeResponse.List("20", null, subnets));
        using var webhook = StartWebhook(api, pki);
        using var client = webhook.CreateTlsClient();
        var source = (KubernetesClusterSource)webhook.Services.GetRequiredService<IClusterSource>();
        await Eventually.HoldsAsync(() => source.IsSynced, "the initial sync");
        await Eventually.HoldsAsync(() => api.Requests(NadPath, watch: true).Count >= 1, "the NAD watch");
        const string get = "/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions/missingnet";

        var first = await ReviewClient.ReviewAsync(client, ValidateSubnet, ReviewClient.Envelope(vector["request"]!.AsObject()));
        var second = await ReviewClient.ReviewAsync(client, ValidateSubnet, ReviewClient.Envelope(vector["request"]!.AsObject()));
        api.QueueWatch(NadPath, FakeResponse.Lines(FakeResponse.Event("ADDED", ClusterObjects.Nad("default", "missingnet", "11"))));
        await Eventually.HoldsAsync(() => source.Nads.Find(new("default", "missingnet")) is not null, "the ADDED NAD");
        var third = await ReviewClient.ReviewAsync(client, ValidateSubnet, ReviewClient.Envelope(vector["request"]!.AsObject()));

        // A missing NAD is only a warning (the Kube-OVN docs create the Subnet first); once the NAD exists it goes away.
        Assert.True(first.Allowed);
        Assert.StartsWith("SubnetProviderNadMissing: ", Assert.Single(first.Warnings!), StringComparison.Ordinal);
        Assert.StartsWith("SubnetProviderNadMissing: ", Assert.Single(second.Warnings!), StringComparison.Ordinal);
        Assert.True(third.Allowed, third.Status?.Message);
        Assert.Null(third.Warnings);
        // One live GET for the miss; the second review was answered by the negative cache, the third by the watch.
        Assert.Single(api.Received, r => r.Path == get);
        Assert.Equal((1, 1), (source.FallbackGets, source.NegativeCacheHits));

        // The same figures reach Prometheus. Under load a scrape has come back with target_info alone (the exporter
        // collected nothing that time, as opentelemetry-dotnet#5713 reports), so a blank scrape is retried; a scrape
        // that has metrics must show exactly these values.
        var metrics = await ScrapeWithMetricsAsync(client);
        Assert.Contains("admission_cluster_lookup_fallbacks_total{otel_scope_name=\"AdmissionWebhook\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("admission_cluster_lookup_negative_hits_total{otel_scope_name=\"AdmissionWebhook\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("admission_cluster_objects{otel_scope_name=\"AdmissionWebhook\",resource=\"k8s.cni.cncf.io/v1/network-attachment-definitions\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("admission_cluster_objects{otel_scope_name=\"AdmissionWebhook\",resource=\"kubeovn.io/v1/subnets\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("admission_cluster_synced{otel_scope_name=\"AdmissionWebhook\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_api_server_keeps_the_webhook_ready_answers_503_for_a_miss_and_catches_up_when_it_returns()
    {
        var vector = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Vectors, SubnetVector), Ct))!.AsObject();
        using var api = new FakeApiServer();
        using var pki = new TestPki();
        api.QueueList(NadPath, FakeResponse.List("10", null, ClusterObjects.Nad("default", "attachnet", "5")));
        api.QueueList(SubnetPath, FakeResponse.List("20", null));
        using var webhook = StartWebhook(api, pki);
        using var client = webhook.CreateTlsClient();
        var source = (KubernetesClusterSource)webhook.Services.GetRequiredService<IClusterSource>();
        await Eventually.HoldsAsync(() => source.IsSynced, "the initial sync");

        api.Stop();
        await Eventually.HoldsAsync(() => !source.NadCache.ApiServerReachable, "the loss of the API server");
        using var ready = await client.GetAsync("/readyz", Ct);
        var missing = await ReviewClient.PostRawAsync(client, ValidateSubnet, ReviewClient.Envelope(vector["request"]!.AsObject()).ToJsonString());
        var request = vector["request"]!.DeepClone().AsObject();
        request["object"]!["spec"]!["provider"] = "attachnet.default.ovn";
        var cached = await ReviewClient.ReviewAsync(client, ValidateSubnet, ReviewClient.Envelope(request));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, missing.Status);
        Assert.Contains("default/missingnet", missing.Body, StringComparison.Ordinal);
        Assert.True(cached.Allowed, cached.Status?.Message);

        // The API server comes back: the watch resumes from where it was and the NAD created meanwhile arrives.
        api.Restart();
        api.QueueWatch(NadPath, FakeResponse.Lines(FakeResponse.Event("ADDED", ClusterObjects.Nad("default", "missingnet", "11"))));
        await Eventually.HoldsAsync(() => source.Nads.Find(new("default", "missingnet")) is not null, "the NAD after the return");
        var after = await ReviewClient.ReviewAsync(client, ValidateSubnet, ReviewClient.Envelope(vector["request"]!.AsObject()));

        Assert.True(after.Allowed, after.Status?.Message);
        Assert.True(source.NadCache.ApiServerReachable);
        Assert.Single(api.Requests(NadPath, watch: false));
    }

    [Fact]
    public void Without_switches_or_a_cluster_the_webhook_reads_the_example_manifests()
    {
        using var pki = new TestPki();
        using var webhook = new WebhookServer(pki, RepositoryPaths.Examples);

        Assert.IsType<ManifestClusterSource>(webhook.Services.GetRequiredService<IClusterSource>());
        Assert.IsType<NoClusterViewStatistics>(webhook.Services.GetRequiredService<IClusterViewStatistics>());
    }

    /// <summary>The webhook started with <c>--kubeconfig</c> naming the fake API server (and no manifests).</summary>
    private static WebhookServer StartWebhook(FakeApiServer api, TestPki pki) => new(pki, RepositoryPaths.Examples, new Dictionary<string, string?>
    {
        ["Webhook:Manifests"] = "",
        ["Webhook:Kubeconfig"] = api.WriteKubeconfig(pki.Directory),
        ["ClusterView:InitialBackoff"] = "00:00:00.020",
        ["ClusterView:MaxBackoff"] = "00:00:00.100",
        // Generous on a loaded test machine; the bound itself is tested against the cache directly.
        ["ClusterView:FallbackGetTimeout"] = "00:00:05",
        ["ClusterView:NegativeCacheTtl"] = "00:01:00",
    });

    private static Func<JsonObject, JsonObject> WithResourceVersion(string resourceVersion) => o =>
    {
        var copy = o.DeepClone().AsObject();
        copy["metadata"]!["resourceVersion"] = resourceVersion;
        return copy;
    };

    private static async Task<string> ScrapeWithMetricsAsync(HttpClient client)
    {
        var text = string.Empty;
        await Eventually.HoldsAsync(async () =>
        {
            text = await client.GetStringAsync("/metrics", Ct);
            return text.Contains("admission_cluster_synced", StringComparison.Ordinal);
        }, "a scrape with the webhook's metrics");
        return text;
    }
}
