using System.Net;
using System.Text.Json.Nodes;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Telemetry;

/// <summary>A running webhook exposes its signals: reviews by labels, durations in the API server's buckets, rule codes.</summary>
public sealed class MetricsEndpointTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly WebhookServer _server;

    public MetricsEndpointTests() => _server = new WebhookServer(_pki, RepositoryPaths.Examples);

    private static JsonObject Review(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "reviews", file)))!.AsObject();

    [Fact]
    public async Task Scrape_after_reviews_finds_counters_with_their_labels()
    {
        using var client = _server.CreateTlsClient();
        var hotplug = Review("hotplug-dyniface1.json");
        await ReviewClient.ReviewAsync(client, "/validate-kubevirt-io-v1-virtualmachine", hotplug);
        var broken = (JsonObject)hotplug.DeepClone();
        broken["request"]!["uid"] = "uid-broken";
        broken["request"]!["object"]!["spec"]!["template"]!["spec"]!["networks"] = new JsonArray();
        var denied = await ReviewClient.ReviewAsync(client, "/validate-kubevirt-io-v1-virtualmachine", broken);
        Assert.False(denied.Allowed);
        await ReviewClient.PostRawAsync(client, "/validate-kubevirt-io-v1-virtualmachine", "garbage");

        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Line(text, "admission_reviews_total{", "decision=\"allowed\"", "operation=\"UPDATE\"", "resource=\"virtualmachines\"", "webhook=\"validate\""), text, StringComparison.Ordinal);
        Assert.Contains(Line(text, "admission_reviews_total{", "decision=\"denied\"", "resource=\"virtualmachines\""), text, StringComparison.Ordinal);
        Assert.Contains(Line(text, "admission_reviews_total{", "decision=\"errored\"", "operation=\"unknown\""), text, StringComparison.Ordinal);
        Assert.Contains(Line(text, "admission_rule_failures_total{", "action=\"deny\"", "code=\"VmInterfaceWithoutNetwork\""), text, StringComparison.Ordinal);
        foreach (var bound in new[] { "0.0001", "0.005", "0.025", "0.1", "0.5", "1", "2.5", "10" })
        {
            Assert.Contains(Line(text, "admission_review_duration_seconds_bucket{", $"le=\"{bound}\""), text, StringComparison.Ordinal);
        }
        Assert.Contains("admission_requests_in_flight", text, StringComparison.Ordinal);
        Assert.Contains(Line(text, "admission_cluster_synced"), text, StringComparison.Ordinal);
        var expiry = Line(text, "admission_certificate_expiry");
        var seconds = double.Parse(expiry[(expiry.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(_pki.Ca.NotAfter.ToUniversalTime()).AddMinutes(-1).ToUnixTimeSeconds(), seconds, 2.0);
    }

    [Fact]
    public async Task Scrape_shows_the_build_version_and_the_documented_metric_names()
    {
        using var client = _server.CreateTlsClient();

        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var info = Line(text, "admission_webhook_build_info{", $"version=\"{AdmissionWebhook.Hosting.BuildInfo.Version}\"");
        Assert.Equal("1", info.Split(' ')[1]);
        // The README names these; a rename must change it too.
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "README.md"), TestContext.Current.CancellationToken);
        foreach (var name in new[] { "admission_webhook_build_info", "admission_certificate_expiry_seconds", "admission_cluster_synced" })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
            Assert.Contains($"`{name}", readme, StringComparison.Ordinal);
        }
    }

    /// <summary>The first line of the exposition that starts with the metric and carries every label.</summary>
    private static string Line(string exposition, string metric, params string[] labels)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(metric, StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal)));
        Assert.True(line is not null, $"no {metric} line with {string.Join(", ", labels)} in:\n{exposition}");
        return line;
    }

    public void Dispose()
    {
        _server.Dispose();
        _pki.Dispose();
    }
}
