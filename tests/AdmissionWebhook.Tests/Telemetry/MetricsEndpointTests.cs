using System.Net;
using System.Text.Json.Nodes;
using AdmissionWebhook.Tests.TestSupport;

namespace AdmissionWebhook.Tests.Telemetry;

/// <summary>
/// A running webhook exposes its signals: reviews by labels, durations in the API server's buckets, rule codes, each
/// checked for its value after known reviews. The exporter listens to the webhook's meter by name, which every host in
/// the test process shares, so the class runs alone (after the parallel classes) and compares scrapes before and after.
/// </summary>
[Collection(nameof(MetricsEndpointTests))]
public sealed class MetricsEndpointTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly WebhookServer _server;

    public MetricsEndpointTests() => _server = new WebhookServer(_pki, RepositoryPaths.Examples);

    private static JsonObject Review(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "reviews", file)))!.AsObject();

    [Fact]
    public async Task Counters_after_known_reviews_count_them_by_decision_and_rule_code()
    {
        using var client = _server.CreateTlsClient();
        var before = await ScrapeAsync(client);
        var hotplug = Review("hotplug-dyniface1.json");
        var allowed = await ReviewClient.ReviewAsync(client, ValidateVm, hotplug);
        var broken = (JsonObject)hotplug.DeepClone();
        broken["request"]!["uid"] = "uid-broken";
        broken["request"]!["object"]!["spec"]!["template"]!["spec"]!["networks"] = new JsonArray();
        var denied = await ReviewClient.ReviewAsync(client, ValidateVm, broken);
        var (garbageStatus, _) = await ReviewClient.PostRawAsync(client, ValidateVm, "garbage");

        var after = await ScrapeAsync(client);
        double Delta(string metric, params string[] labels) => Sum(after, metric, labels) - Sum(before, metric, labels);

        Assert.True(allowed.Allowed);
        Assert.False(denied.Allowed);
        Assert.Equal(HttpStatusCode.BadRequest, garbageStatus);
        var vmValidate = new[] { "resource=\"virtualmachines\"", "webhook=\"validate\"" };
        Assert.Equal(1, Delta(ReviewsTotal, [.. vmValidate, "operation=\"UPDATE\"", "decision=\"allowed\""]));
        Assert.Equal(1, Delta(ReviewsTotal, [.. vmValidate, "operation=\"UPDATE\"", "decision=\"denied\""]));
        Assert.Equal(1, Delta(ReviewsTotal, [.. vmValidate, "operation=\"unknown\"", "decision=\"errored\""]));
        Assert.Equal(3, Delta(ReviewsTotal, vmValidate));

        // One count per failure the denial carries, under its code and the deny action.
        var causes = denied.Status!.Details!.Causes.GroupBy(c => c.Reason).ToDictionary(g => g.Key!, g => g.Count(), StringComparer.Ordinal);
        Assert.True(causes.ContainsKey("VmInterfaceWithoutNetwork"), string.Join(", ", causes.Keys));
        foreach (var (code, count) in causes)
        {
            Assert.Equal(count, Delta(RuleFailuresTotal, $"code=\"{code}\"", "action=\"deny\""));
        }
        Assert.Equal(causes.Values.Sum(), Delta(RuleFailuresTotal, "action=\"deny\""));

        // Every review has finished: the in-flight gauge is back to zero.
        Line(after, "admission_requests_in_flight");
        Assert.Equal(0, Sum(after, "admission_requests_in_flight"));

        // Every answered review is timed once; the API server's buckets are all exposed.
        Assert.Equal(3, Delta("admission_review_duration_seconds_count", vmValidate));
        Assert.Equal(3, Delta("admission_review_duration_seconds_bucket{", [.. vmValidate, "le=\"+Inf\""]));
        foreach (var bound in new[] { "0.0001", "0.005", "0.025", "0.1", "0.5", "1", "2.5", "10" })
        {
            Line(after, "admission_review_duration_seconds_bucket{", $"le=\"{bound}\"");
        }
    }

    [Fact]
    public async Task Gauges_report_the_cluster_view_and_the_certificate()
    {
        using var client = _server.CreateTlsClient();

        var text = await ScrapeAsync(client);

        Assert.Equal(1, Value(Line(text, "admission_cluster_synced")));
        var expiry = Value(Line(text, "admission_certificate_expiry"));
        Assert.Equal(new DateTimeOffset(_pki.Ca.NotAfter.ToUniversalTime()).AddMinutes(-1).ToUnixTimeSeconds(), expiry, 2.0);
    }

    private const string ValidateVm = "/validate-kubevirt-io-v1-virtualmachine";
    private const string ReviewsTotal = "admission_reviews_total{";
    private const string RuleFailuresTotal = "admission_rule_failures_total{";

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
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
        // The GC settings this process runs with, as the runtime reports them, and the runtime's own meter beside ours.
        var gc = Line(text, "admission_webhook_gc_settings{",
            $"server=\"{(System.Runtime.GCSettings.IsServerGC ? "true" : "false")}\"",
            $"concurrent=\"{(System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? "false" : "true")}\"");
        Assert.Equal("1", gc.Split(' ')[1]);
        Line(text, "dotnet_gc_collections_total{", "gc_heap_generation=\"gen0\"");
        foreach (var name in new[] { "admission_webhook_build_info", "admission_webhook_gc_settings", "admission_certificate_expiry_seconds", "admission_cluster_synced" })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
            Assert.Contains($"`{name}", readme, StringComparison.Ordinal);
        }
    }

    /// <summary>The first line of the exposition that starts with the metric and carries every label.</summary>
    private static string Line(string exposition, string metric, params string[] labels)
    {
        var line = Lines(exposition, metric, labels).FirstOrDefault();
        Assert.True(line is not null, $"no {metric} line with {string.Join(", ", labels)} in:\n{exposition}");
        return line;
    }

    /// <summary>The sum over every series of the metric that carries these labels (0 when there is none yet).</summary>
    private static double Sum(string exposition, string metric, params string[] labels) => Lines(exposition, metric, labels).Sum(Value);

    private static IEnumerable<string> Lines(string exposition, string metric, string[] labels) =>
        exposition.Split('\n').Where(l => l.StartsWith(metric, StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal)));

    /// <summary>The sample value: the first field after the series name and its labels.</summary>
    private static double Value(string line)
    {
        var afterLabels = line.Contains('}', StringComparison.Ordinal) ? line[(line.LastIndexOf('}') + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
        return double.Parse(afterLabels.Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _server.Dispose();
        _pki.Dispose();
    }
}

/// <summary>Counters are per meter name, shared by every host in the process: the classes that check metric values run alone.</summary>
[CollectionDefinition(nameof(MetricsEndpointTests), DisableParallelization = true)]
public sealed class MetricsEndpointCollection;
