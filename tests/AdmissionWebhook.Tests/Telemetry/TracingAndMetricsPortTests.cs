using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AdmissionWebhook.Tests.Cluster;
using AdmissionWebhook.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AdmissionWebhook.Tests.Telemetry;

public sealed class TracingAndMetricsPortTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly WebhookServer _server;

    // Port 0: Kestrel binds a free port itself, read back from the server's addresses (no probe-then-bind race).
    public TracingAndMetricsPortTests() =>
        _server = new WebhookServer(_pki, RepositoryPaths.Examples, new Dictionary<string, string?> { ["Webhook:MetricsPort"] = "0" });

    [Fact]
    public async Task Review_span_continues_the_API_servers_traceparent_and_carries_the_decision()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = _server.CreateTlsClient();
        var review = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "reviews", "hotplug-dyniface1.json")))!.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/validate-kubevirt-io-v1-virtualmachine")
        {
            Content = new StringContent(review, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The server stops the span after the response is written: wait for it.
        await Eventually.HoldsAsync(() => !spans.IsEmpty, "the review span to stop");

        var span = Assert.Single(spans);
        Assert.Equal("virtualmachines", span.GetTagItem("admission.resource"));
        Assert.Equal("UPDATE", span.GetTagItem("admission.operation"));
        Assert.Equal("allowed", span.GetTagItem("admission.decision"));
        Assert.Equal("validate", span.GetTagItem("admission.webhook"));
    }

    [Fact]
    public async Task Metrics_port_serves_metrics_over_plain_HTTP_and_nothing_else()
    {
        _ = _server.BaseAddress;
        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{MetricsPort()}/") };

        using var metrics = await plain.GetAsync("/metrics", TestContext.Current.CancellationToken);
        using var webhook = await plain.PostAsync("/validate-kubevirt-io-v1-virtualmachine", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var health = await plain.GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, health.StatusCode);
    }

    /// <summary>The port Kestrel bound for the plain-HTTP metrics listener.</summary>
    private int MetricsPort()
    {
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(a => a.StartsWith("http://", StringComparison.Ordinal));
        return new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
    }

    public void Dispose()
    {
        _server.Dispose();
        _pki.Dispose();
    }
}
